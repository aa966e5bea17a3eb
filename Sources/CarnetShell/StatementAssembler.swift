import CarnetEngine
import CarnetQuery

/// Joins typed lines into complete statements: a statement goes on while a quote or a
/// parenthesis is open. At the prompt an SQL statement goes on until `;`. In batch mode it
/// ends at `;`, or where the next statement (a command, another SELECT) or a blank line starts,
/// so that scripts may spread a query over several lines.
public struct StatementAssembler {
    /// SQL statements wait for `;` (at the prompt).
    public var sqlNeedsSemicolon: Bool
    /// Whether a word starts a statement (a command name): such a line ends a pending query.
    public var isCommandName: (String) -> Bool
    /// Whether a command takes the rest of its line as typed (`note`, `echo`): an apostrophe
    /// in "l'Or" is not an open quote there, and the line is the whole statement.
    public var takesRawText: (String) -> Bool
    public private(set) var pending: [String] = []
    /// Batch mode: a complete-looking SQL statement waiting to see whether the next line goes on.
    private var deferred: [String] = []
    /// Lines read so far, and the line where the statement being assembled starts.
    private var lineCount = 0
    private var startLine = 1

    public init(sqlNeedsSemicolon: Bool, isCommandName: @escaping (String) -> Bool = { _ in false },
                takesRawText: @escaping (String) -> Bool = { _ in false }) {
        self.sqlNeedsSemicolon = sqlNeedsSemicolon
        self.takesRawText = takesRawText
        self.isCommandName = isCommandName
    }

    public var isContinuing: Bool { !pending.isEmpty }

    /// Batch mode: an SQL statement is waiting for the next line to know whether it goes on.
    public var hasDeferred: Bool { !deferred.isEmpty }

    /// A complete statement and the input line it starts on.
    public struct Statement: Equatable {
        public var text: String
        public var line: Int
    }

    /// Adds a line; returns the statements it completes, in order.
    public mutating func add(_ line: String) -> [Statement] {
        lineCount += 1
        var completed: [Statement] = []
        if !deferred.isEmpty {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || startsStatement(trimmed) {
                completed.append(Statement(text: deferred.joined(separator: "\n"), line: startLine))
                deferred = []
            } else {
                pending = deferred
                deferred = []
            }
        }
        if pending.isEmpty {
            if line.trimmingWhitespace().isEmpty { return completed }
            startLine = lineCount
        }
        if pending.isEmpty, takesRawText(String(line.trimmingWhitespace().prefix { !$0.isWhitespace }).lowercased()) {
            completed.append(Statement(text: line, line: lineCount))
            return completed
        }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        let state = StatementAssembler.scan(text)
        if state.openQuote != nil || state.depth > 0 { return completed }
        if SQLParser.looksLikeSQL(text), !state.endsWithSemicolon {
            if sqlNeedsSemicolon { return completed }
            deferred = pending
            pending = []
            return completed
        }
        pending = []
        completed.append(Statement(text: text, line: startLine))
        return completed
    }

    /// The end of the input: the statement still pending, if any.
    public mutating func finish() -> Statement? {
        let rest = deferred + pending
        deferred = []
        pending = []
        return rest.isEmpty ? nil : Statement(text: rest.joined(separator: "\n"), line: startLine)
    }

    private func startsStatement(_ line: String) -> Bool {
        if line.hasPrefix("--") || line.hasPrefix("#") { return false }
        let word = String(line.prefix { !$0.isWhitespace && $0 != "(" && $0 != ";" }).lowercased()
        return SQLParser.looksLikeSQL(line) || isCommandName(word)
    }

    /// Drops a half-typed statement (Ctrl-C).
    public mutating func reset() {
        pending = []
        deferred = []
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
