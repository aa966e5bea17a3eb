/// Groups many rows with many distinct keys on all cores: rows are split by the top bits of
/// their key's hash into partitions that share no key, each partition is numbered by its own
/// hash table on its own thread, and the partitions' groups are merged back into order of
/// first appearance (each partition's groups already are, so the merge is one linear pass).
/// The result is what one hash table over all rows gives.
enum PartitionedGrouping {
    /// Below this many rows one table is faster than partitioning.
    static let minimumRows = Parallel.cutSize(normally: 1 << 20)
    static let partitionBits = 3

    /// The rows by the top `partitionBits` bits of their hash, ascending in each partition:
    /// equal keys, having equal hashes, fall in one partition.
    static func split<Hash: FixedWidthInteger & UnsignedInteger>(_ hashes: [Hash]) -> [[Int32]] {
        let partitions = 1 << partitionBits, shift = Hash(Hash.bitWidth - partitionBits)
        var rows = [[Int32]](repeating: [], count: partitions)
        for p in 0..<partitions { rows[p].reserveCapacity(hashes.count / partitions + hashes.count / (4 * partitions)) }
        hashes.withUnsafeBufferPointer { h in
            for row in h.indices { rows[Int(h[row] >> shift)].append(Int32(row)) }
        }
        return rows
    }

    static func encode(_ codes: [[UInt64]], count: Int) -> GroupKeys {
        let hashes = KeyHashTable.hashes(codes, count: count)
        let keys = codes.count == 1 ? [] : KeyHashTable.rowMajor(codes, count: count)
        let partitions = 1 << partitionBits
        let rows = split(hashes)
        // Each partition's key numbers (for its rows, in order) and its groups' first rows.
        let numbered = Parallel.map(partitions, work: count) { p -> (ids: [Int32], firstRow: [Int32]) in
            var table = KeyHashTable(expectedKeys: min(rows[p].count, 1 << 16))
            let ids = table.insert(codes, keys: keys, hashes: hashes, rows: rows[p])
            return (ids, table.firstRow)
        }
        // The groups in order of their first rows: a bit per row marks the first rows, and
        // walking the set bits in row order numbers them. A first row's partition is its
        // hash's top bits, and each partition numbered its groups in order of their first
        // rows, so the k-th first row met of partition p is its group k.
        let wordCount = (count + 63) / 64
        var firsts = [UInt64](repeating: 0, count: wordCount)
        for part in numbered {
            for row in part.firstRow { firsts[Int(row) >> 6] |= 1 << UInt64(row & 63) }
        }
        let total = numbered.reduce(0) { $0 + $1.firstRow.count }
        var firstRow = [Int32](repeating: 0, count: total)
        var renumbered = numbered.map { [Int32](repeating: 0, count: $0.firstRow.count) }
        var next = [Int](repeating: 0, count: partitions)
        let shift = UInt64(64 - partitionBits)
        var global = 0
        for w in 0..<wordCount {
            var bits = firsts[w]
            while bits != 0 {
                let row = w << 6 | bits.trailingZeroBitCount
                bits &= bits &- 1
                let p = Int(hashes[row] >> shift)
                renumbered[p][next[p]] = Int32(global)
                next[p] += 1
                firstRow[global] = Int32(row)
                global += 1
            }
        }
        // Each row's group, partition by partition on all cores: partitions hold distinct rows.
        var groupOfRow = [Int32](repeating: 0, count: count)
        groupOfRow.withUnsafeMutableBufferPointer { out in
            guard let target = out.baseAddress else { return }
            _ = Parallel.map(partitions, work: count) { p -> Int in
                let local = numbered[p].ids, renumber = renumbered[p], partRows = rows[p]
                for k in partRows.indices { target[Int(partRows[k])] = renumber[Int(local[k])] }
                return partRows.count
            }
        }
        return GroupKeys(groupOfRow: groupOfRow, firstRow: firstRow)
    }
}
