/// `drop NAME`: removes a table from the session.
enum DropCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "drop",
        synopsis: "drop NAME",
        summary: "remove a table from the session (the file is not touched)",
        examples: ["drop zae"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .none },
        run: { session, invocation in
            guard let nameWord = invocation.words.first else { throw invocation.usage(spec, "drop needs a table name") }
            if invocation.words.count > 1 { throw invocation.usage(spec, "drop takes one table name", at: invocation.words[1]) }
            let entry = try session.workspace.require(nameWord.text, position: nameWord.offset)
            session.workspace.remove(named: entry.name)
            return .message(SessionWords(locale: session.settings.locale).dropped(entry.name))
        }
    )
}
