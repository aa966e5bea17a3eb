/// `echo TEXT`: prints text, to label the parts of a batch script's output.
enum EchoCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "echo",
        aliases: ["print"],
        synopsis: "echo TEXT",
        summary: "print a line of text (to label the parts of a script's output)",
        examples: ["echo Budget 2022"],
        recorded: false,
        takesRawText: true,
        run: { _, invocation in .text(invocation.argumentText.text) }
    )
}
