/// Compares rows of one column for ORDER BY: typed, with NULLs placed first or last, strings
/// compared by byte order through ranks of their dictionary when they have one.
public struct RowComparator {
    private let compareValues: (Int, Int) -> Int
    private let validity: ValidityBitmap?
    private let descending: Bool
    private let nullsFirst: Bool
    /// The values themselves, for a column without NULLs of doubles or 64-bit integers: a sort
    /// on one such key compares them inline, not through `compareValues`.
    private let doubles: [Double]?
    private let integers: [Int64]?

    public init(_ column: Column, descending: Bool, nullsFirst: Bool) {
        self.validity = column.validity
        self.descending = descending
        self.nullsFirst = nullsFirst
        // NaN compares neither below nor above a number: a sort through `<` alone then
        // depends on its algorithm. It goes after every number (as in DuckDB and PostgreSQL),
        // and a column holding one is compared through `compareValues`.
        let hasNaN: Bool
        if case .double(let v) = column.buffer { hasNaN = v.contains { $0.isNaN } } else { hasNaN = false }
        switch (column.buffer, column.validity) {
        case (.double(let v), nil) where !hasNaN: (doubles, integers) = (v, nil)
        case (.int64(let v), nil), (.decimal(let v, _), nil), (.timestamp(let v), nil): (doubles, integers) = (nil, v)
        default: (doubles, integers) = (nil, nil)
        }
        func ordered<T: Comparable>(_ v: [T]) -> (Int, Int) -> Int {
            { a, b in v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0) }
        }
        switch column.buffer {
        case .int64(let v): compareValues = ordered(v)
        case .decimal(let v, _): compareValues = ordered(v)
        case .timestamp(let v): compareValues = ordered(v)
        case .double(let v) where hasNaN:
            compareValues = { a, b in
                let x = v[a], y = v[b]
                if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
                return x < y ? -1 : (x > y ? 1 : 0)
            }
        case .double(let v): compareValues = ordered(v)
        case .date(let v): compareValues = ordered(v)
        case .bool(let v): compareValues = ordered(v.map { $0 ? 1 : 0 })
        case .string(let s):
            switch s.storage {
            case .dictionary(let codes, let values):
                // Rank the dictionary once; rows then compare as integers.
                let order = (0..<values.count).sorted { values.compare($0, $1) < 0 }
                var rank = [Int32](repeating: 0, count: values.count)
                var current: Int32 = 0
                for (i, code) in order.enumerated() {
                    if i > 0, values.compare(order[i - 1], code) != 0 { current += 1 }
                    rank[code] = current
                }
                let rowRank = codes.map { rank[Int($0)] }
                compareValues = ordered(rowRank)
            case .plain(let arena):
                compareValues = { a, b in arena.compare(a, b) }
            }
        case .geometry(let g):
            // No natural order: WKB bytes give a stable one, as DuckDB sorts geometries.
            compareValues = { a, b in g.arena.compare(a, b) }
        }
    }

    @inline(__always)
    public func compare(_ a: Int, _ b: Int) -> Int {
        if let validity {
            let na = !validity.isValid(a), nb = !validity.isValid(b)
            if na || nb {
                if na && nb { return 0 }
                return na == nullsFirst ? -1 : 1
            }
        }
        let c = compareValues(a, b)
        return descending ? -c : c
    }

    /// The permutation that sorts `rowCount` rows by the keys in order; ties keep their order.
    /// The first `count` rows of `sortedRows`, found without sorting them all: a bounded heap
    /// of the best rows so far (ties go to the earlier row, as in the stable full sort), so
    /// `ORDER BY … LIMIT 10` over millions of rows costs one pass.
    public static func topRows(_ keys: [RowComparator], rowCount: Int, count: Int) -> [Int32] {
        guard count < rowCount / 4 else { return Array(sortedRows(keys, rowCount: rowCount).prefix(max(count, 0))) }
        guard count > 0 else { return [] }
        @inline(__always) func before(_ a: Int32, _ b: Int32) -> Bool {
            for key in keys {
                let c = key.compare(Int(a), Int(b))
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        // A max-heap on the order: heap[0] is the worst of the best `count` rows.
        var heap: [Int32] = []
        heap.reserveCapacity(count)
        func siftUp(_ start: Int) {
            var i = start
            while i > 0 {
                let parent = (i - 1) / 2
                guard before(heap[parent], heap[i]) else { return }
                heap.swapAt(parent, i)
                i = parent
            }
        }
        func siftDown() {
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count, before(heap[worst], heap[l]) { worst = l }
                if r < heap.count, before(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for row in 0..<Int32(rowCount) {
            if heap.count < count {
                heap.append(row)
                siftUp(heap.count - 1)
            } else if before(row, heap[0]) {
                heap[0] = row
                siftDown()
            }
        }
        return heap.sorted(by: before)
    }

    /// Sorts `rows[range]` in place by the keys; ties keep their order when the range was in
    /// row order (window partitions, sorted one by one).
    public static func sort(_ rows: inout [Int32], range: Range<Int>, by keys: [RowComparator]) {
        guard range.count > 1 else { return }
        if keys.count == 1, let v = keys[0].doubles {
            sortInline(&rows, range: range, values: v, descending: keys[0].descending)
            return
        }
        if keys.count == 1, let v = keys[0].integers {
            sortInline(&rows, range: range, values: v, descending: keys[0].descending)
            return
        }
        rows[range].sort { a, b in
            for key in keys {
                let c = key.compare(Int(a), Int(b))
                if c != 0 { return c < 0 }
            }
            return a < b
        }
    }

    /// (value, row) pairs sorted with the comparison inlined; ties by row.
    private static func sortInline<T: Comparable>(_ rows: inout [Int32], range: Range<Int>, values: [T], descending: Bool) {
        var pairs = values.withUnsafeBufferPointer { v in rows[range].map { (v[Int($0)], $0) } }
        if descending {
            pairs.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        } else {
            pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        }
        for (k, pair) in pairs.enumerated() { rows[range.lowerBound + k] = pair.1 }
    }

    public static func sortedRows(_ keys: [RowComparator], rowCount: Int) -> [Int32] {
        var rows = (0..<Int32(rowCount)).map { $0 }
        sort(&rows, range: rows.indices, by: keys)
        return rows
    }
}
