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
        // Merge the partitions' first rows, each ascending, into one ascending list; a
        // partition's group gets the position of its first row there.
        let total = numbered.reduce(0) { $0 + $1.firstRow.count }
        var firstRow: [Int32] = []
        firstRow.reserveCapacity(total)
        var renumbered = numbered.map { [Int32](repeating: 0, count: $0.firstRow.count) }
        var next = [Int](repeating: 0, count: partitions)
        while firstRow.count < total {
            var best = -1
            for p in 0..<partitions where next[p] < numbered[p].firstRow.count {
                if best < 0 || numbered[p].firstRow[next[p]] < numbered[best].firstRow[next[best]] { best = p }
            }
            renumbered[best][next[best]] = Int32(firstRow.count)
            firstRow.append(numbered[best].firstRow[next[best]])
            next[best] += 1
        }
        var groupOfRow = [Int32](repeating: 0, count: count)
        groupOfRow.withUnsafeMutableBufferPointer { out in
            for p in 0..<partitions {
                let local = numbered[p].ids, global = renumbered[p], partRows = rows[p]
                for k in partRows.indices { out[Int(partRows[k])] = global[Int(local[k])] }
            }
        }
        return GroupKeys(groupOfRow: groupOfRow, firstRow: firstRow)
    }
}
