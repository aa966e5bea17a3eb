import CarnetEngine

/// Comparisons of whole columns in their common type. Text compares byte by byte; a text
/// column compared with a constant is compared once per dictionary entry, not once per row.
enum ComparisonKernels {
    @inline(__always)
    static func test(_ op: BinaryOperator, _ c: Int) -> Bool {
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        default: return false
        }
    }

    @inline(__always)
    static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }

    /// `op` over two buffers of one type, or over a buffer and one value (`y` of one
    /// element), with the operator chosen once for the whole loop rather than per row.
    @inline(__always)
    static func fill<T: Comparable>(_ op: BinaryOperator, _ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>, into out: inout [Bool]) -> Bool {
        let n = out.count
        let constant = y.count == 1 && n != 1
        guard constant || y.count == n, x.count == n else { return false }
        out.withUnsafeMutableBufferPointer { out in
            if constant {
                let k = y[0]
                switch op {
                case .equal: for i in 0..<n { out[i] = x[i] == k }
                case .notEqual: for i in 0..<n { out[i] = x[i] != k }
                case .less: for i in 0..<n { out[i] = x[i] < k }
                case .lessOrEqual: for i in 0..<n { out[i] = x[i] <= k }
                case .greater: for i in 0..<n { out[i] = x[i] > k }
                case .greaterOrEqual: for i in 0..<n { out[i] = x[i] >= k }
                default: break
                }
            } else {
                switch op {
                case .equal: for i in 0..<n { out[i] = x[i] == y[i] }
                case .notEqual: for i in 0..<n { out[i] = x[i] != y[i] }
                case .less: for i in 0..<n { out[i] = x[i] < y[i] }
                case .lessOrEqual: for i in 0..<n { out[i] = x[i] <= y[i] }
                case .greater: for i in 0..<n { out[i] = x[i] > y[i] }
                case .greaterOrEqual: for i in 0..<n { out[i] = x[i] >= y[i] }
                default: break
                }
            }
        }
        return true
    }

    /// Two buffers of one physical type (dates, integers, decimals of one scale) compared in
    /// place: no widened copy of either; nil for other pairs.
    private static func compareAlike(_ op: BinaryOperator, _ a: Column.Buffer, _ b: Column.Buffer, count n: Int) -> [Bool]? {
        guard [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(op) else { return nil }
        var out = [Bool](repeating: false, count: n)
        let done: Bool
        switch (a, b) {
        case (.date(let x), .date(let y)):
            done = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in fill(op, x, y, into: &out) } }
        case (.int64(let x), .int64(let y)), (.timestamp(let x), .timestamp(let y)):
            done = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in fill(op, x, y, into: &out) } }
        case (.decimal(let x, let s), .decimal(let y, let t)) where s == t:
            done = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in fill(op, x, y, into: &out) } }
        default:
            return nil
        }
        return done ? out : nil
    }

    static func compare(_ op: BinaryOperator, _ a: Column, _ b: Column) -> Column {
        let n = a.count
        let validity = ValidityBitmap.and(a.validity, b.validity)
        if let out = compareAlike(op, a.buffer, b.buffer, count: n) { return Column(.bool(out), validity: validity) }
        var out = [Bool](repeating: false, count: n)
        let common = DataType.common(a.type, b.type) ?? a.type
        switch common {
        case .string:
            guard case .string(let x) = a.buffer, case .string(let y) = b.buffer else { break }
            for i in 0..<n {
                out[i] = x.withUTF8(at: i) { p in y.withUTF8(at: i) { q in test(op, StringArena.compareBytes(p, q)) } }
            }
        case .double:
            let x = a.doubleValues()!, y = b.doubleValues()!
            for i in 0..<n { out[i] = test(op, order(x[i], y[i])) }
        case .decimal(let s):
            if let x = a.scaledValues(to: s), let y = b.scaledValues(to: s) {
                for i in 0..<n { out[i] = test(op, order(x[i], y[i])) }
            } else {
                let x = a.doubleValues()!, y = b.doubleValues()!
                for i in 0..<n { out[i] = test(op, order(x[i], y[i])) }
            }
        case .timestamp:
            let x = micros(a), y = micros(b)
            for i in 0..<n { out[i] = test(op, order(x[i], y[i])) }
        default:
            let x = a.int64Values() ?? [], y = b.int64Values() ?? []
            for i in 0..<min(x.count, y.count) { out[i] = test(op, order(x[i], y[i])) }
        }
        return Column(.bool(out), validity: validity)
    }

    static func compare(_ op: BinaryOperator, _ a: Column, constant: Value, type: DataType) -> Column {
        let n = a.count
        if constant.isNull {
            return Column(.bool([Bool](repeating: false, count: n)), validity: ValidityBitmap(count: n, valid: false))
        }
        // A constant of the column's own type (a date, an integer, a decimal of its scale).
        let k = Column.constant(constant, type: type, count: 1)
        if k.count == 1, k.validity == nil, let out = compareAlike(op, a.buffer, k.buffer, count: n) {
            return Column(.bool(out), validity: a.validity)
        }
        var out = [Bool](repeating: false, count: n)
        let common = DataType.common(a.type, type) ?? a.type
        switch (common, a.buffer) {
        case (.string, .string(let strings)):
            var key = constant.plainText
            key.withUTF8 { k in
                switch strings.storage {
                case .dictionary(let codes, let values):
                    let perCode = (0..<values.count).map { code in values.withUTF8(at: code) { test(op, StringArena.compareBytes($0, k)) } }
                    for i in 0..<n { out[i] = perCode[Int(codes[i])] }
                case .plain(let arena):
                    for i in 0..<n { out[i] = arena.withUTF8(at: i) { test(op, StringArena.compareBytes($0, k)) } }
                }
            }
        case (.double, _):
            let x = a.doubleValues()!
            let k = Column.constant(constant, type: type, count: 1).doubleValues()![0]
            for i in 0..<n { out[i] = test(op, order(x[i], k)) }
        case (.decimal(let s), _):
            let kc = Column.constant(constant, type: type, count: 1)
            if let x = a.scaledValues(to: s), let k = kc.scaledValues(to: s)?.first {
                for i in 0..<n { out[i] = test(op, order(x[i], k)) }
            } else {
                return compare(op, a, Column.constant(constant, type: type, count: n))
            }
        case (.timestamp, _):
            let x = micros(a), k = micros(Column.constant(constant, type: type, count: 1))[0]
            for i in 0..<n { out[i] = test(op, order(x[i], k)) }
        default:
            guard let x = a.int64Values(), let k = Column.constant(constant, type: type, count: 1).int64Values()?.first else {
                return compare(op, a, Column.constant(constant, type: type, count: n))
            }
            for i in 0..<n { out[i] = test(op, order(x[i], k)) }
        }
        return Column(.bool(out), validity: a.validity)
    }

    private static func micros(_ c: Column) -> [Int64] {
        switch c.buffer {
        case .date(let v): return v.map { Int64($0) * CivilCalendar.microsecondsPerDay }
        case .timestamp(let v): return v
        default: return c.int64Values() ?? []
        }
    }
}
