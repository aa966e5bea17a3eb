import CarnetEngine

/// `summarize SOURCE`: factual sentences about a table, added to the notebook as a note to edit.
enum SummarizeCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "summarize",
        synopsis: "summarize NAME|(SELECT …) [x=COL] [y=COL] [series=COL] [unit=U]",
        summary: "draft sentences from the data (total, largest and smallest with their share, balance of two series, change over time) as a note",
        details: "Without options: the first text column with repeated values is the category, the first numeric column the measure.\nA date or year x gives the change from the first to the last period, when each period has one value (per series).\nWith series=, totals and shares are per series, never added across them. The unit comes from unit= or the measure's name (montant → €).\nThe sentences state only what the data shows; edit the note afterwards.",
        examples: ["summarize budget x=libelle y=montant series=sens", "summarize (SELECT annee, sum(montant) AS total FROM t GROUP BY 1)"],
        recorded: false,
        complete: { words in words.count <= 2 ? .tableName : .optionKeys(plus: []) },
        options: [OptionSpec("x", .column, help: "the category or period"), OptionSpec("y", .column, help: "the measure"),
                  OptionSpec("series", .column, help: "totals and shares per value"), OptionSpec("unit", .text("UNIT"), help: "default: from the measure's name (montant → €)")],
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            var given = invocation.options(spec)
            for word in try CommandWords.split(source.rest) { try given.add(word, base: source.restOffset) }
            let x = given.text("x"), y = given.text("y"), series = given.text("series"), unit = given.text("unit")
            let (table, _) = try source.table(in: session)
            let sentences = try Summary(table, x: x, y: y, series: series, unit: unit, locale: session.settings.locale).sentences(from: source.sqlFrom)
            guard !sentences.isEmpty else { throw CommandError("there is nothing true to say about this table without a measure and a category", hint: "name them: x=COL y=COL") }
            // Each number is a live value: the note states today's figures and follows the data on replay.
            let pieces = try LiveValues.refresh(Array(sentences.joined(separator: [.text(" ")])), in: session)
            let note = LiveValues.stored(pieces)
            session.document.appendProse(note)
            session.journal?.appendNote(note)
            let added = session.settings.locale == .fr ? "(ajouté au carnet comme note : relisez-la avant de publier)" : "(added to the notebook as a note: edit it before you publish)"
            return CommandOutput([.text(LiveValues.shown(pieces)), .message(added)])
        }
    )
}
