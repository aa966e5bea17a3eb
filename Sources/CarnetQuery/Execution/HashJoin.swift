import CarnetEngine

/// Joins two tables: both sides' keys get numbers in one hash table (holding the smaller side's
/// keys), the right rows are indexed by number, and each left row finds its matches; a residual condition filters the
/// candidate pairs. Output rows follow the left table's order (but see `scansRight`); a RIGHT
/// or FULL join's unmatched right rows come last.
enum HashJoin {
    /// `output` picks the result's columns (positions in the joined layout: left columns, then
    /// right ones; the left's only for semi and anti joins), so that the columns read only by
    /// this join's keys are never gathered; nil keeps them all.
    static func join(left: JoinInput, right: JoinInput, kind: JoinKind, leftKeys: [Column], rightKeys: [Column],
                     residual: BoundExpression?, output: [Int]? = nil, evaluator: ExpressionEvaluator) throws -> Table {
        var leftRows: [Int32] = [], rightRows: [Int32] = []
        var residual = residual
        if leftKeys.isEmpty, let condition = residual, let spatial = SpatialJoin.plan(condition, leftWidth: left.columnCount) {
            (leftRows, rightRows) = try SpatialJoin.pairs(spatial, left: left.materialized(), right: right.materialized(), evaluator: evaluator)
            residual = spatial.rest
            let unmatched = (kind == .left || kind == .full ? left.rowCount : 0) + (kind == .right || kind == .full ? right.rowCount : 0)
            try checkSize(leftRows.count + unmatched, left: left, right: right)
        } else if leftKeys.isEmpty {
            // Cross product (or a join whose condition is all residual).
            let (total, overflow) = left.rowCount.multipliedReportingOverflow(by: right.rowCount)
            try checkSize(overflow ? Int.max : total, left: left, right: right)
            leftRows.reserveCapacity(total)
            rightRows.reserveCapacity(total)
            for l in 0..<left.rowCount {
                if l % 1024 == 0 { try evaluator.context.checkCancelled() }
                for r in 0..<right.rowCount { leftRows.append(Int32(l)); rightRows.append(Int32(r)) }
            }
        } else {
            let keys = GroupKeyEncoder.numberJoinKeys(build: rightKeys, buildCount: right.rowCount, probe: leftKeys, probeCount: left.rowCount)
            if kind == .semi || kind == .anti, residual == nil {
                return filtered(left, matching: keys, keep: kind == .semi, output: output)
            }
            (leftRows, rightRows) = scansRight(kind, left: left, right: right)
                ? try pairsInRightOrder(keys, left: left, right: right, evaluator: evaluator)
                : try pairsInLeftOrder(keys, left: left, right: right, kind: kind, evaluator: evaluator)
        }
        if let residual, !leftRows.isEmpty {
            // The candidate pairs of the columns the condition reads, no others.
            let read = residual.columnsRead.sorted()
            var moved = [Int](repeating: -1, count: left.columnCount + right.columnCount)
            for (k, c) in read.enumerated() { moved[c] = k }
            let (l, r) = (left.sourceRows(leftRows), right.sourceRows(rightRows))
            let columns = Parallel.map(read.count, work: l.count * read.count) { k in
                read[k] < left.columnCount ? left.table.columns[read[k]].gather(l) : right.table.columns[read[k] - left.columnCount].gather(r)
            }
            let pairs = Table(columnNames: read.map { "c\($0)" }, columns: columns, rowCount: leftRows.count)
            let kept = try evaluator.selection(residual.remapped(moved), pairs)
            leftRows = kept.map { leftRows[Int($0)] }
            rightRows = kept.map { rightRows[Int($0)] }
        }
        if kind == .semi || kind == .anti {
            // Each left row once, in order: those with a match (semi) or without (anti).
            var matched = [Bool](repeating: false, count: left.rowCount)
            for l in leftRows { matched[Int(l)] = true }
            return keptRows((0..<left.rowCount).filter { matched[$0] == (kind == .semi) }.map { Int32($0) }, of: left, output: output)
        }
        if kind == .left || kind == .full {
            // Unmatched left rows, in place, with NULLs on the right.
            var matched = [Bool](repeating: false, count: left.rowCount)
            for l in leftRows { matched[Int(l)] = true }
            var outLeft: [Int32] = [], outRight: [Int32] = []
            outLeft.reserveCapacity(leftRows.count + left.rowCount)
            outRight.reserveCapacity(leftRows.count + left.rowCount)
            var k = 0
            for l in 0..<left.rowCount {
                if !matched[l] { outLeft.append(Int32(l)); outRight.append(-1); continue }
                while k < leftRows.count, leftRows[k] == Int32(l) {
                    outLeft.append(leftRows[k]); outRight.append(rightRows[k]); k += 1
                }
            }
            leftRows = outLeft
            rightRows = outRight
        }
        if kind == .right || kind == .full {
            // Unmatched right rows at the end, with NULLs on the left.
            var matched = [Bool](repeating: false, count: right.rowCount)
            for r in rightRows where r >= 0 { matched[Int(r)] = true }
            for r in 0..<right.rowCount where !matched[r] {
                leftRows.append(-1)
                rightRows.append(Int32(r))
            }
        }
        let (l, r, width) = (left.sourceRows(leftRows), right.sourceRows(rightRows), left.columnCount)
        let picked = output ?? Array(0..<(width + right.columnCount))
        let columns = Parallel.map(picked.count, work: leftRows.count * picked.count) { k in
            picked[k] < width ? left.table.columns[picked[k]].gather(l) : right.table.columns[picked[k] - width].gather(r)
        }
        let names = left.columnNames + right.columnNames
        return Table(columnNames: picked.map { names[$0] }, columns: columns, rowCount: leftRows.count)
    }

    /// A semi or anti join with keys only: a left row is kept by whether its key number is
    /// one a right row has, with no pairs made (TPC-H Q22's customers without orders: a flag
    /// per key, set by 1.5 M orders, not a pair per order).
    private static func filtered(_ left: JoinInput, matching keys: JoinKeyNumbers, keep: Bool, output: [Int]?) -> Table {
        var present = [Bool](repeating: false, count: keys.keyCount)
        for id in keys.build where id >= 0 { present[Int(id)] = true }
        var kept: [Int32] = []
        for (l, id) in keys.probe.enumerated() where (id >= 0 && present[Int(id)]) == keep { kept.append(Int32(l)) }
        return keptRows(kept, of: left, output: output)
    }

    /// A semi or anti join's result: the left side's `output` columns at rows `kept`.
    private static func keptRows(_ kept: [Int32], of left: JoinInput, output: [Int]?) -> Table {
        let picked = output ?? Array(0..<left.columnCount)
        return Table(columnNames: picked.map { left.columnNames[$0] }, columns: left.columns(picked, at: kept), rowCount: kept.count)
    }

    /// Whether the pairs are made in the right side's order: when it is large and the left
    /// small (a chain of joins adding the fact table last: TPC-H's suppliers of a region,
    /// then their 6 M lineitems), bucketing every right row by key to follow the left order
    /// would cost more than the join. Inner, semi and anti joins only, whose results do not
    /// depend on the pairs' order (a LEFT join's unmatched rows are placed by it); small
    /// inputs keep the left order, so that what a notebook shows does not move.
    private static func scansRight(_ kind: JoinKind, left: JoinInput, right: JoinInput) -> Bool {
        guard kind == .inner || kind == .semi || kind == .anti else { return false }
        return right.rowCount >= Parallel.cutSize(normally: 1 << 18) && right.rowCount >= 4 * left.rowCount
    }

    /// The matching pairs, left row by left row, each with its right rows in order; the memory
    /// asked for counts the unmatched rows an outer join adds.
    private static func pairsInLeftOrder(_ keys: JoinKeyNumbers, left: JoinInput, right: JoinInput, kind: JoinKind,
                                         evaluator: ExpressionEvaluator) throws -> ([Int32], [Int32]) {
        // Right rows by key number.
        let buckets = RowBuckets(groups: keys.build, groupCount: keys.keyCount)
        let unmatched = (kind == .left || kind == .full ? left.rowCount : 0) + (kind == .right || kind == .full ? right.rowCount : 0)
        return try pairs(walking: keys.probe, of: buckets, unmatched: unmatched, left: left, right: right, evaluator: evaluator) { walked, matched in
            (walked, matched)
        }
    }

    /// The matching pairs, right row by right row, each with its left rows in order.
    private static func pairsInRightOrder(_ keys: JoinKeyNumbers, left: JoinInput, right: JoinInput,
                                          evaluator: ExpressionEvaluator) throws -> ([Int32], [Int32]) {
        let buckets = RowBuckets(groups: keys.probe, groupCount: keys.keyCount)
        return try pairs(walking: keys.build, of: buckets, unmatched: 0, left: left, right: right, evaluator: evaluator) { walked, matched in
            (matched, walked)
        }
    }

    /// The pairs of each walked row (its key number in `walked`) with the other side's rows of
    /// that number (`buckets`), in walked-row order: counted, then written, range by range on
    /// all cores into arrays made once at their full size (one pass of a 6 M-row side, most
    /// of whose rows have no match, was a serial loop with a mispredicted branch per row).
    /// `order` says which of (walked row, matched row) is the left one.
    private static func pairs(walking walked: [Int32], of buckets: RowBuckets, unmatched: Int, left: JoinInput, right: JoinInput,
                              evaluator: ExpressionEvaluator, order: (Int32, Int32) -> (Int32, Int32)) throws -> ([Int32], [Int32]) {
        let ranges = walked.count >= Parallel.cutSize(normally: 4 * Parallel.morselRows) ? Parallel.ranges(walked.count) : [0..<walked.count]
        let counts = walked.withUnsafeBufferPointer { ids in
            buckets.starts.withUnsafeBufferPointer { starts in
                Parallel.map(ranges.count, work: walked.count) { i -> Int in
                    var total = 0
                    for id in ids[ranges[i]] where id >= 0 { total &+= starts[Int(id) &+ 1] &- starts[Int(id)] }
                    return total
                }
            }
        }
        var offsets = [Int](repeating: 0, count: ranges.count + 1)
        for (i, c) in counts.enumerated() { offsets[i + 1] = offsets[i] + c }
        let total = offsets[ranges.count]
        // Counted before made: a many-to-many join can outgrow memory.
        try checkSize(total + unmatched, left: left, right: right)
        try evaluator.context.checkCancelled()
        var leftRows = [Int32](repeating: 0, count: total), rightRows = [Int32](repeating: 0, count: total)
        guard total > 0 else { return (leftRows, rightRows) }
        leftRows.withUnsafeMutableBufferPointer { l in
            rightRows.withUnsafeMutableBufferPointer { r in
                walked.withUnsafeBufferPointer { ids in
                    buckets.starts.withUnsafeBufferPointer { starts in
                        buckets.rows.withUnsafeBufferPointer { rows in
                            let (lefts, rights) = (l.baseAddress!, r.baseAddress!)
                            _ = Parallel.map(ranges.count, work: total) { i -> Int in
                                var at = offsets[i]
                                for w in ranges[i] where ids[w] >= 0 {
                                    let id = Int(ids[w])
                                    for k in starts[id]..<starts[id &+ 1] {
                                        (lefts[at], rights[at]) = order(Int32(truncatingIfNeeded: w), rows[k])
                                        at &+= 1
                                    }
                                }
                                return at
                            }
                        }
                    }
                }
            }
        }
        return (leftRows, rightRows)
    }

    /// Refuses a join whose output rows could not be addressed or would pass the memory limit,
    /// before any of it is made.
    private static func checkSize(_ rows: Int, left: JoinInput, right: JoinInput) throws {
        guard rows <= Int(Int32.max) else {
            throw QueryError("this join would make \(rows == Int.max ? "too many" : String(rows)) rows, more than a table can hold (\(Int32.max))",
                             hint: "add an equality between the two tables in ON, or filter them first")
        }
        // Two row numbers per pair, then a copy of both sides' columns.
        let perRow = 8 + left.bytesPerGatheredRow + right.bytesPerGatheredRow
        try MemoryLimit.check(adding: rows * perRow, for: "this join (\(rows) rows)")
    }
}
