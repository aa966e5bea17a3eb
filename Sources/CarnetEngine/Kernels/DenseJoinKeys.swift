/// A hash join's single key numbered through an array indexed by the key's offset from the
/// smallest key, when the keys of the side numbered first span a narrow range (TPC-H's part,
/// supplier and customer keys; interned text): a lookup is one array read, with no hashing
/// and no probing, as DuckDB's perfect hash join. Keys get the numbers `KeyHashTable` would
/// give them (order of first appearance on the side numbered first).
enum DenseJoinKeys {
    /// Numbers of `insert`'s rows and of `lookUp`'s (-1: NULL, or not among the inserted
    /// keys), codes read as Int64; nil when the inserted keys' range is too wide for an array.
    static func number(insert: [UInt64], skip insertSkip: [Bool]?, lookUp: [UInt64], skip lookUpSkip: [Bool]?)
        -> (inserted: [Int32], lookedUp: [Int32], keyCount: Int)? {
        var lo = Int64.max, hi = Int64.min
        for row in insert.indices where insertSkip?[row] != true {
            let v = Int64(bitPattern: insert[row])
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo <= hi else { return nil }
        let (range, overflow) = hi.subtractingReportingOverflow(lo)
        // The array costs clearing its slots: worth it up to a few per inserted key, or up to
        // one per looked-up row (a few thousand parts looked up by six million lineitems: an
        // array read per row, where most rows would miss in a hash table, a mispredicted branch
        // each).
        let affordable = max(1 << 16, 8 * Int64(insert.count), Int64(lookUp.count))
        guard !overflow, range < affordable, range < 1 << 25 else { return nil }
        var slot = [Int32](repeating: -1, count: Int(range) + 1)
        var inserted = [Int32](repeating: -1, count: insert.count)
        var keys: Int32 = 0
        slot.withUnsafeMutableBufferPointer { slot in
            for row in insert.indices where insertSkip?[row] != true {
                let i = Int(Int64(bitPattern: insert[row]) &- lo)
                if slot[i] < 0 { slot[i] = keys; keys += 1 }
                inserted[row] = slot[i]
            }
        }
        let lookedUp = Parallel.mapRanges(lookUp.count, work: lookUp.count) { range -> [Int32] in
            var ids = [Int32](repeating: -1, count: range.count)
            slot.withUnsafeBufferPointer { slot in
                lookUp.withUnsafeBufferPointer { codes in
                    for row in range where lookUpSkip?[row] != true {
                        let v = Int64(bitPattern: codes[row])
                        if v >= lo, v <= hi { ids[row - range.lowerBound] = slot[Int(v &- lo)] }
                    }
                }
            }
            return ids
        }
        return (inserted, lookedUp, Int(keys))
    }
}
