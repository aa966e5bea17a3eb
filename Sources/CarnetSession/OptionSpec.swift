import CarnetEngine

/// What the value of a `KEY=VALUE` option is: the shared parser checks it, completion offers
/// it, help describes it.
public enum OptionValue: Sendable, Equatable {
    /// A column of the command's table.
    case column
    /// Columns separated by commas (`y=depenses,recettes`).
    case columns
    /// Exactly one of these words (matched without regard to case).
    case choice([String])
    /// Free text the command reads itself; completion offers these usual values.
    case suggested([String], placeholder: String)
    /// `true` or `false` (also on/off, yes/no, oui/non, 1/0).
    case flag
    /// A whole number above zero.
    case count
    /// A whole number, 0 or more (`skip=0` turns a guess off).
    case wholeNumber
    /// A number above zero.
    case positiveNumber
    /// Free text: nothing to complete.
    case text(String)
    /// A file: a saved notebook rewrites it relative to its own folder, completion offers paths.
    case path(String)
}

/// One `KEY=VALUE` option of a command, declared once in its `CommandSpec`: the parser, `help`,
/// completion, did-you-mean and notebook path rewriting all read this declaration.
public struct OptionSpec: Sendable, Equatable {
    public let name: String
    /// Other keys accepted for the same option (`sep=` for `delimiter=`); help lists them.
    public let aliases: [String]
    public let value: OptionValue
    /// One line for `help`.
    public let help: String

    public init(_ name: String, _ value: OptionValue, aliases: [String] = [], help: String = "") {
        self.name = name
        self.aliases = aliases
        self.value = value
        self.help = help
    }

    /// Whether `key` (lower-cased) names this option.
    public func answers(to key: String) -> Bool {
        key == name || aliases.contains(key)
    }

    /// What help shows after `name=`.
    public var placeholder: String {
        switch value {
        case .column: return "COL"
        case .columns: return "COL[,COL …]"
        case .choice(let words): return words.joined(separator: "|")
        case .suggested(_, let placeholder), .text(let placeholder), .path(let placeholder): return placeholder
        case .flag: return "true|false"
        case .count, .wholeNumber: return "N"
        case .positiveNumber: return "W"
        }
    }

    /// The values completion offers after `name=` (columns are the completer's to find).
    public var suggestions: [String] {
        switch value {
        case .choice(let words), .suggested(let words, _): return words
        case .flag: return ["true", "false"]
        case .column, .columns, .count, .wholeNumber, .positiveNumber, .text, .path: return []
        }
    }
}

extension Array where Element == OptionSpec {
    /// The declaration answering to `key`, by name or alias.
    public func named(_ key: String) -> OptionSpec? {
        let lowered = key.lowercased()
        return first { $0.answers(to: lowered) }
    }

    /// `name=` for each option, as completion offers them.
    public var keys: [String] { map { $0.name + "=" } }

    /// The options section of `help NAME`: one aligned line per option.
    public var helpLines: [String] {
        let heads = map { "\($0.name)=\($0.placeholder)" }
        let width = Swift.min(28, heads.map(\.count).max() ?? 0)
        return zip(self, heads).map { option, head in
            var line = head + String(repeating: " ", count: Swift.max(2, width + 2 - head.count))
            line += option.help
            if !option.aliases.isEmpty { line += " (also " + option.aliases.map { $0 + "=" }.joined(separator: ", ") + ")" }
            return line.trimmingWhitespace()
        }
    }
}
