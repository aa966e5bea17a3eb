import ArgumentParser
import CarnetShell

/// The `carnet` executable: the shell by default, `carnet run` to replay notebooks.
struct Carnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carnet",
        abstract: "A notebook-style analysis shell for French local open data.",
        subcommands: [Shell.self, Run.self],
        defaultSubcommand: Shell.self
    )
}

/// `carnet [FILES…]`: the interactive shell, or batch mode when standard input is not a terminal.
struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Start the shell (the default).",
        discussion: """
        With no argument at a terminal, Carnet starts an interactive shell. CSV files given as
        arguments are loaded first; a notebook (.md) is replayed and the shell goes on from its
        end. When standard input is not a terminal, commands are read from it line by line,
        results go to standard output and messages to standard error; the exit status is 1 if
        any command failed.
        """
    )

    @Argument(help: "CSV or TSV files to load, or a notebook (.md) to open.")
    var files: [String] = []

    @Option(name: .customShort("c"), help: "Run these commands (separated by ';') and exit.")
    var commands: String?

    @Flag(help: "Print results as CSV (RFC 4180) instead of drawn tables.")
    var csv = false

    @Flag(help: "Stop at the first command that fails.")
    var bail = false

    func run() throws {
        var options = LaunchOptions()
        options.files = files
        options.commands = commands
        options.csv = csv
        options.bail = bail
        let code = ShellLauncher.run(options)
        if code != 0 { throw ExitCode(code) }
    }
}

/// `carnet run NOTEBOOK.md`: replays notebooks and rewrites (or, with --check, compares) their outputs.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay notebooks: rewrite their outputs, or check that they are unchanged.",
        discussion: "Paths in a notebook are relative to its folder. A notebook that writes outside its folder is refused unless --allow-outside."
    )

    @Argument(help: "Notebooks to replay.")
    var notebooks: [String]

    @Flag(help: "Compare the outputs instead of rewriting them; exit 1 when any differs.")
    var check = false

    @Option(help: "Write the replayed notebook here instead of in place (one notebook only).")
    var output: String?

    @Flag(help: "Let the notebook write files outside its own folder.")
    var allowOutside = false

    func validate() throws {
        if output != nil, notebooks.count > 1 { throw ValidationError("--output takes one notebook") }
        if notebooks.isEmpty { throw ValidationError("name a notebook to run") }
    }

    func run() throws {
        let ok = ShellLauncher.runNotebooks(notebooks, check: check, output: output, allowOutside: allowOutside)
        if !ok { throw ExitCode(1) }
    }
}

Carnet.main()
