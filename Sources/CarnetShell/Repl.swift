import CarnetSession

#if canImport(Glibc)
import Glibc
#endif

/// The read–run–print loop shared by the interactive shell and batch mode.
public final class Repl {
    public let session: Session
    let reader: LineReader
    let printer: OutputPrinter
    let interactive: Bool
    /// Stop at the first failed command (`--bail`).
    public var bail = false
    public private(set) var failures = 0
    /// Commands that succeeded and belong in the session's record, in order.
    public private(set) var recorded: [String] = []
    /// Called after each statement, before its output is printed (clears a progress bar).
    public var afterCommand: (() -> Void)?

    public static let prompt = "carnet> "
    public static let continuationPrompt = "   ...> "
    public static let notePrompt = "   note> "

    public init(session: Session, reader: LineReader, sink: OutputSink, interactive: Bool, terminalWidth: Int = 100, colors: Bool = false, chartColors: Bool = false) {
        self.session = session
        self.reader = reader
        self.interactive = interactive
        self.printer = OutputPrinter(sink: sink, terminalWidth: terminalWidth, colors: colors, chartColors: chartColors,
                                     messagesToStandardError: !interactive)
    }

    /// Reads and runs statements until the input ends, `quit`, or (with bail) a failure.
    /// Returns the process exit code: 1 when any command failed.
    @discardableResult
    public func run() -> Int32 {
        var assembler = StatementAssembler(
            sqlNeedsSemicolon: interactive, isCommandName: { CommandRegistry.command(named: $0) != nil },
            takesRawText: { CommandRegistry.command(named: $0)?.takesRawText ?? false })
        // `note` alone: the lines that follow, up to a line `.`, are the note.
        var noteLines: [String]?
        var noteLine = 0
        var lineNumber = 0
        while true {
            let prompt = noteLines != nil ? Repl.notePrompt : (assembler.isContinuing ? Repl.continuationPrompt : Repl.prompt)
            let event = reader.readLine(prompt: prompt)
            if case .line(let text) = event, var lines = noteLines {
                lineNumber += 1
                if text.trimmingWhitespace() == "." {
                    noteLines = nil
                    if runStatement("note " + lines.joined(separator: "\n"), line: noteLine) == .stop { return exitCode }
                } else {
                    lines.append(text)
                    noteLines = lines
                }
                continue
            }
            if case .line = event { lineNumber += 1 }
            switch event {
            case .endOfInput:
                // The input ended inside a statement: run what there is, so errors show.
                if let statement = assembler.finish(), runStatement(statement.text, line: statement.line) == .stop { return exitCode }
                if interactive { printer.sink.out("\n") }
                return exitCode
            case .interrupted:
                assembler.reset()
                noteLines = nil
            case .line(let line):
                if !assembler.isContinuing, line.trimmingWhitespace().lowercased() == "note" {
                    // A query waiting for its end ends here.
                    if let waiting = assembler.finish(), runStatement(waiting.text, line: waiting.line) == .stop { return exitCode }
                    noteLines = []
                    noteLine = lineNumber
                    continue
                }
                for statement in assembler.add(line) {
                    if interactive { reader.addHistory(statement.text.replacingNewlines()) }
                    if runStatement(statement.text, line: statement.line) == .stop { return exitCode }
                }
            }
        }
    }

    /// Runs each statement of `-c` text in order.
    public func run(commands text: String) -> Int32 {
        for statement in StatementAssembler.split(text) where runStatement(statement, line: nil) == .stop {
            break
        }
        return exitCode
    }

    var exitCode: Int32 { failures > 0 ? 1 : 0 }

    enum Next { case go, stop }

    func runStatement(_ statement: String, line: Int?) -> Next {
        let started = monotonicSeconds()
        let outcome = session.execute(statement)
        afterCommand?()
        switch outcome {
        case .empty:
            return .go
        case .success(let output, let isRecorded):
            printer.print(output, settings: session.settings)
            if isRecorded { recorded.append(statement) }
            if session.settings.timer {
                printer.sink.err("run time: \(formatSeconds(monotonicSeconds() - started))\n")
            }
            return output.quit ? .stop : .go
        case .failure(let error):
            failures += 1
            printer.printError(error, statement: statement, line: interactive ? nil : line)
            return bail ? .stop : .go
        }
    }

    private func formatSeconds(_ s: Double) -> String {
        let ms = (s * 1000).rounded() / 1000
        return "\(ms) s"
    }
}

func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
