/// Summary statistics of one column, as `describe` shows them.
public struct ColumnProfile: Sendable, Equatable {
    public var type: DataType
    public var nonNullCount: Int
    public var distinctCount: Int
    public var min: Value
    public var max: Value
    /// Exact sum for integer and decimal columns, binary64 for doubles; `.null` otherwise.
    public var sum: Value
    public var mean: Double?
    /// The most frequent values of a text or boolean column, most frequent first (ties by value).
    public var topValues: [(value: String, count: Int)]

    public static func == (a: ColumnProfile, b: ColumnProfile) -> Bool {
        a.type == b.type && a.nonNullCount == b.nonNullCount && a.distinctCount == b.distinctCount
            && a.min == b.min && a.max == b.max && a.sum == b.sum && a.mean == b.mean
            && a.topValues.map(\.value) == b.topValues.map(\.value)
            && a.topValues.map(\.count) == b.topValues.map(\.count)
    }

    /// Computes the profile in one typed pass per statistic; `top` limits `topValues`.
    public init(_ column: Column, top: Int = 3) {
        type = column.type
        nonNullCount = column.count - column.nullCount
        min = .null
        max = .null
        sum = .null
        mean = nil
        topValues = []
        distinctCount = 0
        let valid = column.validity
        @inline(__always) func isValid(_ i: Int) -> Bool { valid?.isValid(i) ?? true }

        switch column.buffer {
        case .int64(let values):
            var lo = Int64.max, hi = Int64.min, total: Int128 = 0
            var seen = Set<Int64>()
            for i in values.indices where isValid(i) {
                let v = values[i]
                if v < lo { lo = v }
                if v > hi { hi = v }
                total += Int128(v)
                seen.insert(v)
            }
            distinctCount = seen.count
            if nonNullCount > 0 {
                min = .int64(lo); max = .int64(hi)
                sum = total.fitsInt64 ? .int64(Int64(total)) : .double(Double(total))
                mean = Double(total) / Double(nonNullCount)
            }
        case .decimal(let values, let scale):
            var lo = Int64.max, hi = Int64.min, total: Int128 = 0
            var seen = Set<Int64>()
            for i in values.indices where isValid(i) {
                let v = values[i]
                if v < lo { lo = v }
                if v > hi { hi = v }
                total += Int128(v)
                seen.insert(v)
            }
            distinctCount = seen.count
            if nonNullCount > 0 {
                min = .decimal(lo, scale: scale); max = .decimal(hi, scale: scale)
                sum = total.fitsInt64 ? .decimal(Int64(total), scale: scale) : .double(Double(total) / Double(FixedPoint.powersOfTen[scale]))
                mean = Double(total) / Double(FixedPoint.powersOfTen[scale]) / Double(nonNullCount)
            }
        case .double(let values):
            var lo = Double.infinity, hi = -Double.infinity, total = 0.0
            var seen = Set<UInt64>()
            for i in values.indices where isValid(i) {
                let v = values[i]
                if v < lo { lo = v }
                if v > hi { hi = v }
                total += v
                seen.insert((v == 0 ? 0.0 : v).bitPattern)
            }
            distinctCount = seen.count
            if nonNullCount > 0 {
                min = .double(lo); max = .double(hi); sum = .double(total)
                mean = total / Double(nonNullCount)
            }
        case .bool(let values):
            var trues = 0
            for i in values.indices where isValid(i) && values[i] { trues += 1 }
            let falses = nonNullCount - trues
            distinctCount = (trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0)
            if nonNullCount > 0 {
                min = .bool(falses == 0); max = .bool(trues > 0)
            }
            topValues = [("true", trues), ("false", falses)].filter { $0.1 > 0 }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .map { (value: $0.0, count: $0.1) }
        case .date(let values):
            var lo = Int32.max, hi = Int32.min
            var seen = Set<Int32>()
            for i in values.indices where isValid(i) {
                lo = Swift.min(lo, values[i]); hi = Swift.max(hi, values[i]); seen.insert(values[i])
            }
            distinctCount = seen.count
            if nonNullCount > 0 { min = .date(lo); max = .date(hi) }
        case .timestamp(let values):
            var lo = Int64.max, hi = Int64.min
            var seen = Set<Int64>()
            for i in values.indices where isValid(i) {
                lo = Swift.min(lo, values[i]); hi = Swift.max(hi, values[i]); seen.insert(values[i])
            }
            distinctCount = seen.count
            if nonNullCount > 0 { min = .timestamp(lo); max = .timestamp(hi) }
        case .string(let strings):
            profileText(strings, isValid: isValid, top: top)
        case .geometry(let geometries):
            var interner = ByteStringInterner()
            for i in 0..<geometries.count where isValid(i) { _ = geometries.arena.withUTF8(at: i) { interner.intern($0) } }
            distinctCount = interner.count
        }
    }

    private mutating func profileText(_ strings: StringColumn, isValid: (Int) -> Bool, top: Int) {
        // Count per dictionary code; plain columns are interned first.
        var counts: [Int] = []
        var dictionary: StringArena
        switch strings.storage {
        case .dictionary(let codes, let values):
            dictionary = values
            counts = [Int](repeating: 0, count: values.count)
            for i in codes.indices where isValid(i) { counts[Int(codes[i])] += 1 }
        case .plain(let arena):
            var interner = ByteStringInterner()
            for i in 0..<arena.count where isValid(i) {
                let code = arena.withUTF8(at: i) { interner.intern($0) }
                if Int(code) == counts.count { counts.append(0) }
                counts[Int(code)] += 1
            }
            dictionary = interner.values
        }
        var minCode = -1, maxCode = -1
        var used: [Int] = []
        for code in counts.indices where counts[code] > 0 {
            used.append(code)
            if minCode < 0 || dictionary.compare(code, minCode) < 0 { minCode = code }
            if maxCode < 0 || dictionary.compare(code, maxCode) > 0 { maxCode = code }
        }
        distinctCount = used.count
        if minCode >= 0 {
            min = .string(dictionary.string(at: minCode))
            max = .string(dictionary.string(at: maxCode))
        }
        let best = used.sorted { a, b in
            counts[a] != counts[b] ? counts[a] > counts[b] : dictionary.compare(a, b) < 0
        }.prefix(top)
        topValues = best.map { (value: dictionary.string(at: $0), count: counts[$0]) }
    }
}

extension Int128 {
    var fitsInt64: Bool { self >= Int128(Int64.min) && self <= Int128(Int64.max) }
}
