import CarnetEngine

/// One side of a join: a table, or the rows of it that the filters below the join kept, not
/// yet copied. A join's output is a small share of a filtered fact table (TPC-H Q7: 145,000
/// pairs of 1.8 M lineitems shipped in two years): gathering every column at the filter's rows
/// and again at the join's would copy the large set once for nothing, so the join reads its
/// keys at the kept rows and gathers the other columns once, at the joined ones.
struct JoinInput {
    /// The columns the side's plan outputs, over all the rows of its source.
    var table: Table
    /// The rows of `table` the side holds, ascending; nil for all of them.
    var selection: [Int32]?

    var rowCount: Int { selection?.count ?? table.rowCount }
    var columnCount: Int { table.columnCount }
    var columnNames: [String] { table.columnNames }

    /// The side's rows at `rows` (positions among its rows; -1 gives NULLs), columns `picked`.
    func columns(_ picked: [Int], at rows: [Int32]) -> [Column] {
        let source = sourceRows(rows)
        return Parallel.map(picked.count, work: rows.count * picked.count) { table.columns[picked[$0]].gather(source) }
    }

    /// Positions in `table` of the side's rows at `rows`.
    func sourceRows(_ rows: [Int32]) -> [Int32] {
        guard let selection else { return rows }
        return selection.withUnsafeBufferPointer { s in rows.map { $0 < 0 ? -1 : s[Int($0)] } }
    }

    /// The side as a table of its own rows.
    func materialized() -> Table {
        guard let selection else { return table }
        return table.gather(selection)
    }

    /// `expression` over the side's rows, reading only the columns it needs at them.
    func evaluate(_ expression: BoundExpression, _ evaluator: ExpressionEvaluator) throws -> Column {
        guard let selection else { return try evaluator.evaluate(expression, table) }
        let read = expression.columnsRead.sorted()
        var moved = [Int](repeating: -1, count: table.columnCount)
        for (k, c) in read.enumerated() { moved[c] = k }
        let narrow = Table(columnNames: read.map { table.columnNames[$0] }, columns: read.map { table.columns[$0].gather(selection) },
                           rowCount: selection.count)
        return try evaluator.evaluate(expression.remapped(moved), narrow)
    }

    var bytesPerGatheredRow: Int { table.bytesPerGatheredRow }
}
