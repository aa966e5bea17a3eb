import CarnetEngine

/// GROUP BY over a morsel chain, DuckDB's partial aggregation in miniature: each morsel is
/// grouped on its own and its aggregates' partial states computed (a count, a sum, a min or a
/// max; an average as a sum and a count), then the morsels' groups are matched by their keys
/// and their states combined. Groups come out in order of first appearance, as when the
/// input is grouped whole.
enum MorselAggregate {
    /// Whether every call has a partial state that combines.
    static func supports(_ calls: [AggregateCall]) -> Bool {
        calls.allSatisfy { call in
            guard !call.distinct else { return false }
            switch call.function {
            case .countStar, .count, .sum, .avg: return true
            case .min, .max: return call.type != .geometry
            default: return false
            }
        }
    }

    /// One morsel's groups: their keys and each aggregate's partial state (two columns for avg).
    private struct Partial {
        var keys: [Column]
        var states: [[Column]]
        var groupCount: Int
        var rows: Int
    }

    /// The aggregate of the chain's output over `input`; nil when it should be grouped whole:
    /// when the first morsel has nearly as many groups as rows (combining would double the
    /// work), or when a partial state failed (an Int64 partial sum overflowing: the whole
    /// input, summed exactly, says whether the result does).
    static func run(_ chain: MorselChain, over input: Table, keys: [BoundExpression], aggregates: [AggregateCall],
                    names: [String], evaluator: ExpressionEvaluator) throws -> Table? {
        let width = chain.outputNames(over: input).count
        var read = Set<Int>()
        for k in keys { read.formUnion(k.columnsRead) }
        for a in aggregates { read.formUnion(a.columnsRead) }
        let needed = read.sorted()
        let moved = MorselView.positions(of: needed, width: width)
        let keys = keys.map { $0.remapped(moved) }, aggregates = aggregates.map { $0.remapped(moved) }
        let morsels = Parallel.ranges(input.rowCount)

        func partial(_ range: Range<Int>) throws -> Partial {
            try evaluator.context.checkCancelled()
            let rows = try chain.run(input, rows: range, needed: needed, evaluator: evaluator)
            let keyColumns = try keys.map { try evaluator.evaluate($0, rows) }
            let groups = GroupKeyEncoder.encode(keyColumns, rowCount: rows.rowCount)
            let groupCount = keys.isEmpty ? 1 : groups.groupCount
            // The rows of each group: count(*), and count or avg of a column without NULLs
            // (H2O q4's three averages), counted once.
            var rowsPerGroup: Column?
            func count(_ call: AggregateCall, _ argument: Column?) throws -> Column {
                guard call.function == .countStar || argument?.validity == nil else {
                    return try Aggregation.compute(call.with(.count), argument: argument, groups: groups.groupOfRow, groupCount: groupCount)
                }
                if let known = rowsPerGroup { return known }
                let counted = Column(.int64(Aggregation.rowsPerGroup(groups.groupOfRow, groupCount)))
                rowsPerGroup = counted
                return counted
            }
            let states = try aggregates.map { call -> [Column] in
                let argument = try call.argument.map { try evaluator.evaluate($0, rows) }
                switch call.function {
                case .avg:
                    return [try Aggregation.compute(call.with(.sum), argument: argument, groups: groups.groupOfRow, groupCount: groupCount),
                            try count(call, argument)]
                case .countStar, .count:
                    return [try count(call, argument)]
                default:
                    return [try Aggregation.compute(call, argument: argument, groups: groups.groupOfRow, groupCount: groupCount)]
                }
            }
            return Partial(keys: keyColumns.map { $0.gather(groups.firstRow) }, states: states, groupCount: groupCount, rows: rows.rowCount)
        }

        var parts: [Partial]
        do {
            let first = try partial(morsels[0])
            if !keys.isEmpty, first.groupCount > 1024, first.groupCount * 4 > first.rows { return nil }
            let rest = try Parallel.map(morsels.count - 1, work: input.rowCount * max(1, needed.count)) { try partial(morsels[$0 + 1]) }
            parts = [first] + rest
        } catch let error as QueryError where error.kind == .interrupted {
            throw error
        } catch {
            try evaluator.context.checkCancelled()
            return nil
        }
        return try combine(parts, keyCount: keys.count, aggregates: aggregates, names: names)
    }

    private static func combine(_ parts: [Partial], keyCount: Int, aggregates: [AggregateCall], names: [String]) throws -> Table {
        let total = parts.reduce(0) { $0 + $1.groupCount }
        let keys = (0..<keyCount).map { k in Column.concatenate(parts.map { $0.keys[k] }) }
        let groups: (groupOfRow: [Int32], firstRow: [Int32])
        if keyCount == 0 {
            groups = ([Int32](repeating: 0, count: total), [0])
        } else {
            let encoded = GroupKeyEncoder.encode(keys, rowCount: total)
            groups = (encoded.groupOfRow, encoded.firstRow)
        }
        let groupCount = groups.firstRow.count
        let results = try aggregates.indices.map { i -> Column in
            let call = aggregates[i]
            let states = Column.concatenate(parts.map { $0.states[i][0] })
            switch call.function {
            case .countStar, .count, .sum:
                return try Aggregation.compute(call.with(.sum), argument: states, groups: groups.groupOfRow, groupCount: groupCount)
            case .avg:
                return average(sums: states, counts: Column.concatenate(parts.map { $0.states[i][1] }), groups.groupOfRow, groupCount)
            default:
                return try Aggregation.compute(call, argument: states, groups: groups.groupOfRow, groupCount: groupCount)
            }
        }
        return Table(columnNames: names, columns: keys.map { $0.gather(groups.firstRow) } + results, rowCount: groupCount)
    }

    /// avg from partial sums and counts: integers and decimals summed exactly, divided once.
    private static func average(sums: Column, counts: Column, _ groups: [Int32], _ groupCount: Int) -> Column {
        var n = [Int64](repeating: 0, count: groupCount)
        if case .int64(let c) = counts.buffer { for row in groups.indices { n[Int(groups[row])] += c[row] } }
        var means = [Double](repeating: 0, count: groupCount)
        switch sums.buffer {
        case .double(let v):
            for row in groups.indices where !sums.isNull(row) { means[Int(groups[row])] += v[row] }
        case .int64(let v), .decimal(let v, _):
            var exact = [Int128](repeating: 0, count: groupCount)
            for row in groups.indices where !sums.isNull(row) { exact[Int(groups[row])] += Int128(v[row]) }
            let divisor = Double(FixedPoint.powersOfTen[sums.type.scale])
            for g in 0..<groupCount { means[g] = Double(exact[g]) / divisor }
        default:
            break
        }
        for g in 0..<groupCount where n[g] > 0 { means[g] /= Double(n[g]) }
        return Column(.double(means), validity: Aggregation.bitmap(n.map { $0 > 0 }))
    }
}

extension AggregateCall {
    /// The same call with another function: the partial states of avg, and their combination.
    fileprivate func with(_ function: AggregateFunction) -> AggregateCall {
        var call = self
        call.function = function
        return call
    }
}
