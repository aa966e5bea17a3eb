import CarnetEngine

/// `show NAME [limit N]`: prints the first rows of a table.
enum ShowCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "show",
        aliases: ["head"],
        synopsis: "show NAME|(SELECT …) [limit N]",
        summary: "print the first rows of a table (20 unless `limit N` or `set rows N`)",
        examples: ["show zae", "show budget limit 50", "show (SELECT zone FROM zae WHERE nb_entreprises > 50)"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .words(["limit"]) },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            var limit = session.settings.showRows
            let rest = try CommandWords.split(source.rest).map { CommandWord(text: $0.text, quoted: $0.quoted, offset: $0.offset + source.restOffset) }
            var words = rest[...]
            if let word = words.popFirst() {
                guard word.isKeyword("limit"), let n = words.popFirst() else { throw invocation.usage(spec, "expected `limit N`", at: word) }
                guard let value = Int(n.text), value >= 0 else { throw invocation.usage(spec, "limit takes a whole number, not \(quotedText(n.text))", at: n) }
                limit = value
                if let extra = words.first { throw invocation.usage(spec, "unexpected \(quotedText(extra.text))", at: extra) }
            }
            let (table, warnings) = try source.table(in: session)
            let shown = table.head(limit)
            var footer = BoxTableRenderer.countLine(rows: table.rowCount, columns: table.columnCount, locale: session.settings.locale)
            if shown.rowCount < table.rowCount { footer += ", " + SessionWords(locale: session.settings.locale).firstShown(shown.rowCount) }
            return CommandOutput([.table(shown, footer: footer)] + warnings.map { .warning($0) })
        }
    )
}
