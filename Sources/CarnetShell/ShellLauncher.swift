import CarnetIO
import CarnetSession

/// What the `carnet` executable asked for.
public struct LaunchOptions: Sendable {
    /// Files to load before anything else.
    public var files: [String] = []
    /// `-c`: commands separated by `;`, run instead of reading input.
    public var commands: String?
    /// `--csv`: results as CSV.
    public var csv = false
    public var bail = false

    public init() {}
}

/// Starts Carnet: interactive at a terminal (libedit), batch otherwise; returns the exit code.
public enum ShellLauncher {
    public static func run(_ options: LaunchOptions) -> Int32 {
        Terminal.setUTF8Locale()
        let sink = StandardOutputSink()
        let session = Session()
        if options.csv { session.settings.output = .csv }
        let interactive = options.commands == nil && Terminal.isTerminal(fd: 0) && Terminal.isTerminal(fd: 1)
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
        if interactive { Interrupt.install() }

        let reader: LineReader
        if interactive, let editor = LibEditLineReader(completer: Completer(session: session), sink: sink, historyPath: HistoryFile.path()) {
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
        for file in options.files {
            _ = Interrupt.take()
            if repl.runStatement("load " + CommandWords.quote(file), line: nil) == .stop { return repl.exitCode }
        }
        if let commands = options.commands {
            return repl.run(commands: commands)
        }
        return repl.run()
    }
}
