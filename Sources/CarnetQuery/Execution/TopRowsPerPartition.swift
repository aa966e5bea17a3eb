import CarnetEngine

/// `row_number() OVER (PARTITION BY … ORDER BY …)` under a filter that keeps its first k
/// numbers (`WHERE rn <= 2`, `rn < 3`, `rn = 1`: the two largest grants of each commune, H2O's q8): each
/// partition's k first rows are found in one pass over the rows, keeping k candidates per
/// partition, instead of sorting every partition whole and numbering every row. The rows
/// and numbers are those of the full window (ties in the row order, as its stable sort), in
/// input order; the filter is then applied to them as written.
struct TopRowsPerPartition {
    var input: QueryPlan
    var call: WindowCall
    /// Column picks between the window and the filter (none: the window's own columns).
    var picks: [BoundExpression]?
    var names: [String]?
    var condition: BoundExpression
    var keep: Int

    /// The pattern `Filter(rn <= k …) [Project of columns] Window(one row_number)` at the top
    /// of `plan`, with a PARTITION BY; nil otherwise.
    init?(_ plan: QueryPlan) {
        guard case .filter(let below, let condition) = plan else { return nil }
        var window = below, picks: [BoundExpression]?, names: [String]?
        if case .project(let inner, let expressions, let projected) = below, expressions.allSatisfy(\.isColumn) {
            window = inner
            picks = expressions
            names = projected
        }
        guard case .window(let input, let calls) = window, calls.count == 1, calls[0].function == .rowNumber,
              !calls[0].partitionBy.isEmpty else { return nil }
        // The position of the row number above the projection, if it passes through it.
        let number = input.width
        var seen = [number]
        if let picks { seen = picks.indices.filter { if case .column(number, _) = picks[$0] { true } else { false } } }
        var bound: Int?
        for part in condition.conjuncts {
            guard case .comparison(let op, .column(let c, _), .literal(.int64(let k), _)) = part, seen.contains(c) else { continue }
            if op == .lessOrEqual { bound = min(bound ?? Int.max, Int(clamping: k)) }
            if op == .less { bound = min(bound ?? Int.max, Int(clamping: k) - 1) }
            // rn = k: the k-th row is among the first k.
            if op == .equal { bound = min(bound ?? Int.max, Int(clamping: k)) }
        }
        guard let bound, bound <= 1024 else { return nil }
        self.input = input
        call = calls[0]
        self.picks = picks
        self.names = names
        self.condition = condition
        keep = max(bound, 0)
    }

    /// The plan's result: the kept rows of the input with their numbers, filtered.
    func run(_ table: Table, evaluator: ExpressionEvaluator) throws -> Table {
        let (rows, numbers) = try firstRows(table, evaluator: evaluator)
        let windowed = Table(columnNames: table.columnNames + [call.sql], columns: table.gather(rows).columns + [Column(.int64(numbers))],
                             rowCount: rows.count)
        var result = windowed
        if let picks, let names {
            result = Table(columnNames: names, columns: try picks.map { try evaluator.evaluate($0, windowed) }, rowCount: windowed.rowCount)
        }
        return result.gather(try evaluator.selection(condition, result))
    }

    /// Each partition's first `keep` rows in the window's order, as input rows (ascending)
    /// and their row numbers.
    private func firstRows(_ table: Table, evaluator: ExpressionEvaluator) throws -> (rows: [Int32], numbers: [Int64]) {
        let n = table.rowCount, k = keep
        guard k > 0, n > 0 else { return ([], []) }
        let partitions = GroupKeyEncoder.encode(try call.partitionBy.map { try evaluator.evaluate($0, table) }, rowCount: n)
        let orderColumns = try call.orderBy.map { try evaluator.evaluate($0.expression, table) }
        let groupCount = partitions.groupCount
        var best = [Int32](repeating: 0, count: groupCount * k)
        var filled = [Int](repeating: 0, count: groupCount)
        // One number key without NULLs (or NaN) compares its values inline; others go
        // through the row comparators, key by key.
        if orderColumns.count == 1, orderColumns[0].validity == nil {
            let descending = call.orderBy[0].descending
            switch orderColumns[0].buffer {
            case .double(let v) where !v.contains(where: \.isNaN):
                try Self.candidates(partitions.groupOfRow, k, &best, &filled, evaluator, values: v, descending: descending)
            case .int64(let v), .decimal(let v, _), .timestamp(let v):
                try Self.candidates(partitions.groupOfRow, k, &best, &filled, evaluator, values: v, descending: descending)
            case .date(let v):
                try Self.candidates(partitions.groupOfRow, k, &best, &filled, evaluator, values: v, descending: descending)
            default:
                try generic()
            }
        } else {
            try generic()
        }
        func generic() throws {
            let keys = zip(call.orderBy, orderColumns).map { RowComparator($0.1, descending: $0.0.descending, nullsFirst: $0.0.nullsFirst) }
            try Self.candidates(partitions.groupOfRow, k, &best, &filled, evaluator) { a, b in
                for key in keys {
                    let c = key.compare(a, b)
                    if c != 0 { return c < 0 }
                }
                return false
            }
        }
        var numbered: [(row: Int32, number: Int64)] = []
        for g in 0..<groupCount {
            for j in 0..<filled[g] { numbered.append((best[g * k + j], Int64(j + 1))) }
        }
        numbered.sort { $0.row < $1.row }
        return (numbered.map(\.row), numbered.map(\.number))
    }

    /// `candidates` by one key's values, the candidates' values kept beside them: comparing
    /// with a candidate then reads a partition's slot, not the value column at a row read
    /// long ago (a cache miss per row over ten million rows).
    private static func candidates<T: Comparable>(_ groupOfRow: [Int32], _ k: Int, _ best: inout [Int32], _ filled: inout [Int],
                                                  _ evaluator: ExpressionEvaluator, values: [T], descending: Bool) throws {
        guard let first = values.first else { return }
        var kept = [T](repeating: first, count: best.count)
        try best.withUnsafeMutableBufferPointer { best in
            try filled.withUnsafeMutableBufferPointer { filled in
                try kept.withUnsafeMutableBufferPointer { kept in
                    try values.withUnsafeBufferPointer { values in
                        try groupOfRow.withUnsafeBufferPointer { groups in
                            for row in 0..<groups.count {
                                if row & 0xFFFF == 0 { try evaluator.context.checkCancelled() }
                                let g = Int(groups[row]), base = g &* k, value = values[row]
                                var j = filled[g]
                                while j > 0, descending ? value > kept[base &+ j &- 1] : value < kept[base &+ j &- 1] { j &-= 1 }
                                guard j < k else { continue }
                                var m = min(filled[g], k &- 1)
                                while m > j { best[base &+ m] = best[base &+ m &- 1]; kept[base &+ m] = kept[base &+ m &- 1]; m &-= 1 }
                                best[base &+ j] = Int32(truncatingIfNeeded: row)
                                kept[base &+ j] = value
                                filled[g] = min(filled[g] &+ 1, k)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Each partition's best `k` rows by `before`, at best[g * k ..< g * k + filled[g]], best
    /// first; a row goes after those it does not come before (a later row loses a tie).
    @inline(__always)
    private static func candidates(_ groupOfRow: [Int32], _ k: Int, _ best: inout [Int32], _ filled: inout [Int],
                                   _ evaluator: ExpressionEvaluator, before: (Int, Int) -> Bool) throws {
        try best.withUnsafeMutableBufferPointer { best in
            try filled.withUnsafeMutableBufferPointer { filled in
                try groupOfRow.withUnsafeBufferPointer { groups in
                    for row in 0..<groups.count {
                        if row & 0xFFFF == 0 { try evaluator.context.checkCancelled() }
                        let g = Int(groups[row]), base = g &* k
                        var j = filled[g]
                        while j > 0, before(row, Int(best[base &+ j &- 1])) { j &-= 1 }
                        guard j < k else { continue }
                        var m = min(filled[g], k &- 1)
                        while m > j { best[base &+ m] = best[base &+ m &- 1]; m &-= 1 }
                        best[base &+ j] = Int32(truncatingIfNeeded: row)
                        filled[g] = min(filled[g] &+ 1, k)
                    }
                }
            }
        }
    }
}
