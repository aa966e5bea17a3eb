/// Numbers distinct keys densely, in order of first appearance. A key is one 64-bit code per
/// key column (`GroupKeyEncoder.keyParts`); the table is a flat array of slots probed linearly,
/// hashed by a cheap mix of the codes, so a row costs a few arithmetic operations and usually
/// one cache miss. Swift's `Dictionary` (SipHash and a boxed key per row) had been most of the
/// time of GROUP BY and hash joins.
public struct KeyHashTable {
    /// The first row of each key, in key order.
    private(set) var firstRow: [Int32] = []
    private var keyHashes: [UInt64] = []
    /// `slots[h & mask]` holds a key number, or -1 when empty.
    private var slots: [Int32]
    private var mask: Int

    var keyCount: Int { firstRow.count }

    init(expectedKeys: Int) {
        var size = 64
        while size < expectedKeys * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// Where every row's hash starts, before its codes are mixed in.
    static let hashSeed: UInt64 = 0x243F_6A88_85A3_08D3

    /// One hash per row from all its key codes, column by column (vectorised loops).
    static func hashes(_ codes: [[UInt64]], count: Int) -> [UInt64] {
        var hashes = [UInt64](repeating: hashSeed, count: count)
        hashes.withUnsafeMutableBufferPointer { h in
            for column in codes {
                column.withUnsafeBufferPointer { c in
                    for row in 0..<count { h[row] = mix(h[row] &+ c[row]) }
                }
            }
        }
        return hashes
    }

    /// A 64-bit finalising mix (the rows' hash, and a cheap repeatable pseudo-random sequence).
    /// Each step (a multiplication by an odd number, a shift xored in) can be undone, so two
    /// different words never mix to the same hash: a key of one code is known by its hash.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0x9E37_79B9_7F4A_7C15
        z ^= z >> 32
        z = z &* 0xD6E8_FEB8_6659_FD93
        return z ^ (z >> 29)
    }

    /// The key number of every row, adding new keys; rows marked in `skip` get -1 and no key.
    mutating func insert(_ codes: [[UInt64]], count: Int, skip: [Bool]? = nil) -> [Int32] {
        let hashes = KeyHashTable.hashes(codes, count: count)
        let keys = codes.count == 1 ? [] : KeyHashTable.rowMajor(codes, count: count)
        guard let skip else { return insert(codes, keys: keys, hashes: hashes, rows: (0..<Int32(count)).map { $0 }) }
        let rows = (0..<Int32(count)).filter { !skip[Int($0)] }
        var ids = [Int32](repeating: -1, count: count)
        for (k, id) in insert(codes, keys: keys, hashes: hashes, rows: rows).enumerated() { ids[Int(rows[k])] = id }
        return ids
    }

    /// The key number of each of `rows` (a partition's rows, ascending), whose hashes are
    /// given; `keys` holds all rows' codes side by side (`rowMajor`) when there are several.
    mutating func insert(_ codes: [[UInt64]], keys: [UInt64], hashes: [UInt64], rows: [Int32]) -> [Int32] {
        var ids = [Int32](repeating: 0, count: rows.count)
        func insert(_ part: Range<Int>) {
            ids.withUnsafeMutableBufferPointer { ids in
                hashes.withUnsafeBufferPointer { hashes in
                    if codes.count == 1 {
                        // One code: its hash is a bijection of it (`hashes`), so equal hashes
                        // are equal codes, and the code at the key's first row (a read far
                        // away in memory) is never compared.
                        for k in part {
                            let row = Int(rows[k])
                            ids[k] = self.insert(hash: hashes[row], row: row) { _ in true }
                        }
                    } else {
                        let width = codes.count
                        keys.withUnsafeBufferPointer { keys in
                            for k in part {
                                let row = Int(rows[k])
                                ids[k] = self.insert(hash: hashes[row], row: row) { first in
                                    let a = Int(first) &* width, b = row &* width
                                    for c in 0..<width where keys[a &+ c] != keys[b &+ c] { return false }
                                    return true
                                }
                            }
                        }
                    }
                }
            }
        }
        // The first rows tell how many keys the rest will bring: when most are new, the
        // table is sized for all of them at once instead of doubling (and rehashing) a
        // dozen times on the way to ten million keys.
        let sample = min(rows.count, 1 << 14)
        insert(0..<sample)
        if sample < rows.count, keyCount * 2 > sample {
            reserve(keys: keyCount * (rows.count / sample + 1))
        }
        insert(sample..<rows.count)
        return ids
    }

    /// Makes room for `keys` keys without growing on the way.
    private mutating func reserve(keys: Int) {
        var size = slots.count
        while size < keys * 2 { size <<= 1 }
        guard size > slots.count else { return }
        firstRow.reserveCapacity(keys)
        keyHashes.reserveCapacity(keys)
        grow(to: size)
    }

    /// Several key columns as one array, a row's codes side by side: comparing two rows then
    /// reads two short runs of memory, not one array per column.
    static func rowMajor(_ codes: [[UInt64]], count: Int) -> [UInt64] {
        let width = codes.count
        var keys = [UInt64](repeating: 0, count: count * width)
        keys.withUnsafeMutableBufferPointer { out in
            for (c, column) in codes.enumerated() {
                column.withUnsafeBufferPointer { v in
                    for row in 0..<count { out[row &* width &+ c] = v[row] }
                }
            }
        }
        return keys
    }

    /// The key number of each probe row whose codes equal an inserted key's (`build` holds the
    /// codes that were inserted), or -1; rows marked in `skip` get -1. Large probes are cut
    /// into ranges looked up on all cores (the table is only read).
    func lookup(_ probe: [[UInt64]], count: Int, build: [[UInt64]], skip: [Bool]? = nil) -> [Int32] {
        let buildKeys = probe.count == 1 ? [] : KeyHashTable.rowMajor(build, count: build[0].count)
        let filter = KeyFilter(hashes: keyHashes)
        guard count >= Parallel.cutSize(normally: 4 * Parallel.morselRows) else {
            return lookup(probe, rows: 0..<count, buildKeys: buildKeys, filter: filter, skip: skip)
        }
        return Parallel.mapRanges(count, work: count * probe.count) { lookup(probe, rows: $0, buildKeys: buildKeys, filter: filter, skip: skip) }
    }

    /// The lookup of the probe rows in `rows`; a row's hash is the one `hashes` gives.
    private func lookup(_ probe: [[UInt64]], rows: Range<Int>, buildKeys: [UInt64], filter: KeyFilter, skip: [Bool]?) -> [Int32] {
        var ids = [Int32](repeating: -1, count: rows.count)
        let base = rows.lowerBound
        ids.withUnsafeMutableBufferPointer { ids in
            if probe.count == 1 {
                probe[0].withUnsafeBufferPointer { p in
                    filter.bits.withUnsafeBufferPointer { bits in
                        for row in rows where skip?[row] != true {
                            let hash = KeyHashTable.mix(KeyHashTable.hashSeed &+ p[row])
                            guard KeyFilter.mayContain(hash, bits, mask: filter.mask) else { continue }
                            // Equal hashes of one code are equal codes (see `insert`).
                            ids[row - base] = find(hash: hash) { _ in true }
                        }
                    }
                }
            } else {
                let width = probe.count
                var key = [UInt64](repeating: 0, count: width)
                buildKeys.withUnsafeBufferPointer { b in
                    for row in rows where skip?[row] != true {
                        var hash = KeyHashTable.hashSeed
                        for c in 0..<width {
                            key[c] = probe[c][row]
                            hash = KeyHashTable.mix(hash &+ key[c])
                        }
                        guard filter.bits.withUnsafeBufferPointer({ KeyFilter.mayContain(hash, $0, mask: filter.mask) }) else { continue }
                        ids[row - base] = key.withUnsafeBufferPointer { k in
                            find(hash: hash) { first in
                                let x = Int(first) &* width
                                for c in 0..<width where b[x &+ c] != k[c] { return false }
                                return true
                            }
                        }
                    }
                }
            }
        }
        return ids
    }

    @inline(__always)
    private mutating func insert(hash: UInt64, row: Int, sameAsFirstRow: (Int32) -> Bool) -> Int32 {
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = slots[position]
            if key < 0 { break }
            if keyHashes[Int(key)] == hash, sameAsFirstRow(firstRow[Int(key)]) { return key }
            position = (position + 1) & mask
        }
        let key = Int32(firstRow.count)
        firstRow.append(Int32(row))
        keyHashes.append(hash)
        slots[position] = key
        if firstRow.count * 2 > slots.count { grow() }
        return key
    }

    @inline(__always)
    private func find(hash: UInt64, sameAsFirstRow: (Int32) -> Bool) -> Int32 {
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = slots[position]
            if key < 0 { return -1 }
            if keyHashes[Int(key)] == hash, sameAsFirstRow(firstRow[Int(key)]) { return key }
            position = (position + 1) & mask
        }
    }

    private mutating func grow(to size: Int? = nil) {
        let size = size ?? slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for key in keyHashes.indices {
            var position = Int(truncatingIfNeeded: keyHashes[key]) & mask
            while slots[position] >= 0 { position = (position + 1) & mask }
            slots[position] = Int32(key)
        }
    }
}

/// A one-bit-per-slot filter of a hash table's keys (a Bloom filter with one hash), sixteen
/// bits per key: a probe row whose bit is clear has no match, found in one read of a small
/// array, where a hash-table probe would walk slots with a branch it mispredicts (an anti join
/// of 3.8 M lineitems against 75,000 orders misses 95 % of the time).
struct KeyFilter {
    var bits: [UInt64]
    var mask: Int

    init(hashes: [UInt64]) {
        var size = 4096
        while size < hashes.count * 16 { size <<= 1 }
        var bits = [UInt64](repeating: 0, count: size / 64)
        let mask = size - 1
        for hash in hashes {
            let bit = KeyFilter.bit(hash, mask: mask)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.bits = bits
        self.mask = mask
    }

    /// The slot's bits come from the hash's low bits; the filter's from its high ones.
    @inline(__always)
    static func bit(_ hash: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: hash >> 32) & mask }

    @inline(__always)
    static func mayContain(_ hash: UInt64, _ bits: UnsafeBufferPointer<UInt64>, mask: Int) -> Bool {
        let bit = Self.bit(hash, mask: mask)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
