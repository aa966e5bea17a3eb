import CarnetEngine

/// Computes aggregates per group over typed buffers: one pass per aggregate, accumulators in
/// arrays indexed by group number (exact Int128 sums for integers and decimals).
enum Aggregation {
    static func compute(_ call: AggregateCall, argument: Column?, second: Column? = nil, groups: [Int32], groupCount: Int) throws -> Column {
        var groups = groups
        var argument = argument
        if call.distinct, let a = argument {
            // Keep the first row of each (group, value) pair, then aggregate those rows.
            let pairs = GroupKeyEncoder.encode([Column(.int64(groups.map(Int64.init))), a], rowCount: groups.count)
            let rows = pairs.firstRow
            groups = rows.map { groups[Int($0)] }
            argument = a.gather(rows)
        }
        let n = groups.count
        switch call.function {
        case .countStar:
            return Column(.int64(rowsPerGroup(groups, groupCount)))
        case .count:
            let a = argument!
            if a.validity == nil { return Column(.int64(rowsPerGroup(groups, groupCount))) }
            var counts = [Int64](repeating: 0, count: groupCount)
            for row in 0..<n where !a.isNull(row) { counts[Int(groups[row])] += 1 }
            return Column(.int64(counts))
        case .sum:
            return try sum(argument!, groups, groupCount)
        case .avg:
            let a = argument!
            var sums = [Double](repeating: 0, count: groupCount), counts = [Int](repeating: 0, count: groupCount)
            // Decimals and integers are summed exactly, then divided once.
            if case .double(let values) = a.buffer {
                for row in 0..<n where !a.isNull(row) { sums[Int(groups[row])] += values[row]; counts[Int(groups[row])] += 1 }
            } else {
                var exact = [Int128](repeating: 0, count: groupCount)
                let raw = a.int64Values() ?? a.scaledValues(to: a.type.scale) ?? []
                for row in 0..<n where !a.isNull(row) { exact[Int(groups[row])] += Int128(raw[row]); counts[Int(groups[row])] += 1 }
                let divisor = Double(FixedPoint.powersOfTen[a.type.scale])
                for g in 0..<groupCount { sums[g] = Double(exact[g]) / divisor }
            }
            return Column(.double((0..<groupCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }),
                          validity: bitmap(counts.map { $0 > 0 }))
        case .min, .max:
            let a = argument!
            if let typed = typedExtreme(a, max: call.function == .max, groups, groupCount) { return typed }
            let comparator = RowComparator(a, descending: call.function == .max, nullsFirst: false)
            var best = [Int32](repeating: -1, count: groupCount)
            for row in 0..<n where !a.isNull(row) {
                let g = Int(groups[row])
                if best[g] < 0 || comparator.compare(row, Int(best[g])) < 0 { best[g] = Int32(row) }
            }
            return a.gather(best)
        case .median:
            return quantile(argument!, 0.5, groups, groupCount)
        case .quantileCont:
            guard case .literal(.double(let q), _) = call.second else { throw QueryError("quantile_cont needs a fraction") }
            return quantile(argument!, q, groups, groupCount)
        case .stringAgg:
            guard case .literal(.string(let separator), _) = call.second else { throw QueryError("string_agg needs a separator") }
            return joined(argument!, separator: separator, groups, groupCount)
        case .corr:
            return correlation(argument!, second!, groups, groupCount)
        case .grouping:
            // A plain GROUP BY rolls nothing up; grouping sets compute their own (Executor).
            return Column(.int64([Int64](repeating: 0, count: groupCount)))
        case .stddev:
            let a = argument!
            let values = a.doubleValues() ?? []
            var count = [Int](repeating: 0, count: groupCount), mean = [Double](repeating: 0, count: groupCount), m2 = [Double](repeating: 0, count: groupCount)
            for row in 0..<n where !a.isNull(row) {
                let g = Int(groups[row])
                count[g] += 1
                let delta = values[row] - mean[g]
                mean[g] += delta / Double(count[g])
                m2[g] += delta * (values[row] - mean[g])
            }
            return Column(.double((0..<groupCount).map { count[$0] > 1 ? (m2[$0] / Double(count[$0] - 1)).squareRoot() : 0 }),
                          validity: bitmap(count.map { $0 > 1 }))
        }
    }

    /// min or max of integers, decimals, dates and doubles compared inline (the general path
    /// goes through a comparator closure per row); nil for other types.
    private static func typedExtreme(_ a: Column, max: Bool, _ groups: [Int32], _ groupCount: Int) -> Column? {
        func extreme<T: Comparable>(_ v: [T]) -> (values: [T], seen: [Bool]) {
            var best = [T?](repeating: nil, count: groupCount)
            v.withUnsafeBufferPointer { v in
                for row in 0..<groups.count where !a.isNull(row) {
                    let g = Int(groups[row]), x = v[row]
                    if let b = best[g] { if max ? x > b : x < b { best[g] = x } } else { best[g] = x }
                }
            }
            return (best.map { $0 ?? v.first! }, best.map { $0 != nil })
        }
        guard !groups.isEmpty else { return nil }
        switch a.buffer {
        case .int64(let v): let (x, seen) = extreme(v); return Column(.int64(x), validity: bitmap(seen))
        case .decimal(let v, let s): let (x, seen) = extreme(v); return Column(.decimal(x, scale: s), validity: bitmap(seen))
        case .date(let v): let (x, seen) = extreme(v); return Column(.date(x), validity: bitmap(seen))
        case .timestamp(let v): let (x, seen) = extreme(v); return Column(.timestamp(x), validity: bitmap(seen))
        case .double(let v) where !v.contains(where: \.isNaN): let (x, seen) = extreme(v); return Column(.double(x), validity: bitmap(seen))
        default: return nil
        }
    }

    /// The q-quantile of each group's non-NULL values, interpolated linearly between the two
    /// nearest ranks (DuckDB's quantile_cont; median is q = 0.5).
    private static func quantile(_ a: Column, _ q: Double, _ groups: [Int32], _ groupCount: Int) -> Column {
        let values = a.doubleValues() ?? []
        // Each group's non-NULL values side by side in one array (a counting sort by group),
        // each group's run then sorted in place, runs of groups on all cores.
        let buckets = RowBuckets(groups: a.validity == nil ? groups : groups.indices.map { a.isNull($0) ? -1 : groups[$0] }, groupCount: groupCount)
        let starts = buckets.starts
        var flat = values.withUnsafeBufferPointer { v in buckets.rows.map { v[Int($0)] } }
        let runs = buckets.runs
        var result = [Double](repeating: 0, count: groupCount)
        flat.withUnsafeMutableBufferPointer { flat in
            result.withUnsafeMutableBufferPointer { result in
                let (values, out) = (flat, result)
                _ = Parallel.map(runs.count, work: flat.count) { r -> Bool in
                    for g in runs[r] where starts[g + 1] > starts[g] {
                        let count = starts[g + 1] - starts[g]
                        let position = q * Double(count - 1)
                        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
                        let run = UnsafeMutableBufferPointer(rebasing: values[starts[g]..<starts[g + 1]])
                        let (x, y) = ranks(run, lower, upper)
                        out[g] = x + (y - x) * (position - Double(lower))
                    }
                    return true
                }
            }
        }
        return Column(.double(result), validity: bitmap((0..<groupCount).map { starts[$0 + 1] > starts[$0] }))
    }

    /// The values of ranks `lower` and `upper` (= lower or lower + 1) of a run, as if sorted:
    /// by selection (Hoare's quickselect, linear on average) rather than a sort of the run;
    /// a run holding NaN is sorted, as before.
    private static func ranks(_ run: UnsafeMutableBufferPointer<Double>, _ lower: Int, _ upper: Int) -> (Double, Double) {
        var run = run
        if run.contains(where: \.isNaN) {
            run.sort()
            return (run[lower], run[upper])
        }
        var lo = 0, hi = run.count - 1
        while lo < hi {
            let pivot = run[lo + (hi - lo) / 2]
            var i = lo, j = hi
            while i <= j {
                while run[i] < pivot { i += 1 }
                while run[j] > pivot { j -= 1 }
                if i <= j { run.swapAt(i, j); i += 1; j -= 1 }
            }
            if lower <= j { hi = j } else if lower >= i { lo = i } else { break }
        }
        let x = run[lower]
        guard upper > lower else { return (x, x) }
        // Everything after `lower` is at least x: the next rank is their smallest.
        var y = run[upper]
        for k in upper..<run.count where run[k] < y { y = run[k] }
        return (x, y)
    }

    /// Each group's non-NULL texts joined by `separator`, in row order; NULL for a group with none.
    private static func joined(_ a: Column, separator: String, _ groups: [Int32], _ groupCount: Int) -> Column {
        guard case .string(let text) = a.buffer else { return Column.constant(.null, type: .string, count: groupCount) }
        // Rows by group, in row order; NULLs left out.
        let buckets = RowBuckets(groups: a.validity == nil ? groups : groups.indices.map { a.isNull($0) ? -1 : groups[$0] }, groupCount: groupCount)
        let (starts, rows) = (buckets.starts, buckets.rows)
        let sep = Array(separator.utf8)
        var out = StringArena()
        var buffer: [UInt8] = []
        for g in 0..<groupCount {
            buffer.removeAll(keepingCapacity: true)
            for k in starts[g]..<starts[g + 1] {
                if k > starts[g] { buffer += sep }
                text.withUTF8(at: Int(rows[k])) { buffer.append(contentsOf: $0) }
            }
            buffer.withUnsafeBufferPointer { out.append($0) }
        }
        return Column(.string(StringColumn(storage: .plain(out))), validity: bitmap((0..<groupCount).map { starts[$0 + 1] > starts[$0] }))
    }

    /// Pearson's r over each group's rows where both values are set, by one pass of running
    /// means and co-moments (Welford); NULL with fewer than two pairs or a constant column.
    private static func correlation(_ y: Column, _ x: Column, _ groups: [Int32], _ groupCount: Int) -> Column {
        let ys = y.doubleValues() ?? [], xs = x.doubleValues() ?? []
        // Each group's running state side by side (count, means, second moments, co-moment):
        // one cache line per row of six million groups, not six arrays read far apart.
        let width = 6
        var state = [Double](repeating: 0, count: groupCount * width)
        let nullable = y.validity != nil || x.validity != nil
        state.withUnsafeMutableBufferPointer { state in
            xs.withUnsafeBufferPointer { xs in
                ys.withUnsafeBufferPointer { ys in
                    for row in groups.indices {
                        if nullable, y.isNull(row) || x.isNull(row) { continue }
                        let s = Int(groups[row]) &* width
                        let count = state[s] + 1
                        state[s] = count
                        let dx = xs[row] - state[s + 1]
                        state[s + 1] += dx / count
                        let dy = ys[row] - state[s + 2]
                        state[s + 2] += dy / count
                        state[s + 3] += dx * (xs[row] - state[s + 1])
                        state[s + 4] += dy * (ys[row] - state[s + 2])
                        state[s + 5] += dx * (ys[row] - state[s + 2])
                    }
                }
            }
        }
        let defined = (0..<groupCount).map { g in state[g * width] >= 2 && state[g * width + 3] > 0 && state[g * width + 4] > 0 }
        let r = (0..<groupCount).map { g in
            defined[g] ? min(1, max(-1, state[g * width + 5] / (state[g * width + 3] * state[g * width + 4]).squareRoot())) : 0
        }
        return Column(.double(r), validity: bitmap(defined))
    }

    /// How many rows each group has (the loop on raw buffers: indexing the arrays checked
    /// their uniqueness on every row).
    static func rowsPerGroup(_ groups: [Int32], _ groupCount: Int) -> [Int64] {
        var counts = [Int64](repeating: 0, count: groupCount)
        counts.withUnsafeMutableBufferPointer { counts in
            groups.withUnsafeBufferPointer { groups in
                for g in groups { counts[Int(g)] &+= 1 }
            }
        }
        return counts
    }

    private static func sum(_ a: Column, _ groups: [Int32], _ groupCount: Int) throws -> Column {
        let n = groups.count
        var seen = [Bool](repeating: false, count: groupCount)
        if a.validity == nil {
            seen.withUnsafeMutableBufferPointer { seen in
                groups.withUnsafeBufferPointer { groups in
                    for g in groups { seen[Int(g)] = true }
                }
            }
        } else {
            for row in 0..<n where !a.isNull(row) { seen[Int(groups[row])] = true }
        }
        switch a.buffer {
        case .double(let v):
            var sums = [Double](repeating: 0, count: groupCount)
            if a.validity == nil {
                v.withUnsafeBufferPointer { values in
                    groups.withUnsafeBufferPointer { groups in
                        sums.withUnsafeMutableBufferPointer { sums in
                            for row in 0..<n { sums[Int(groups[row])] += values[row] }
                        }
                    }
                }
            } else {
                for row in 0..<n where !a.isNull(row) { sums[Int(groups[row])] += v[row] }
            }
            return Column(.double(sums), validity: bitmap(seen))
        case .int64(let v), .decimal(let v, _):
            var sums = [Int128](repeating: 0, count: groupCount)
            if a.validity == nil {
                v.withUnsafeBufferPointer { values in
                    groups.withUnsafeBufferPointer { groups in
                        sums.withUnsafeMutableBufferPointer { sums in
                            for row in 0..<n { sums[Int(groups[row])] &+= Int128(values[row]) }
                        }
                    }
                }
            } else {
                for row in 0..<n where !a.isNull(row) { sums[Int(groups[row])] += Int128(v[row]) }
            }
            var out = [Int64](repeating: 0, count: groupCount)
            for g in 0..<groupCount {
                guard sums[g] >= Int128(Int64.min), sums[g] <= Int128(Int64.max) else {
                    throw QueryError("a sum is too large for a 64-bit number", hint: "sum(CAST(x AS double))")
                }
                out[g] = Int64(sums[g])
            }
            if case .decimal(_, let s) = a.buffer { return Column(.decimal(out, scale: s), validity: bitmap(seen)) }
            return Column(.int64(out), validity: bitmap(seen))
        default:
            throw QueryError("sum needs numbers, not \(a.type)")
        }
    }

    static func bitmap(_ valid: [Bool]) -> ValidityBitmap? {
        guard valid.contains(false) else { return nil }
        var b = ValidityBitmap()
        b.reserveCapacity(valid.count)
        for v in valid { b.append(v) }
        return b
    }
}
