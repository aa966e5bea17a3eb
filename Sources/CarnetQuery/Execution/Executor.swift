import CarnetEngine

/// Runs a plan bottom-up. Each operator reads its input's typed columns and builds new ones;
/// filters and sorts produce selection vectors that are gathered once.
struct Executor {
    let context = EvaluationContext()
    var evaluator: ExpressionEvaluator { ExpressionEvaluator(context: context) }

    /// Runs `plan`; after each operator, stops the query if the process has passed the memory
    /// limit (operators that know their output size ask before they allocate).
    func run(_ plan: QueryPlan) throws -> Table {
        let table = try runOperator(plan)
        if case .scan = plan { return table }
        try MemoryLimit.check(for: "this query")
        return table
    }

    private func runOperator(_ plan: QueryPlan) throws -> Table {
        switch plan {
        case .scan(_, let table):
            return table
        case .singleRow:
            return Table(columnNames: [], columns: [], rowCount: 1)
        case .filter(let input, let condition):
            let table = try run(input)
            return table.gather(try evaluator.selection(condition, table))
        case .project(let input, let expressions, let names):
            let table = try run(input)
            let columns = try expressions.map { try evaluator.evaluate($0, table) }
            return Table(columnNames: names, columns: columns, rowCount: table.rowCount)
        case .aggregate(let input, let keys, let aggregates, let names):
            let table = try run(input)
            let keyColumns = try keys.map { try evaluator.evaluate($0, table) }
            let groups = GroupKeyEncoder.encode(keyColumns, rowCount: table.rowCount)
            // A global aggregate has one row even over no input rows.
            let groupCount = keys.isEmpty ? 1 : groups.groupCount
            let keyOutput = keyColumns.map { $0.gather(groups.firstRow) }
            let aggregateOutput = try aggregates.map { call in
                try Aggregation.compute(call, argument: try call.argument.map { try evaluator.evaluate($0, table) },
                                        groups: groups.groupOfRow, groupCount: groupCount)
            }
            return Table(columnNames: names, columns: keyOutput + aggregateOutput, rowCount: groupCount)
        case .window(let input, let calls):
            let table = try run(input)
            let results = try calls.map { try WindowOperator.compute($0, input: table, evaluator: evaluator) }
            return Table(columnNames: table.columnNames + calls.map(\.sql), columns: table.columns + results, rowCount: table.rowCount)
        case .sort(let input, let keys):
            let table = try run(input)
            try MemoryLimit.check(adding: table.rowCount * (8 + table.bytesPerGatheredRow), for: "sorting \(table.rowCount) rows")
            let comparators = try self.comparators(keys, table)
            return table.gather(RowComparator.sortedRows(comparators, rowCount: table.rowCount))
        case .limit(.sort(let input, let keys), let limit?, let offset):
            // Top-N: only the rows that survive the LIMIT are ordered.
            let table = try run(input)
            let comparators = try self.comparators(keys, table)
            let (wanted, overflow) = offset.addingReportingOverflow(limit)
            let rows = RowComparator.topRows(comparators, rowCount: table.rowCount, count: overflow ? Int.max : wanted)
            return table.gather(Array(rows.dropFirst(min(offset, rows.count))))
        case .limit(let input, let limit, let offset):
            let table = try run(input)
            let start = min(offset, table.rowCount)
            let end = limit.map { min(table.rowCount, start + $0) } ?? table.rowCount
            return table.gather((start..<end).map { Int32($0) })
        case .distinct(let input):
            let table = try run(input)
            let groups = GroupKeyEncoder.encode(table.columns, rowCount: table.rowCount)
            return table.gather(groups.firstRow)
        case .join(let l, let r, let kind, let leftKeys, let rightKeys, let residual):
            let left = try run(l), right = try run(r)
            return try HashJoin.join(left: left, right: right, kind: kind,
                                     leftKeys: try leftKeys.map { try evaluator.evaluate($0, left) },
                                     rightKeys: try rightKeys.map { try evaluator.evaluate($0, right) },
                                     residual: residual, evaluator: evaluator)
        case .unionAll(let parts):
            let tables = try parts.map { try run($0) }
            let width = tables[0].columnCount
            let columns = (0..<width).map { c in Column.concatenate(tables.map { $0.columns[c] }) }
            return Table(columnNames: tables[0].columnNames, columns: columns, rowCount: tables.reduce(0) { $0 + $1.rowCount })
        }
    }

    private func comparators(_ keys: [BoundSortKey], _ table: Table) throws -> [RowComparator] {
        try keys.map { RowComparator(try evaluator.evaluate($0.expression, table), descending: $0.descending, nullsFirst: $0.nullsFirst) }
    }
}
