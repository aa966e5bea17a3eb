import CarnetEngine
/// `help [COMMAND]`: the command list, or one command's syntax and examples.
enum HelpCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "help",
        aliases: ["?"],
        synopsis: "help [COMMAND]",
        summary: "list the commands, or show one command's syntax and examples",
        examples: ["help", "help load"],
        recorded: false,
        complete: { words in words.count <= 2 ? .commandName : .none },
        run: { _, invocation in
            guard let word = invocation.words.first else { return .text(overview) }
            guard let command = CommandRegistry.command(named: word.text) else {
                let guess = Suggestion.nearest(to: word.text, in: CommandRegistry.names)
                throw CommandError("no command \(quotedText(word.text))",
                                   hint: guess.map { "did you mean `help \($0)`?" } ?? "`help` lists the commands",
                                   position: word.offset)
            }
            return .text(command.helpText)
        }
    )

    static var overview: String {
        let width = CommandRegistry.commands.map { $0.name.count }.max() ?? 0
        var lines = ["commands:"]
        for command in CommandRegistry.commands {
            lines.append("  " + DisplayWidth.pad(command.name, to: width + 2, right: false) + command.summary)
        }
        lines.append("`help COMMAND` gives its syntax and an example.")
        return lines.joined(separator: "\n")
    }
}
