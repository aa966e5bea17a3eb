import CarnetIO
import CarnetSession

#if canImport(Glibc)
import Glibc
#endif

/// What the `carnet` executable asked for.
public struct LaunchOptions: Sendable {
    /// Files to load before anything else.
    public var files: [String] = []
    /// `-c`: commands separated by `;`, run instead of reading input.
    public var commands: String?
    /// `-f FILE`: a script of commands, read instead of standard input.
    public var script: String?
    /// `--csv`, `--json`, `--markdown`: how results are printed (nil: drawn tables).
    public var output: OutputFormat?
    public var bail = false

    public init() {}
}

/// Starts Carnet: interactive at a terminal (libedit), batch otherwise; returns the exit code.
public enum ShellLauncher {
    public static func run(_ options: LaunchOptions) -> Int32 {
        Terminal.setUTF8Locale()
        let sink = StandardOutputSink()
        let session = Session()
        if let output = options.output { session.settings.output = output }
        var scriptLines: [String]?
        if let script = options.script {
            guard let text = POSIXFile.readText(script) else {
                sink.err("error: cannot read the script \(script): no such file, or not readable text\n")
                return 1
            }
            scriptLines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
            if scriptLines?.last == "" { scriptLines?.removeLast() }
        }
        let interactive = options.commands == nil && scriptLines == nil && Terminal.isTerminal(fd: 0) && Terminal.isTerminal(fd: 1)
        // Not a terminal: $COLUMNS when set, else 100.
        let width = Terminal.width(fd: 1) ?? HistoryFile.environment("COLUMNS").flatMap { Int($0) }.map { max(20, $0) } ?? 100
        var bar: ProgressBar?
        if Terminal.isTerminal(fd: 2) {
            let progressBar = ProgressBar(sink: sink, width: Terminal.width(fd: 2) ?? 80)
            bar = progressBar
            session.loadMonitor = LoadMonitor(
                progress: { progressBar.update(bytesRead: $0, totalBytes: $1) },
                isCancelled: { Interrupt.isRaised })
        }
        if interactive {
            Interrupt.install()
            // Ctrl-C stops a running query too, even when no progress bar is drawn.
            if bar == nil { session.loadMonitor = LoadMonitor(isCancelled: { Interrupt.isRaised }) }
        }

        let reader: LineReader
        if let scriptLines {
            reader = ScriptedLineReader(lines: scriptLines)
        } else if interactive, let editor = LibEditLineReader(completer: Completer(session: session), sink: sink, historyPath: HistoryFile.path()) {
            reader = editor
        } else {
            reader = StandardInputLineReader()
        }
        let repl = Repl(session: session, reader: reader, sink: sink, interactive: interactive,
                        terminalWidth: width, colors: Terminal.colorsAllowed(fd: 2),
                        chartColors: Terminal.colorsAllowed(fd: 1))
        repl.bail = options.bail
        repl.afterCommand = { bar?.clear() }

        if interactive {
            sink.out("Carnet — analysis notebooks for open data. `help` lists the commands, Ctrl-D quits.\n")
        }
        if interactive { setUpJournal(session, reader: reader, sink: sink) }
        for file in options.files {
            _ = Interrupt.take()
            let verb = file.lowercased().hasSuffix(".md") ? "open " : "load "
            if repl.runStatement(verb + CommandWords.quote(file), line: nil) == .stop { return repl.exitCode }
        }
        if let commands = options.commands {
            return repl.run(commands: commands)
        }
        let code = repl.run()
        if interactive, session.document.cells.count > 0, session.journal.map({ !Journal.commands(at: $0.path).isEmpty }) ?? false {
            sink.err("note: \(session.document.cells.count) command(s) since the last save were not saved (`save PATH` keeps them)\n")
        }
        session.journal?.remove()
        return code
    }

    /// Replays notebooks (`carnet run`); prints what it found; returns the exit status: 0 when
    /// all went well, 1 when an output differs (`--check`), 2 when a command failed.
    public static func runNotebooks(_ paths: [String], check: Bool, output: String?, allowOutside: Bool, parameters: [String: String] = [:]) -> Int32 {
        Terminal.setUTF8Locale()
        let sink = StandardOutputSink()
        var runner = NotebookRunner()
        runner.check = check
        runner.outputPath = output
        runner.allowOutside = allowOutside
        runner.parameters = parameters
        var status: Int32 = 0
        for path in paths {
            let report = runner.run(path)
            for message in report.messages { (report.ok ? sink.out : sink.err)(message + "\n") }
            if report.failed { status = 2 } else if !report.ok { status = max(status, 1) }
        }
        return status
    }

    /// A journal for this session; offers to recover the journal a killed session left.
    static func setUpJournal(_ session: Session, reader: LineReader, sink: OutputSink) {
        guard let state = HistoryFile.path().map({ PathMath.folderOf($0) }) else { return }
        HistoryFile.makeParentFolders(of: state + "/journal")
        for leftover in JournalFiles.abandoned(in: state) {
            let commands = Journal.entries(at: leftover)
            guard !commands.isEmpty else { unlink(leftover); continue }
            sink.out("A session was interrupted before it was saved (\(commands.count) command(s) and note(s), last: \(commands.last!.prefix(60))).\n")
            var recovered: [String] = []
            if case .line(let answer) = reader.readLine(prompt: "Recover it? [y/N] "), answer.lowercased().hasPrefix("y") || answer.lowercased().hasPrefix("o") {
                let failures = JournalFiles.recover(commands, into: session)
                recovered = commands
                let notes = recovered.filter { $0.hasPrefix("note ") }.count
                sink.out("recovered \(session.document.cells.count) command(s) and \(notes) note(s)" + (failures.isEmpty ? "" : "; failed: " + failures.joined(separator: ", ")) + "\n")
            }
            // The journal is removed only once its entries are in the new one.
            session.journal = session.journal ?? Journal(path: state + "/journal-\(getpid()).md")
            session.journal?.appendEntries(recovered)
            unlink(leftover)
        }
        if session.journal == nil { session.journal = Journal(path: state + "/journal-\(getpid()).md") }
    }
}
