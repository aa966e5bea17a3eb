import ArgumentParser
import CarnetShell

/// The `carnet` executable: parses its flags and hands over to the shell.
struct Carnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carnet",
        abstract: "A notebook-style analysis shell for French local open data.",
        discussion: """
        With no argument at a terminal, Carnet starts an interactive shell. Files given as
        arguments are loaded first. When standard input is not a terminal, commands are read
        from it line by line, results go to standard output and messages to standard error;
        the exit status is 1 if any command failed.
        """
    )

    @Argument(help: "CSV or TSV files to load at start.")
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

Carnet.main()
