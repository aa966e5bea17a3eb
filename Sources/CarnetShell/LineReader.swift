/// What reading one line gave.
public enum LineEvent: Sendable, Equatable {
    case line(String)
    /// Ctrl-C while typing: abandon the line.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// A source of typed lines: libedit at a terminal, standard input in batch mode, a script in tests.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineEvent
    /// Remembers a complete statement for history recall (and saves the history).
    func addHistory(_ statement: String)
}

/// Lines given in advance: drives the shell loop in tests exactly as a user at a terminal would.
public final class ScriptedLineReader: LineReader {
    private var events: [LineEvent]
    public private(set) var prompts: [String] = []
    public private(set) var history: [String] = []

    public init(_ events: [LineEvent]) {
        self.events = events
    }

    public convenience init(lines: [String]) {
        self.init(lines.map { .line($0) })
    }

    public func readLine(prompt: String) -> LineEvent {
        prompts.append(prompt)
        return events.isEmpty ? .endOfInput : events.removeFirst()
    }

    public func addHistory(_ statement: String) {
        history.append(statement)
    }
}

/// Standard input read line by line, without prompt or history (batch mode).
public final class StandardInputLineReader: LineReader {
    public init() {}

    public func readLine(prompt: String) -> LineEvent {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    public func addHistory(_ statement: String) {}
}
