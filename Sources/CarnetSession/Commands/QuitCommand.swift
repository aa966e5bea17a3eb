/// `quit`: leaves Carnet.
enum QuitCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "quit",
        aliases: ["exit", ".quit", "\\q"],
        synopsis: "quit",
        summary: "leave Carnet (Ctrl-D on an empty line does the same)",
        examples: ["quit"],
        recorded: false,
        run: { _, _ in CommandOutput(quit: true) }
    )
}
