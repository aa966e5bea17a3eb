/// Codes for the rows of a large plain text column, interned on all cores: rows are split by
/// the top bits of their bytes' hash into partitions that share no value, each interned by
/// its own table on its own thread. Equal texts get equal codes, dense from 0; unlike one
/// interner's, the codes do not follow first appearance, which grouping does not need (it
/// numbers groups itself).
enum PartitionedInterning {
    /// One code per row, and how many distinct texts there are.
    static func codes(_ arena: StringArena) -> (codes: [UInt64], distinct: Int) {
        let count = arena.count
        let hashes = Parallel.mapRanges(count, work: count) { range in range.map { row in arena.withUTF8(at: row) { ByteStringInterner.hash($0) } } }
        let partitions = 1 << PartitionedGrouping.partitionBits
        let rows = PartitionedGrouping.split(hashes)
        let local = Parallel.map(partitions, work: count) { p -> (codes: [UInt32], distinct: Int) in
            var interner = ByteStringInterner(capacity: Swift.min(rows[p].count, 1 << 16))
            let codes = rows[p].map { r in arena.withUTF8(at: Int(r)) { interner.intern($0) } }
            return (codes, interner.count)
        }
        var out = [UInt64](repeating: 0, count: count)
        var offset = 0
        out.withUnsafeMutableBufferPointer { out in
            for p in 0..<partitions {
                let base = UInt64(offset)
                for (k, r) in rows[p].enumerated() { out[Int(r)] = base + UInt64(local[p].codes[k]) }
                offset += local[p].distinct
            }
        }
        return (out, offset)
    }
}
