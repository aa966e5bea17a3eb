import CarnetEngine

/// `describe NAME`: one row per column with its type and statistics.
enum DescribeCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "describe",
        aliases: ["summary"],
        synopsis: "describe NAME|(SELECT …)",
        summary: "per column: type, non-null and distinct counts, min, max, mean and sum, top 3 values",
        examples: ["describe zae"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .none },
        run: { session, invocation in
            guard invocation.words.first != nil else { throw invocation.usage(spec, "describe needs a table name") }
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            if let extra = try CommandWords.split(source.rest).first {
                throw CommandError("describe takes one table", hint: "usage: \(spec.synopsis)", position: source.restOffset + extra.offset)
            }
            let (input, warnings) = try source.table(in: session)
            let table = describe(input, locale: session.settings.locale)
            let footer = "\(source.label): " + BoxTableRenderer.countLine(rows: input.rowCount, columns: input.columnCount, locale: session.settings.locale)
            var blocks: [OutputBlock] = [.table(table, footer: footer)]
            if source.query == nil, let damaged = session.workspace.entry(named: source.label)?.report?.damagedCells, !damaged.isEmpty {
                let listed = damaged.prefix(10).map { "\($0.column) line \($0.line): \(quotedText($0.text))" }.joined(separator: "; ")
                blocks.append(.text("values a spreadsheet turned into dates (now NULL): " + listed + (damaged.count > 10 ? "; …" : "")
                                    + "\n`repair \(source.label) COLUMN` proposes what they were"))
            }
            return CommandOutput(blocks + warnings.map { .warning($0) })
        }
    )

    /// The statistics table; numbers are pre-formatted text so each row can hold its own type.
    static func describe(_ table: Table, locale: DisplayLocale) -> Table {
        let f = ValueFormatter(locale: locale), plain = ValueFormatter(locale: locale, grouping: false)
        var column = StringColumnBuilder(), type = StringColumnBuilder(), minimum = StringColumnBuilder()
        var maximum = StringColumnBuilder(), mean = StringColumnBuilder(), sum = StringColumnBuilder(), top = StringColumnBuilder()
        var nonNull: [Int64] = [], distinct: [Int64] = []
        for (name, col) in zip(table.columnNames, table.columns) {
            let p = ColumnProfile(col)
            column.append(name)
            type.append(p.type.description)
            nonNull.append(Int64(p.nonNullCount))
            distinct.append(Int64(p.distinctCount))
            // Statistics that do not apply to a column are left blank, not NULL: nothing is missing.
            // Years and codes are written as they are, and their mean and sum mean nothing.
            if ColumnNaming.isPlainNumber(name, col) {
                minimum.append(plain.format(p.min)); maximum.append(plain.format(p.max))
                mean.append(""); sum.append("")
            } else {
                minimum.append(f.format(p.min)); maximum.append(f.format(p.max))
                mean.append(p.mean.map { f.format($0, fractionDigits: 2) } ?? "")
                if case .double(let total) = p.sum { sum.append(f.format(total, fractionDigits: 6)) } else { sum.append(f.format(p.sum)) }
            }
            let topText = p.type == .string || p.type == .bool
                ? p.topValues.map { "\($0.value) (\(f.format(.int64(Int64($0.count)))))" }.joined(separator: ", ") : ""
            top.append(topText)
        }
        return Table(
            columnNames: ["column", "type", "non_null", "distinct", "min", "max", "mean", "sum", "top_values"],
            columns: [
                Column(.string(column.build())), Column(.string(type.build())), Column(.int64(nonNull)),
                Column(.int64(distinct)), Column(.string(minimum.build())), Column(.string(maximum.build())),
                Column(.string(mean.build())), Column(.string(sum.build())), Column(.string(top.build())),
            ])
    }
}
