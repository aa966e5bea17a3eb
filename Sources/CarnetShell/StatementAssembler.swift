/// Joins typed lines into complete statements: a statement goes on while a quote or a
/// parenthesis is open, and an SQL statement typed at a terminal goes on until `;`.
public struct StatementAssembler: Sendable {
    /// SQL statements wait for `;` at the prompt (in batch mode, the end of a line ends them).
    public var sqlNeedsSemicolon: Bool
    public private(set) var pending: [String] = []

    static let sqlKeywords: Set<String> = ["select", "with", "create", "let", "explain", "insert", "values", "from"]

    public init(sqlNeedsSemicolon: Bool) {
        self.sqlNeedsSemicolon = sqlNeedsSemicolon
    }

    public var isContinuing: Bool { !pending.isEmpty }

    /// Adds a line; returns the statement when it is complete.
    public mutating func add(_ line: String) -> String? {
        if pending.isEmpty, line.trimmingWhitespace().isEmpty { return nil }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        let state = StatementAssembler.scan(text)
        if state.openQuote != nil || state.depth > 0 { return nil }
        if sqlNeedsSemicolon, StatementAssembler.isSQL(text), !state.endsWithSemicolon { return nil }
        pending = []
        return text
    }

    /// Drops a half-typed statement (Ctrl-C).
    public mutating func reset() {
        pending = []
    }

    static func isSQL(_ text: String) -> Bool {
        let first = text.trimmingWhitespace().prefix { $0.isLetter }.lowercased()
        return sqlKeywords.contains(first)
    }

    struct ScanState {
        var openQuote: Character?
        var depth = 0
        var endsWithSemicolon = false
    }

    /// Quotes and parentheses, ignoring `--` comments outside quotes.
    static func scan(_ text: String) -> ScanState {
        var state = ScanState()
        var previous: Character = " "
        var inComment = false
        var lastSignificant: Character = " "
        for c in text {
            if inComment {
                if c == "\n" { inComment = false }
                previous = c
                continue
            }
            if let q = state.openQuote {
                if c == q { state.openQuote = nil }
                previous = c
                continue
            }
            switch c {
            case "'", "\"": state.openQuote = c
            case "(": state.depth += 1
            case ")": state.depth = max(0, state.depth - 1)
            case "-" where previous == "-": inComment = true
            default: break
            }
            if !c.isWhitespace, !(c == "-" && !inComment) { lastSignificant = c }
            previous = c
        }
        state.endsWithSemicolon = lastSignificant == ";"
        return state
    }

    /// Splits `-c` text into statements at `;` outside quotes and parentheses.
    public static func split(_ text: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        var depth = 0
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
                continue
            }
            switch c {
            case "'", "\"": quote = c
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case ";" where depth == 0:
                if !current.trimmingWhitespace().isEmpty { statements.append(current.trimmingWhitespace()) }
                current = ""
                continue
            default: break
            }
            current.append(c)
        }
        if !current.trimmingWhitespace().isEmpty { statements.append(current.trimmingWhitespace()) }
        return statements
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
