import CarnetEngine

/// `tables`: lists the session's tables with their size and origin.
enum TablesCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "tables",
        synopsis: "tables",
        summary: "list the tables of the session: rows, columns, memory, source file",
        examples: ["tables"],
        recorded: false,
        run: { session, invocation in
            if let extra = invocation.words.first { throw invocation.usage(spec, "tables takes no argument", at: extra) }
            let entries = session.workspace.entries
            if entries.isEmpty { return .text("no tables yet: load PATH [as NAME]") }
            var names = StringColumnBuilder(), sources = StringColumnBuilder()
            var rows: [Int64] = [], columns: [Int64] = [], memory: [Int64] = []
            var sourceValid = ValidityBitmap()
            for entry in entries {
                names.append(entry.name)
                rows.append(Int64(entry.table.rowCount))
                columns.append(Int64(entry.table.columnCount))
                memory.append(Int64((entry.table.memoryFootprint + 1023) / 1024))
                sources.append(entry.source ?? "")
                sourceValid.append(entry.source != nil)
            }
            let table = Table(
                columnNames: ["name", "rows", "columns", "memory_kb", "source"],
                columns: [Column(.string(names.build())), Column(.int64(rows)), Column(.int64(columns)),
                          Column(.int64(memory)), Column(.string(sources.build()), validity: sourceValid)])
            return CommandOutput([.table(table, footer: SessionWords(locale: session.settings.locale).tables(entries.count))])
        }
    )
}
