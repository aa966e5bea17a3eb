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
        } else if case let parts = columns.map({ keyParts($0) }), let direct = directIDs(parts, rowCount: rowCount) {
            (ids, groups) = direct
        } else {
            let parts = columns.map { keyParts($0) }
            ids = [Int32](repeating: 0, count: rowCount)
            groups = rowCount > 0 ? 1 : 0
            for column in parts {
                // Combine (group so far, this column's part) into a new dense group number.
                var map: [PairKey: Int32] = [:]
                map.reserveCapacity(min(rowCount, 1 << 16))
                for row in 0..<rowCount {
                    let key = PairKey(group: ids[row], part: column.codes[row])
                    if let known = map[key] {
                        ids[row] = known
                    } else {
                        let id = Int32(map.count)
                        map[key] = id
                        ids[row] = id
                    }
                }
                groups = map.count
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
        var space = 1
        var plans: [(codes: [UInt32], canonical: [Int32], nullCode: Int32, cardinality: Int, validity: ValidityBitmap?)] = []
        for column in columns {
            guard case .string(let s) = column.buffer, case .dictionary(let codes, let values) = s.storage else { return nil }
            var interner = ByteStringInterner(capacity: values.count)
            let canonical = (0..<values.count).map { code in Int32(values.withUTF8(at: code) { interner.intern($0) }) }
            let cardinality = interner.count + 1
            space *= cardinality
            if space > 1 << 22 { return nil }
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
            if space > 1 << 22 { return nil }
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

    /// Encodes two row sets in one numbering, so that equal keys on both sides get the same
    /// number (hash join). Returns the numbers of the left rows and of the right rows.
    public static func encodeTogether(_ left: [Column], leftCount: Int, _ right: [Column], rightCount: Int) -> (left: [Int32], right: [Int32], nullKey: (left: [Bool], right: [Bool])) {
        precondition(left.count == right.count)
        let combined = zip(left, right).map { Column.concatenate([$0.0, $0.1]) }
        let keys = encode(combined, rowCount: leftCount + rightCount)
        var leftNull = [Bool](repeating: false, count: leftCount)
        var rightNull = [Bool](repeating: false, count: rightCount)
        for column in combined where column.validity != nil {
            for row in 0..<leftCount where column.isNull(row) { leftNull[row] = true }
            for row in 0..<rightCount where column.isNull(leftCount + row) { rightNull[row] = true }
        }
        return (Array(keys.groupOfRow[0..<leftCount]), Array(keys.groupOfRow[leftCount...]), (leftNull, rightNull))
    }

    struct PairKey: Hashable {
        var group: Int32
        var part: UInt64
    }

    /// A key column's per-row codes; `cardinality` is set when the codes are dense, below it.
    struct KeyParts {
        var codes: [UInt64]
        var cardinality: Int?
    }

    /// One 64-bit code per row such that equal values have equal codes and NULL has its own.
    static func keyParts(_ column: Column) -> KeyParts {
        let nullCode = UInt64.max
        var parts: [UInt64]
        var cardinality: Int?
        switch column.buffer {
        case .int64(let v): parts = v.map { UInt64(bitPattern: $0) }
        case .decimal(let v, _): parts = v.map { UInt64(bitPattern: $0) }
        case .timestamp(let v): parts = v.map { UInt64(bitPattern: $0) }
        case .double(let v): parts = v.map { ($0 == 0 ? 0.0 : ($0.isNaN ? Double.nan : $0)).bitPattern }
        case .bool(let v):
            parts = v.map { $0 ? 1 : 0 }
            cardinality = 3
        case .date(let v): parts = v.map { UInt64(UInt32(bitPattern: $0)) }
        case .string(let s):
            switch s.storage {
            case .dictionary(let codes, let values):
                // Dictionaries may hold a value twice after a gather; canonicalise codes by bytes.
                var interner = ByteStringInterner(capacity: values.count)
                let canonical = (0..<values.count).map { code in values.withUTF8(at: code) { interner.intern($0) } }
                parts = codes.map { UInt64(canonical[Int($0)]) }
                cardinality = interner.count + 1
            case .plain(let arena):
                var interner = ByteStringInterner()
                parts = (0..<arena.count).map { row in UInt64(arena.withUTF8(at: row) { interner.intern($0) }) }
            }
        }
        if column.validity != nil {
            // NULL gets its own code: the last dense one, or one no value can have.
            let code = cardinality.map { UInt64($0 - 1) } ?? nullCode
            for row in parts.indices where column.isNull(row) { parts[row] = code }
            if cardinality == nil, parts.enumerated().contains(where: { $0.element == nullCode && !column.isNull($0.offset) }) {
                return KeyParts(codes: disambiguated(column, parts), cardinality: nil)
            }
        }
        return KeyParts(codes: parts, cardinality: cardinality)
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
