import Foundation
import ArgumentParser
import CarnetSession
import CarnetShell

/// The `carnet` executable: the shell by default, `carnet run` to replay notebooks.
struct Carnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carnet",
        abstract: "A notebook-style analysis shell for French local open data.",
        version: CarnetVersion.current,
        subcommands: [Shell.self, Run.self],
        defaultSubcommand: Shell.self
    )
}

/// `carnet [FILES…]`: the interactive shell, or batch mode when standard input is not a terminal.
struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Start the shell (the default).",
        usage: "carnet [FILES…] [-c CMDS | -f FILE] [--csv|--json|--markdown] [--bail]",
        discussion: """
        With no argument at a terminal, Carnet starts an interactive shell. CSV files given as arguments are loaded first; a notebook (.md) is replayed and the shell goes on from its end.

        With -c, -f, or when standard input is not a terminal, Carnet runs in batch mode: standard output holds results only (tables, query results, charts), and load reports, confirmations and warnings go to standard error. The exit status is 1 if any command failed.

        Examples:
          carnet datasets/zae-pays-de-lor.csv
          carnet sessions/budget-primitif.md
          carnet --csv -c "load zae.csv as zae; show zae" > out.csv
          carnet -f analyse.carnet --bail > results.txt
        """
    )

    @Argument(help: "CSV or TSV files to load, or a notebook (.md) to open.")
    var files: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ';') and exit.", valueName: "commands"))
    var commands: String?

    @Option(name: .customShort("f"), help: ArgumentHelp("Run the commands of this script file and exit.", valueName: "file"))
    var script: String?

    @Flag(name: [.long, .customLong("csv", withSingleDash: true)], help: "Print results as CSV (RFC 4180) instead of drawn tables.")
    var csv = false

    @Flag(name: [.long, .customLong("json", withSingleDash: true)], help: "Print results as JSON (one array of objects per result).")
    var json = false

    @Flag(name: [.long, .customLong("markdown", withSingleDash: true)], help: "Print results as Markdown tables.")
    var markdown = false

    @Flag(help: "Stop at the first command that fails.")
    var bail = false

    func validate() throws {
        if [csv, json, markdown].filter({ $0 }).count > 1 { throw ValidationError("choose one of --csv, --json and --markdown") }
        if commands != nil, script != nil { throw ValidationError("-c and -f both give the commands: choose one") }
    }

    func run() throws {
        var options = LaunchOptions()
        options.files = files
        options.commands = commands
        options.script = script
        options.output = csv ? .csv : json ? .json : markdown ? .markdown : nil
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

    @Flag(help: "Compare the outputs instead of rewriting them; exit 1 when any differs, 2 when a command fails.")
    var check = false

    @Option(help: "Write the replayed notebook here instead of in place (one notebook only).")
    var output: String?

    @Flag(help: "Let the notebook write files outside its own folder.")
    var allowOutside = false

    @Option(name: .customShort("P"), help: ArgumentHelp("A value for the notebook's `param NAME = …` (repeatable); paths are relative to the notebook.", valueName: "name=value"))
    var parameter: [String] = []

    var parameters: [String: String] {
        Dictionary(parameter.compactMap { p in p.firstIndex(of: "=").map { (String(p[..<$0]), String(p[p.index(after: $0)...])) } }, uniquingKeysWith: { $1 })
    }

    func validate() throws {
        if let bad = parameter.first(where: { !$0.contains("=") }) { throw ValidationError("-P takes NAME=VALUE, not '\(bad)'") }
        if output != nil, notebooks.count > 1 { throw ValidationError("--output takes one notebook") }
        if notebooks.isEmpty { throw ValidationError("name a notebook to run") }
    }

    func run() throws {
        let status = ShellLauncher.runNotebooks(notebooks, check: check, output: output, allowOutside: allowOutside, parameters: parameters)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `carnet --help` is mostly about the shell (the default subcommand), so it lists the shell's
/// flags too; ArgumentParser alone would show only the subcommands.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
    var text = Shell.helpMessage().replacingOccurrences(of: "  -h, --help", with: "  --version               Show the version.\n  -h, --help")
    text = text.replacingOccurrences(of: "OVERVIEW: Start the shell (the default).", with: "OVERVIEW: \(Carnet.configuration.abstract)")
    print(text)
    print("""
    SUBCOMMANDS:
      shell (default)         The shell, with the options above.
      run                     Replay notebooks: rewrite their outputs, or check that
                              they are unchanged (see 'carnet help run').
    """)
} else {
    Carnet.main()
}
