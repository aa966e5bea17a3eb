import CarnetEngine
import CarnetQuery

/// `pivot TABLE rows COL columns COL values AGG(COL)`: a cross table with totals.
enum PivotCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "pivot",
        synopsis: "pivot NAME|(SELECT …) rows COL columns COL values AGG(COL)",
        summary: "a cross table: one row per value of a column, one column per value of another, with totals",
        details: "Each cell is the aggregate over its rows (sum, count(*), avg, min, max…); the Total row and column\napply the same aggregate to all their rows, so averages are true averages.",
        examples: ["pivot budget rows libelle columns sens values sum(montant)"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .words(["rows", "columns", "values"]) },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            let clauses = try FriendlyClauses.parse(source.rest, offset: source.restOffset, keywords: ["rows", "columns", "values"], usage: spec.synopsis)
            guard let rowKey = clauses["rows"], let columnKey = clauses["columns"], let value = clauses["values"] else {
                throw CommandError("pivot needs rows, columns and values", hint: "usage: \(spec.synopsis)", position: source.restOffset)
            }
            let pivot = try CommandQuery.pivot(source.queried, rows: rowKey, columns: columnKey, value: value)
            let (cells, warnings) = try SQLRunner.table(pivot.cells, in: session)
            let (rowTotals, _) = try SQLRunner.table(pivot.rowTotals, in: session)
            let (columnTotals, _) = try SQLRunner.table(pivot.columnTotals, in: session)
            let (grandTotal, _) = try SQLRunner.table(pivot.grandTotal, in: session)
            let table = reshape(cells: cells, rowTotals: rowTotals, columnTotals: columnTotals, grandTotal: grandTotal,
                                rowName: rowKey.text)
            return CommandOutput([SQLRunner.display(table, session: session)] + warnings.map { .warning($0) })
        }
    )

    static let nullLabel = "(NULL)"

    /// Cells (row key, column key, value) into a grid sorted by keys, with a Total row and column.
    static func reshape(cells: Table, rowTotals: Table, columnTotals: Table, grandTotal: Table, rowName: String) -> Table {
        func label(_ t: Table, _ c: Int, _ r: Int) -> String {
            t.columns[c].isNull(r) ? nullLabel : t.columns[c].value(at: r).plainText
        }
        let rowLabels = (0..<rowTotals.rowCount).map { label(rowTotals, 0, $0) }.sorted()
        let columnLabels = (0..<columnTotals.rowCount).map { label(columnTotals, 0, $0) }.sorted()
        var cellRow: [String: [String: Int]] = [:]
        for r in 0..<cells.rowCount { cellRow[label(cells, 0, r), default: [:]][label(cells, 1, r)] = r }
        var rowTotalIndex: [String: Int] = [:]
        for r in 0..<rowTotals.rowCount { rowTotalIndex[label(rowTotals, 0, r)] = r }
        var columnTotalIndex: [String: Int] = [:]
        for r in 0..<columnTotals.rowCount { columnTotalIndex[label(columnTotals, 0, r)] = r }

        let valueType = cells.columns[2].type
        var labels = StringColumnBuilder()
        var columns = (0...columnLabels.count).map { _ in ColumnAppender(type: valueType) }
        for rowLabel in rowLabels {
            labels.append(rowLabel)
            for (k, columnLabel) in columnLabels.enumerated() {
                if let r = cellRow[rowLabel]?[columnLabel] { columns[k].append(from: cells.columns[2], row: r) } else { columns[k].appendNull() }
            }
            columns[columnLabels.count].append(from: rowTotals.columns[1], row: rowTotalIndex[rowLabel]!)
        }
        labels.append("Total")
        for (k, columnLabel) in columnLabels.enumerated() {
            columns[k].append(from: columnTotals.columns[1], row: columnTotalIndex[columnLabel]!)
        }
        columns[columnLabels.count].append(from: grandTotal.columns[0], row: 0)
        let rowTitle = rowName.hasPrefix("\"") && rowName.hasSuffix("\"") ? String(rowName.dropFirst().dropLast()) : rowName
        return Table(columnNames: [rowTitle] + columnLabels + ["Total"],
                     columns: [Column(.string(labels.build()))] + columns.map { $0.build() })
    }
}
