import CarnetEngine

/// How results are printed: a drawn table, or machine-readable text.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, markdown, json
}

/// Which characters tables and charts are drawn with.
public enum Charset: String, Sendable, CaseIterable {
    case unicode, ascii
}

/// The user's settings (`set NAME VALUE`); each has a name, a current value and a help line.
public struct Settings: Sendable, Equatable {
    public var locale: DisplayLocale = .en
    public var output: OutputFormat = .table
    public var charset: Charset = .unicode
    /// Rows `show` prints when no `limit` is given.
    public var showRows = 20
    /// Print each command's run time on standard error.
    public var timer = false
    /// Table width in characters; nil means the terminal's width (80 when unknown).
    public var width: Int?

    public init() {}

    /// The setting names, their allowed values and help, in the order `set` lists them.
    public static let catalogue: [(name: String, values: String, help: String)] = [
        ("locale", "en | fr", "how numbers and dates are written (fr: 1 234,56 and 04/03/2022)"),
        ("output", "table | csv | markdown | json", "how results are printed"),
        ("charset", "unicode | ascii", "characters used to draw tables"),
        ("rows", "N", "rows `show` prints when no limit is given"),
        ("timer", "on | off", "print each command's run time"),
        ("width", "N | auto", "table width in characters"),
        ("memory_limit", "SIZE | N% | default", "memory loads and queries may use before they stop (4GB, 50%; default: 80% of the machine's)"),
    ]

    public func value(of name: String) -> String? {
        switch name {
        case "locale": return locale.rawValue
        case "output": return output.rawValue
        case "charset": return charset.rawValue
        case "rows": return String(showRows)
        case "timer": return timer ? "on" : "off"
        case "width": return width.map(String.init) ?? "auto"
        case "memory_limit": return ByteSize.format(MemoryLimit.bytes, compact: true)
        default: return nil
        }
    }

    public mutating func set(_ name: String, to rawValue: String) throws {
        let value = rawValue.lowercased()
        func bad(_ allowed: String) -> CommandError {
            CommandError("\(name) cannot be \(quotedText(rawValue))", hint: "use one of: \(allowed)")
        }
        switch name.lowercased() {
        case "locale":
            guard let v = DisplayLocale(rawValue: value) else { throw bad("en, fr") }
            locale = v
        case "output", "mode":
            guard let v = OutputFormat(rawValue: value) else { throw bad("table, csv, markdown, json") }
            output = v
        case "charset":
            guard let v = Charset(rawValue: value) else { throw bad("unicode, ascii") }
            charset = v
        case "rows":
            guard let v = Int(value), v > 0 else { throw bad("a positive whole number") }
            showRows = v
        case "timer":
            guard let v = parseSwitch(value) else { throw bad("on, off") }
            timer = v
        case "width":
            if value == "auto" { width = nil; return }
            guard let v = Int(value), v >= 20 else { throw bad("auto, or a number from 20") }
            width = v
        case "memory_limit":
            // Process-wide, not per session: resident memory is one number per process.
            if value == "default" { MemoryLimit.reset(); return }
            if value.hasSuffix("%"), let share = Double(value.dropLast()), share > 0, share <= 100 {
                MemoryLimit.bytes = Int(Double(MemoryLimit.machineBytes) * share / 100)
                return
            }
            guard let bytes = ByteSize.parse(value) else { throw bad("a size such as 4GB, 512MB or 2GiB, a share such as 50%, or default") }
            guard bytes >= 1 << 20 else { throw bad("at least 1MB") }
            MemoryLimit.bytes = bytes
        default:
            let names = Settings.catalogue.map(\.name)
            let guess = Suggestion.nearest(to: name, in: names)
            throw CommandError("there is no setting \(quotedText(name))",
                               hint: guess.map { "did you mean `\($0)`?" } ?? "settings are: " + names.joined(separator: ", "),
                               kind: .unknownName)
        }
    }
}

func parseSwitch(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "on", "true", "yes", "oui", "1": return true
    case "off", "false", "no", "non", "0": return false
    default: return nil
    }
}

/// Quotes user text for a message, with invisible control characters spelled out (`\u{1}`):
/// a word that prints as `SELECT` but is not one must not look like one.
func quotedText(_ s: String) -> String {
    var out = "'"
    for scalar in s.unicodeScalars {
        if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out + "'"
}
