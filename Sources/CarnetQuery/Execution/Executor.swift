import CarnetEngine

/// Runs a plan bottom-up. Each operator reads its input's typed columns and builds new ones;
/// filters and sorts produce selection vectors that are gathered once.
struct Executor {
    let context: EvaluationContext

    init(isCancelled: @escaping @Sendable () -> Bool = { false }) {
        context = EvaluationContext(isCancelled: isCancelled)
    }

    var evaluator: ExpressionEvaluator { ExpressionEvaluator(context: context) }

    /// Runs `plan`; after each operator, stops the query if the process has passed the memory
    /// limit (operators that know their output size ask before they allocate).
    func run(_ plan: QueryPlan) throws -> Table {
        try context.checkCancelled()
        let table = try runOperator(plan)
        if case .scan = plan { return table }
        try MemoryLimit.check(for: "this query")
        return table
    }

    private func runOperator(_ plan: QueryPlan) throws -> Table {
        if let top = TopRowsPerPartition(plan) {
            return try top.run(try run(top.input), evaluator: evaluator)
        }
        if let chain = MorselChain(plan) {
            let input = try run(chain.source)
            if input.rowCount >= MorselChain.minimumRows { return try runMorsels(chain, over: input) }
            return try runWhole(chain.plan(over: input))
        }
        return try runWhole(plan)
    }

    /// Filters and projections over a large input, a morsel at a time on all cores, their
    /// outputs put end to end in morsel order (the rows of running them whole, in that order).
    private func runMorsels(_ chain: MorselChain, over input: Table) throws -> Table {
        let names = chain.outputNames(over: input)
        let all = Array(names.indices)
        let morsels = Parallel.ranges(input.rowCount)
        let evaluator = self.evaluator, context = self.context
        if let sources = chain.sourceColumns(width: input.columnCount) {
            // Filters only: the morsels' selected rows end to end, each column gathered once.
            let kept = try selectedRows(chain, input, morsels: morsels)
            let columns = kept.count == input.rowCount ? sources.map { input.columns[$0] }
                : Parallel.map(sources.count, work: kept.count * sources.count) { input.columns[sources[$0]].gather(kept) }
            return Table(columnNames: names, columns: columns, rowCount: kept.count)
        }
        let parts = try Parallel.map(morsels.count, work: input.rowCount * max(1, input.columnCount)) { i in
            try context.checkCancelled()
            return try chain.run(input, rows: morsels[i], needed: all, evaluator: evaluator)
        }
        let rows = parts.reduce(0) { $0 + $1.rowCount }
        let columns = Parallel.map(names.count, work: rows * names.count) { c in Column.concatenate(parts.map { $0.columns[c] }) }
        return Table(columnNames: names, columns: columns, rowCount: rows)
    }

    /// The rows of `input` that a chain of filters and column picks keeps, morsels on all cores.
    private func selectedRows(_ chain: MorselChain, _ input: Table, morsels: [Range<Int>]) throws -> [Int32] {
        let evaluator = self.evaluator, context = self.context
        let selected = try Parallel.map(morsels.count, work: input.rowCount * max(1, input.columnCount)) { i in
            try context.checkCancelled()
            return try chain.selectedRows(input, rows: morsels[i], evaluator: evaluator)
        }
        var rows: [Int32] = []
        rows.reserveCapacity(selected.reduce(0) { $0 + $1.count })
        for part in selected { rows.append(contentsOf: part) }
        return rows
    }

    private func runWhole(_ plan: QueryPlan) throws -> Table {
        switch plan {
        case .scan(_, let table):
            return table
        case .singleRow:
            return Table(columnNames: [], columns: [], rowCount: 1)
        case .filter(let input, let condition):
            let table = try run(input)
            let kept = try evaluator.selection(condition, table)
            // Nothing filtered out: the input as it is, not a copy.
            return kept.count == table.rowCount ? table : table.gather(kept)
        case .project(.filter(let input, let condition), let expressions, let names)
            where expressions.allSatisfy(\.isColumn) && TopRowsPerPartition(.filter(input, condition)) == nil:
            // Filter, then gather only the columns kept above it.
            let table = try run(input)
            let kept = try evaluator.selection(condition, table)
            let picked = Table(columnNames: names, columns: expressions.compactMap { if case .column(let i, _) = $0 { table.columns[i] } else { nil } },
                               rowCount: table.rowCount)
            return kept.count == table.rowCount ? picked : picked.gather(kept)
        case .project(.join(let l, let r, let kind, let leftKeys, let rightKeys, let residual), let expressions, let names)
            where expressions.allSatisfy(\.isColumn):
            // The join gathers only the columns picked above it.
            let picked = expressions.compactMap { if case .column(let i, _) = $0 { i } else { nil } }
            let joined = try join(l, r, kind, leftKeys, rightKeys, residual, output: picked)
            return Table(columnNames: names, columns: joined.columns, rowCount: joined.rowCount)
        case .project(let input, let expressions, let names):
            let table = try run(input)
            let evaluator = self.evaluator
            let columns = try Parallel.map(expressions.count, work: table.rowCount * expressions.count) { try evaluator.evaluate(expressions[$0], table) }
            return Table(columnNames: names, columns: columns, rowCount: table.rowCount)
        case .aggregate(let input, let keys, let aggregates, let names):
            let table: Table
            if MorselAggregate.supports(aggregates), let chain = MorselChain(input, requiringWork: false) {
                let source = try run(chain.source)
                if source.rowCount >= MorselChain.minimumRows,
                   let grouped = try MorselAggregate.run(chain, over: source, keys: keys, aggregates: aggregates, names: names, evaluator: evaluator) {
                    return grouped
                }
                table = try run(chain.plan(over: source))
            } else {
                table = try run(input)
            }
            let inputs = try AggregateInputs(keys: keys, aggregates: aggregates, table: table, evaluator: evaluator)
            let (columns, rows) = try aggregate(inputs, set: Array(keys.indices))
            return Table(columnNames: names, columns: columns, rowCount: rows)
        case .groupingSets(let input, let keys, let sets, let aggregates, let names):
            // The input is computed once; each set is grouped over it, the results stacked.
            let table = try run(input)
            let inputs = try AggregateInputs(keys: keys, aggregates: aggregates, table: table, evaluator: evaluator)
            let parts = try sets.map { try aggregate(inputs, set: $0) }
            let columns = (0..<names.count).map { c in Column.concatenate(parts.map { $0.columns[c] }) }
            return Table(columnNames: names, columns: columns, rowCount: parts.reduce(0) { $0 + $1.rows })
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
            return try join(l, r, kind, leftKeys, rightKeys, residual, output: nil)
        case .unionAll(let parts):
            let tables = try parts.map { try run($0) }
            let width = tables[0].columnCount
            let columns = (0..<width).map { c in Column.concatenate(tables.map { $0.columns[c] }) }
            return Table(columnNames: tables[0].columnNames, columns: columns, rowCount: tables.reduce(0) { $0 + $1.rowCount })
        }
    }

    private func join(_ l: QueryPlan, _ r: QueryPlan, _ kind: JoinKind, _ leftKeys: [BoundExpression], _ rightKeys: [BoundExpression],
                      _ residual: BoundExpression?, output: [Int]?) throws -> Table {
        let left = try joinInput(l), right = try joinInput(r)
        try context.checkCancelled()
        let evaluator = self.evaluator
        return try HashJoin.join(left: left, right: right, kind: kind,
                                 leftKeys: try leftKeys.map { try left.evaluate($0, evaluator) },
                                 rightKeys: try rightKeys.map { try right.evaluate($0, evaluator) },
                                 residual: residual, output: output, evaluator: evaluator)
    }

    /// A join's side: filters (and column picks) over a table give the rows they keep, the
    /// columns not copied at them (JoinInput); anything else runs as usual.
    private func joinInput(_ plan: QueryPlan) throws -> JoinInput {
        guard let chain = MorselChain(plan, requiringWork: false), chain.filters,
              case let width = chain.source.width, let sources = chain.sourceColumns(width: width) else {
            return JoinInput(table: try run(plan), selection: nil)
        }
        let input = try run(chain.source)
        let morsels = input.rowCount >= MorselChain.minimumRows ? Parallel.ranges(input.rowCount) : [0..<input.rowCount]
        let rows = try selectedRows(chain, input, morsels: morsels)
        let table = Table(columnNames: chain.outputNames(over: input), columns: sources.map { input.columns[$0] }, rowCount: input.rowCount)
        return JoinInput(table: table, selection: rows.count == input.rowCount ? nil : rows)
    }

    /// The key and argument columns of an aggregate, evaluated once for all its grouping sets.
    private struct AggregateInputs {
        var keys: [Column]
        var calls: [AggregateCall]
        var arguments: [Column?]
        var seconds: [Column?]
        var rowCount: Int

        init(keys: [BoundExpression], aggregates: [AggregateCall], table: Table, evaluator: ExpressionEvaluator) throws {
            // Keys, arguments and second arguments: one list of expressions, evaluated in parallel.
            let expressions: [BoundExpression?] = keys + aggregates.map(\.argument) + aggregates.map(\.second)
            let work = table.rowCount * expressions.count
            let columns = try Parallel.map(expressions.count, work: work) { try expressions[$0].map { try evaluator.evaluate($0, table) } }
            self.keys = columns[0..<keys.count].map { $0! }
            calls = aggregates
            arguments = Array(columns[keys.count..<(keys.count + aggregates.count)])
            seconds = Array(columns[(keys.count + aggregates.count)...])
            rowCount = table.rowCount
        }
    }

    /// Output columns (all keys, then the aggregates) of the rows grouped by the keys in `set`;
    /// the other keys are NULL there, and grouping() says which.
    private func aggregate(_ inputs: AggregateInputs, set: [Int]) throws -> (columns: [Column], rows: Int) {
        let groups = GroupKeyEncoder.encode(set.map { inputs.keys[$0] }, rowCount: inputs.rowCount)
        // A global aggregate has one row even over no input rows.
        let groupCount = set.isEmpty ? 1 : groups.groupCount
        let keyOutput = inputs.keys.indices.map { k in
            set.contains(k) ? inputs.keys[k].gather(groups.firstRow) : Column.constant(.null, type: inputs.keys[k].type, count: groupCount)
        }
        let aggregateOutput = try Parallel.map(inputs.calls.count, work: inputs.rowCount * inputs.calls.count) { i -> Column in
            let call = inputs.calls[i]
            if call.function == .grouping {
                let bits = call.groupingKeys.reduce(Int64(0)) { $0 << 1 | (set.contains($1) ? 0 : 1) }
                return Column(.int64([Int64](repeating: bits, count: groupCount)))
            }
            return try Aggregation.compute(call, argument: inputs.arguments[i], second: inputs.seconds[i],
                                           groups: groups.groupOfRow, groupCount: groupCount)
        }
        return (keyOutput + aggregateOutput, groupCount)
    }

    private func comparators(_ keys: [BoundSortKey], _ table: Table) throws -> [RowComparator] {
        try keys.map { RowComparator(try evaluator.evaluate($0.expression, table), descending: $0.descending, nullsFirst: $0.nullsFirst) }
    }
}
