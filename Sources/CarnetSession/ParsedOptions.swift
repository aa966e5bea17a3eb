import CarnetEngine

/// The `KEY=VALUE` words of one command line, checked against the command's declared options:
/// each value has passed its kind's check (a flag is true or false, a count a whole number above
/// zero) and is read back typed. An unknown key, an alias's typo or a bad value fails at the
/// word, with the allowed keys or values in the hint.
public struct ParsedOptions: Sendable {
    /// The command as messages name it (`load`, `export report`).
    public let command: String
    public let declared: [OptionSpec]
    private var values: [String: (text: String, offset: Int)] = [:]

    public init(command: String, declared: [OptionSpec]) {
        self.command = command
        self.declared = declared
    }

    /// Reads one option word; `base` is where the word's text starts in the command line.
    public mutating func add(_ word: CommandWord, base: Int = 0) throws {
        let at = base + word.offset
        guard let (key, value) = word.option else {
            throw CommandError("unexpected \(quotedText(word.text))", hint: "options are KEY=VALUE: " + declared.keys.joined(separator: " "), position: at, kind: .syntax)
        }
        guard let option = declared.named(key) else {
            let names = declared.flatMap { [$0.name] + $0.aliases }
            let guess = Suggestion.nearest(to: key, in: names).flatMap { declared.named($0)?.name }
            throw CommandError("\(command) has no option \(quotedText(key))",
                               hint: guess.map { "did you mean `\($0)=`?" } ?? "options are: " + declared.keys.joined(separator: " "),
                               position: at, kind: .unknownName)
        }
        try Self.check(value, of: option, command: command, at: at)
        values[option.name] = (value, at)
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The value as written, for `.text`, `.suggested`, `.path` and `.column` options.
    public func text(_ name: String) -> String? { values[declared(name)]?.text }

    /// Where the option's word starts in the command line (for errors the command finds later).
    public func offset(_ name: String) -> Int? { values[declared(name)]?.offset }

    /// A `.choice` value, lower-cased.
    public func choice(_ name: String) -> String? { values[declared(name)]?.text.lowercased() }

    public func flag(_ name: String) -> Bool? { values[declared(name)].flatMap { parseSwitch($0.text) } }

    public func count(_ name: String) -> Int? { values[declared(name)].flatMap { Int($0.text) } }

    public func number(_ name: String) -> Double? { values[declared(name)].flatMap { Double($0.text) } }

    /// A `.columns` value split at its commas.
    public func columns(_ name: String) -> [String]? {
        values[declared(name)]?.text.split(separator: ",").map { String($0).trimmingWhitespace() }
    }

    /// Reading an option the command never declared is a programming error, caught by tests.
    private func declared(_ name: String) -> String {
        precondition(declared.contains { $0.name == name }, "\(command) reads undeclared option \(name)")
        return name
    }

    private static func check(_ value: String, of option: OptionSpec, command: String, at: Int) throws {
        func bad(_ expected: String) -> CommandError {
            CommandError("\(option.name) \(expected)" + (value.isEmpty ? "" : ", not \(quotedText(value))"),
                         hint: "see `help \(command.split(separator: " ").first ?? "")` for the options", position: at)
        }
        switch option.value {
        case .choice(let words):
            guard words.contains(where: { $0.lowercased() == value.lowercased() }) else {
                throw bad("must be " + Self.alternatives(words.map { "'\($0)'" }))
            }
        case .flag:
            guard parseSwitch(value) != nil else { throw bad("must be true or false") }
        case .count:
            guard let n = Int(value), n > 0 else { throw bad("takes a positive whole number") }
        case .wholeNumber:
            guard let n = Int(value), n >= 0 else { throw bad("takes a whole number (0 or more)") }
        case .positiveNumber:
            guard let w = Double(value), w > 0, w.isFinite else { throw bad("takes a positive number") }
        case .column, .columns, .path:
            guard !value.isEmpty else { throw bad("needs a value") }
        case .text, .suggested:
            break
        }
    }

    /// `a, b or c`.
    static func alternatives(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }
}
