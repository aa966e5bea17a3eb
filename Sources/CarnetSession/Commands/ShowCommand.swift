import CarnetEngine

/// `show NAME [limit N]`: prints the first rows of a table.
enum ShowCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "show",
        aliases: ["head"],
        synopsis: "show NAME [limit N]",
        summary: "print the first rows of a table (20 unless `limit N` or `set rows N`)",
        examples: ["show zae", "show budget limit 50"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .words(["limit"]) },
        run: { session, invocation in
            guard let nameWord = invocation.words.first else { throw invocation.usage(spec, "show needs a table name") }
            let entry = try session.workspace.require(nameWord.text, position: nameWord.offset)
            var limit = session.settings.showRows
            var rest = invocation.words.dropFirst()
            if let word = rest.popFirst() {
                guard word.isKeyword("limit"), let n = rest.popFirst() else { throw invocation.usage(spec, "expected `limit N`", at: word) }
                guard let value = Int(n.text), value >= 0 else { throw invocation.usage(spec, "limit takes a whole number, not \(quotedText(n.text))", at: n) }
                limit = value
                if let extra = rest.first { throw invocation.usage(spec, "unexpected \(quotedText(extra.text))", at: extra) }
            }
            let table = entry.table
            let shown = table.head(limit)
            var footer = BoxTableRenderer.countLine(rows: table.rowCount, columns: table.columnCount, locale: session.settings.locale)
            if shown.rowCount < table.rowCount { footer += ", first \(shown.rowCount) shown" }
            return CommandOutput([.table(shown, footer: footer)])
        }
    )
}
