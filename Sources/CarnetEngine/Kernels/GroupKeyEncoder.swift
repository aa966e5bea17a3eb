/// Gives every row a dense group number from the values of some key columns: rows with equal
/// keys (NULLs equal to each other) share a number, numbered in order of first appearance.
/// Used by GROUP BY, DISTINCT, COUNT(DISTINCT), joins and window partitions.
public struct GroupKeys: Sendable {
    /// Group number of each row.
    public var groupOfRow: [Int32]
    /// The first row of each group, in group order.
    public var firstRow: [Int32]
    public var groupCount: Int { firstRow.count }
}

public enum GroupKeyEncoder {
    /// Groups `rowCount` rows by the given columns (all rows in one group when there is none).
    public static func encode(_ columns: [Column], rowCount: Int) -> GroupKeys {
        var ids: [Int32]
        var groups: Int
        if let direct = dictionaryIDs(columns, rowCount: rowCount) {
            (ids, groups) = direct
        } else {
            let parts = columns.map { keyParts($0) }
            if let direct = directIDs(parts, rowCount: rowCount) {
                (ids, groups) = direct
            } else {
                let codes = packed(parts, rowCount: rowCount).map { [$0] } ?? parts.map(\.codes)
                if rowCount >= PartitionedGrouping.minimumRows { return PartitionedGrouping.encode(codes, count: rowCount) }
                var table = KeyHashTable(expectedKeys: min(rowCount, 1 << 16))
                ids = table.insert(codes, count: rowCount)
                return GroupKeys(groupOfRow: ids, firstRow: table.firstRow)
            }
        }
        var first = [Int32](repeating: -1, count: groups)
        for row in 0..<rowCount where first[Int(ids[row])] < 0 { first[Int(ids[row])] = Int32(row) }
        if columns.isEmpty, rowCount > 0 { first = [0] }
        return GroupKeys(groupOfRow: ids, firstRow: first)
    }

    /// The fastest path, for keys that are all dictionary-encoded text: combine each row's
    /// dictionary codes into one number in place, then number the combinations seen.
    private static func dictionaryIDs(_ columns: [Column], rowCount: Int) -> ([Int32], Int)? {
        guard !columns.isEmpty else { return nil }
        // The dictionaries' sizes bound the combinations: too many, and the general path takes
        // the columns without their values being interned here first for nothing.
        var space = 1
        for column in columns {
            guard case .string(let s) = column.buffer, case .dictionary(_, let values) = s.storage else { return nil }
            space *= values.count + 1
            if space > directSpace(rowCount) { return nil }
        }
        space = 1
        var plans: [(codes: [UInt32], canonical: [Int32], nullCode: Int32, cardinality: Int, validity: ValidityBitmap?)] = []
        for column in columns {
            guard case .string(let s) = column.buffer, case .dictionary(let codes, let values) = s.storage else { return nil }
            var interner = ByteStringInterner(capacity: values.count)
            let canonical = (0..<values.count).map { code in Int32(values.withUTF8(at: code) { interner.intern($0) }) }
            let cardinality = interner.count + 1
            space *= cardinality
            plans.append((codes, canonical, Int32(interner.count), cardinality, column.validity))
        }
        var combined = [Int32](repeating: 0, count: rowCount)
        combined.withUnsafeMutableBufferPointer { out in
            for plan in plans {
                let card = Int32(plan.cardinality)
                plan.codes.withUnsafeBufferPointer { codes in
                    plan.canonical.withUnsafeBufferPointer { canonical in
                        if let validity = plan.validity {
                            for row in 0..<rowCount {
                                let code = validity.isValid(row) ? canonical[Int(codes[row])] : plan.nullCode
                                out[row] = out[row] &* card &+ code
                            }
                        } else {
                            for row in 0..<rowCount { out[row] = out[row] &* card &+ canonical[Int(codes[row])] }
                        }
                    }
                }
            }
        }
        var slot = [Int32](repeating: -1, count: space)
        var groups: Int32 = 0
        combined.withUnsafeMutableBufferPointer { ids in
            slot.withUnsafeMutableBufferPointer { slot in
                for row in 0..<rowCount {
                    let c = Int(ids[row])
                    if slot[c] < 0 { slot[c] = groups; groups += 1 }
                    ids[row] = slot[c]
                }
            }
        }
        return (combined, Int(groups))
    }

    /// When every key has few possible codes (dictionary text, booleans), a row's combined
    /// code indexes an array directly: no hashing at all.
    private static func directIDs(_ parts: [KeyParts], rowCount: Int) -> ([Int32], Int)? {
        guard !parts.isEmpty else { return nil }
        var space = 1
        for p in parts {
            guard let c = p.cardinality else { return nil }
            space *= c
            if space > directSpace(rowCount) { return nil }
        }
        var slot = [Int32](repeating: -1, count: space)
        var ids = [Int32](repeating: 0, count: rowCount)
        var groups: Int32 = 0
        for row in 0..<rowCount {
            var combined = 0
            for p in parts { combined = combined * p.cardinality! + Int(p.codes[row]) }
            if slot[combined] < 0 { slot[combined] = groups; groups += 1 }
            ids[row] = slot[combined]
        }
        return (ids, Int(groups))
    }

    /// Several key columns as one code per row, when their value ranges multiply to less than
    /// 2^62 (two text columns of 100 and 100,000 values, a year and a code…): one hashed word
    /// per row instead of one per column. Nil when the ranges are too wide.
    private static func packed(_ parts: [KeyParts], rowCount: Int) -> [UInt64]? {
        guard parts.count > 1 else { return nil }
        var lows: [Int64] = [], multipliers: [UInt64] = []
        var space: UInt64 = 1
        for p in parts {
            var lo = Int64.max, hi = Int64.min
            for code in p.codes {
                let v = Int64(bitPattern: code)
                lo = min(lo, v)
                hi = max(hi, v)
            }
            if rowCount == 0 { (lo, hi) = (0, 0) }
            let (width, overflow) = hi.subtractingReportingOverflow(lo)
            guard !overflow, width < Int64.max else { return nil }
            let (next, tooWide) = space.multipliedReportingOverflow(by: UInt64(width) + 1)
            guard !tooWide, next < 1 << 62 else { return nil }
            lows.append(lo)
            multipliers.append(space)
            space = next
        }
        var out = [UInt64](repeating: 0, count: rowCount)
        out.withUnsafeMutableBufferPointer { out in
            for (k, p) in parts.enumerated() {
                let lo = lows[k], m = multipliers[k]
                p.codes.withUnsafeBufferPointer { codes in
                    for row in 0..<rowCount { out[row] &+= UInt64(bitPattern: Int64(bitPattern: codes[row]) &- lo) &* m }
                }
            }
        }
        return out
    }

    /// Numbers a hash join's keys: equal keys of the two sides get one number. NULL matches
    /// nothing (SQL's `=`).
    public static func numberJoinKeys(build: [Column], buildCount: Int, probe: [Column], probeCount: Int) -> JoinKeyNumbers {
        precondition(build.count == probe.count)
        var buildCodes: [[UInt64]] = [], probeCodes: [[UInt64]] = []
        for (b, p) in zip(build, probe) {
            // Both sides' codes must mean the same values: one interner for text, and a common
            // type (through concatenation) when the sides' types differ.
            var interner = ByteStringInterner()
            if b.buffer.sameValueCodes(as: p.buffer) {
                buildCodes.append(valueCodes(b, interner: &interner).codes)
                probeCodes.append(valueCodes(p, interner: &interner).codes)
            } else {
                let codes = valueCodes(Column.concatenate([b, p]), interner: &interner).codes
                buildCodes.append(Array(codes[0..<buildCount]))
                probeCodes.append(Array(codes[buildCount...]))
            }
        }
        // The hash table holds the smaller side's keys (it then fits in cache); the other side
        // looks them up. Either way both sides end up numbered in one space.
        let buildNull = nullRows(build, count: buildCount), probeNull = nullRows(probe, count: probeCount)
        if buildCodes.count == 1 {
            // One key of a narrow range (ids, codes, interned text): numbered by an array.
            let insertProbe = probeCount < buildCount
            if insertProbe, let direct = DenseJoinKeys.number(insert: probeCodes[0], skip: probeNull, lookUp: buildCodes[0], skip: buildNull) {
                return JoinKeyNumbers(build: direct.lookedUp, probe: direct.inserted, keyCount: direct.keyCount)
            }
            if !insertProbe, let direct = DenseJoinKeys.number(insert: buildCodes[0], skip: buildNull, lookUp: probeCodes[0], skip: probeNull) {
                return JoinKeyNumbers(build: direct.inserted, probe: direct.lookedUp, keyCount: direct.keyCount)
            }
        }
        if probeCount < buildCount {
            var table = KeyHashTable(expectedKeys: probeCount)
            let probeIDs = table.insert(probeCodes, count: probeCount, skip: probeNull)
            let buildIDs = table.lookup(buildCodes, count: buildCount, build: probeCodes, skip: buildNull)
            return JoinKeyNumbers(build: buildIDs, probe: probeIDs, keyCount: table.keyCount)
        }
        var table = KeyHashTable(expectedKeys: buildCount)
        let buildIDs = table.insert(buildCodes, count: buildCount, skip: buildNull)
        let probeIDs = table.lookup(probeCodes, count: probeCount, build: buildCodes, skip: probeNull)
        return JoinKeyNumbers(build: buildIDs, probe: probeIDs, keyCount: table.keyCount)
    }

    /// Rows where any of the columns is NULL, or nil when none can be.
    private static func nullRows(_ columns: [Column], count: Int) -> [Bool]? {
        let nullable = columns.filter { $0.validity != nil }
        guard !nullable.isEmpty else { return nil }
        var null = [Bool](repeating: false, count: count)
        for column in nullable {
            for row in 0..<count where column.isNull(row) { null[row] = true }
        }
        return null
    }

    /// A key column's per-row codes; `cardinality` is set when the codes are dense, below it.
    struct KeyParts {
        var codes: [UInt64]
        var cardinality: Int?
    }

    /// The most combined codes a direct (array-indexed) numbering takes for `rowCount` rows:
    /// its array of slots must not cost more than hashing the rows (a morsel of 64 K rows
    /// grouped by two texts of 2,000 values each would clear 4 M slots).
    private static func directSpace(_ rowCount: Int) -> Int {
        min(1 << 22, max(1 << 12, 2 * rowCount))
    }

    /// One 64-bit code per row such that equal values have equal codes and NULL has its own.
    static func keyParts(_ column: Column) -> KeyParts {
        var parts: [UInt64], cardinality: Int?
        if case .string(let s) = column.buffer, case .plain(let arena) = s.storage, arena.count >= PartitionedGrouping.minimumRows {
            // Many rows of plain text: interned on all cores, codes dense below the count.
            let interned = PartitionedInterning.codes(arena)
            (parts, cardinality) = (interned.codes, interned.distinct + 1)
        } else {
            var interner = ByteStringInterner()
            (parts, cardinality) = valueCodes(column, interner: &interner)
        }
        if cardinality == nil, let dense = denseIntegerCodes(column, &parts) { cardinality = dense }
        if column.validity != nil {
            // NULL gets its own code: the last dense one, or one no value can have.
            let nullCode = UInt64.max
            let code = cardinality.map { UInt64($0 - 1) } ?? nullCode
            for row in parts.indices where column.isNull(row) { parts[row] = code }
            if cardinality == nil, parts.enumerated().contains(where: { $0.element == nullCode && !column.isNull($0.offset) }) {
                return KeyParts(codes: disambiguated(column, parts), cardinality: nil)
            }
        }
        return KeyParts(codes: parts, cardinality: cardinality)
    }

    /// Integers and dates within a narrow range (years, codes, small ids) as their offset
    /// from the smallest: dense codes that a direct numbering indexes without hashing. The
    /// cardinality leaves one code above the range for NULL; nil when the range is wide.
    private static func denseIntegerCodes(_ column: Column, _ codes: inout [UInt64]) -> Int? {
        let values: [Int64]
        switch column.buffer {
        case .int64(let v): values = v
        case .date(let v): values = v.map(Int64.init)
        default: return nil
        }
        guard var lo = values.first else { return nil }
        var hi = lo
        for v in values {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        let (range, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, range < 1 << 20 else { return nil }
        codes.withUnsafeMutableBufferPointer { out in
            for row in values.indices { out[row] = UInt64(values[row] &- lo) }
        }
        return Int(range) + 2
    }

    /// One 64-bit code per row such that equal values have equal codes (NULL rows' codes mean
    /// nothing); text is numbered by `interner`, so two columns sharing it share codes.
    /// `cardinality` is set when the codes are dense, below it (leaving one for NULL).
    private static func valueCodes(_ column: Column, interner: inout ByteStringInterner) -> (codes: [UInt64], cardinality: Int?) {
        switch column.buffer {
        case .int64(let v): return (v.map { UInt64(bitPattern: $0) }, nil)
        case .decimal(let v, _): return (v.map { UInt64(bitPattern: $0) }, nil)
        case .timestamp(let v): return (v.map { UInt64(bitPattern: $0) }, nil)
        case .double(let v): return (v.map { ($0 == 0 ? 0.0 : ($0.isNaN ? Double.nan : $0)).bitPattern }, nil)
        case .bool(let v): return (v.map { $0 ? 1 : 0 }, 3)
        case .date(let v): return (v.map { UInt64(UInt32(bitPattern: $0)) }, nil)
        case .string(let s):
            switch s.storage {
            case .dictionary(let codes, let values):
                // Dictionaries may hold a value twice after a gather; canonicalise codes by bytes.
                let canonical = (0..<values.count).map { code in values.withUTF8(at: code) { interner.intern($0) } }
                return (codes.map { UInt64(canonical[Int($0)]) }, interner.count + 1)
            case .plain(let arena):
                return ((0..<arena.count).map { row in UInt64(arena.withUTF8(at: row) { interner.intern($0) }) }, nil)
            }
        case .geometry(let g):
            // Equal geometries have equal WKB, as Carnet writes it.
            return ((0..<g.count).map { row in UInt64(g.arena.withUTF8(at: row) { interner.intern($0) }) }, nil)
        }
    }

    /// Rare case: a real value -1 shares the NULL code; renumber values densely, NULL last.
    private static func disambiguated(_ column: Column, _ parts: [UInt64]) -> [UInt64] {
        var map: [UInt64: UInt64] = [:]
        return parts.indices.map { row in
            if column.isNull(row) { return UInt64.max }
            if let v = map[parts[row]] { return v }
            let v = UInt64(map.count)
            map[parts[row]] = v
            return v
        }
    }
}

/// A hash join's keys numbered in one space (see `GroupKeyEncoder.numberJoinKeys`): a build
/// row and a probe row have equal keys exactly when they have the same number, not -1.
public struct JoinKeyNumbers: Sendable {
    /// The key number of each build row; -1 when a key part is NULL, or (when the probe side
    /// was the smaller and so the one numbered first) when no probe row has its key.
    public var build: [Int32]
    /// The key number of each probe row; -1 when a key part is NULL, or when no build row has
    /// its key (when the build side was numbered first).
    public var probe: [Int32]
    /// The numbers are below this.
    public var keyCount: Int
}

extension Column.Buffer {
    /// Whether equal values of the two buffers get equal codes without a conversion: the same
    /// physical type (and, for decimals, the same scale).
    func sameValueCodes(as other: Column.Buffer) -> Bool {
        switch (self, other) {
        case (.int64, .int64), (.double, .double), (.bool, .bool), (.date, .date), (.timestamp, .timestamp), (.string, .string): return true
        case (.decimal(_, let a), .decimal(_, let b)): return a == b
        default: return false
        }
    }
}
