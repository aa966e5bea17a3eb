/// Compares rows of one column for ORDER BY: typed, with NULLs placed first or last, strings
/// compared by byte order through ranks of their dictionary when they have one.
public struct RowComparator {
    private let compareValues: (Int, Int) -> Int
    private let validity: ValidityBitmap?
    private let descending: Bool
    private let nullsFirst: Bool

    public init(_ column: Column, descending: Bool, nullsFirst: Bool) {
        self.validity = column.validity
        self.descending = descending
        self.nullsFirst = nullsFirst
        func ordered<T: Comparable>(_ v: [T]) -> (Int, Int) -> Int {
            { a, b in v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0) }
        }
        switch column.buffer {
        case .int64(let v): compareValues = ordered(v)
        case .decimal(let v, _): compareValues = ordered(v)
        case .timestamp(let v): compareValues = ordered(v)
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
    public static func sortedRows(_ keys: [RowComparator], rowCount: Int) -> [Int32] {
        var rows = (0..<Int32(rowCount)).map { $0 }
        rows.sort { a, b in
            for key in keys {
                let c = key.compare(Int(a), Int(b))
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        return rows
    }
}
