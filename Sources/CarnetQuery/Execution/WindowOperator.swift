import CarnetEngine

/// Window functions: rows are grouped into partitions and ordered within them; each row gets
/// its row number, rank, or an aggregate over its partition (over the rows up to its peers
/// when the window has ORDER BY).
enum WindowOperator {
    static func compute(_ call: WindowCall, input: Table, evaluator: ExpressionEvaluator) throws -> Column {
        let n = input.rowCount
        let partitionColumns = try call.partitionBy.map { try evaluator.evaluate($0, input) }
        let partitions = GroupKeyEncoder.encode(partitionColumns, rowCount: n)
        let argument = try call.argument.map { try evaluator.evaluate($0, input) }

        if call.orderBy.isEmpty, case .aggregate(let f) = call.function {
            let perPartition = try Aggregation.compute(AggregateCall(function: f, argument: call.argument, distinct: false, type: call.type),
                                                       argument: argument, groups: partitions.groupOfRow, groupCount: max(partitions.groupCount, 1))
            return perPartition.gather(partitions.groupOfRow)
        }

        // Rows sorted by partition, then by the window's ORDER BY.
        let orderColumns = try call.orderBy.map { try evaluator.evaluate($0.expression, input) }
        let orderKeys = zip(call.orderBy, orderColumns).map { RowComparator($0.1, descending: $0.0.descending, nullsFirst: $0.0.nullsFirst) }
        // Rows bucketed by partition (a counting sort, which keeps row order), then each
        // partition sorted on its own: many small sorts, not one over every row.
        let partitionCount = max(partitions.groupCount, 1)
        let buckets = RowBuckets(groups: partitions.groupOfRow, groupCount: partitionCount)
        var order = buckets.rows
        if !orderKeys.isEmpty {
            // Runs of whole partitions sorted on all cores.
            let runs = buckets.runs
            let rows = order, starts = buckets.starts
            let sorted = Parallel.map(runs.count, work: n * orderKeys.count) { r -> [Int32] in
                let base = starts[runs[r].lowerBound]
                var local = Array(rows[base..<starts[runs[r].upperBound]])
                for p in runs[r] { RowComparator.sort(&local, range: (starts[p] - base)..<(starts[p + 1] - base), by: orderKeys) }
                return local
            }
            order = Array(sorted.joined())
        }
        func peers(_ a: Int32, _ b: Int32) -> Bool {
            partitions.groupOfRow[Int(a)] == partitions.groupOfRow[Int(b)] && orderKeys.allSatisfy { $0.compare(Int(a), Int(b)) == 0 }
        }

        switch call.function {
        case .rowNumber, .rank:
            var out = [Int64](repeating: 0, count: n)
            var position: Int64 = 0, rank: Int64 = 0
            for (k, row) in order.enumerated() {
                let newPartition = k == 0 || partitions.groupOfRow[Int(order[k - 1])] != partitions.groupOfRow[Int(row)]
                position = newPartition ? 1 : position + 1
                if call.function == .rank, newPartition || !peers(order[k - 1], row) { rank = position }
                out[Int(row)] = call.function == .rank ? rank : position
            }
            return Column(.int64(out))
        case .aggregate(let f):
            // Running aggregate: each row sees its partition's rows up to its last peer. Each
            // frame end is a prefix of the sorted order, aggregated as its own group.
            var frameOfRow = [Int32](repeating: 0, count: n)
            var frames: [[Int32]] = []
            var k = 0
            while k < n {
                var end = k
                while end + 1 < n, peers(order[k], order[end + 1]) { end += 1 }
                var start = k
                while start > 0, partitions.groupOfRow[Int(order[start - 1])] == partitions.groupOfRow[Int(order[k])] { start -= 1 }
                frames.append(Array(order[start...end]))
                for j in k...end { frameOfRow[Int(order[j])] = Int32(frames.count - 1) }
                k = end + 1
            }
            var rows: [Int32] = [], groups: [Int32] = []
            for (g, frame) in frames.enumerated() {
                rows += frame
                groups += [Int32](repeating: Int32(g), count: frame.count)
            }
            let gathered = argument?.gather(rows)
            let perFrame = try Aggregation.compute(AggregateCall(function: f, argument: call.argument, distinct: false, type: call.type),
                                                   argument: gathered, groups: groups, groupCount: max(frames.count, 1))
            return perFrame.gather(frameOfRow)
        }
    }
}
