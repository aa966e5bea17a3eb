import CarnetEngine

/// Arithmetic over whole columns, in the result type the binder chose: Int64 for integers,
/// scaled Int64 for decimals (exact), Double otherwise. NULL in, NULL out.
enum NumericKernels {
    /// `a op b` over `rowCount` rows. A side with one row while the input has more is a
    /// constant (a literal), read at every row without being copied out to a whole column.
    static func arithmetic(_ op: BinaryOperator, _ a: Column, _ b: Column, type: DataType, rowCount n: Int, context: EvaluationContext) throws -> Column {
        let strideA = a.count == n ? 1 : 0, strideB = b.count == n ? 1 : 0
        var validity = ValidityBitmap.and(strideA == 1 ? a.validity : nil, strideB == 1 ? b.validity : nil)
        func markNull(_ row: Int) {
            if validity == nil { validity = ValidityBitmap(count: n, valid: true) }
            validity!.set(row, valid: false)
        }
        func valid(_ row: Int) -> Bool { validity?.isValid(row) ?? true }
        switch type {
        case .double:
            let x = a.doubleValues()!, y = b.doubleValues()!
            var out = [Double](repeating: 0, count: n)
            switch op {
            case .add: broadcast(x, strideA, y, strideB, into: &out, n) { $0 + $1 }
            case .subtract: broadcast(x, strideA, y, strideB, into: &out, n) { $0 - $1 }
            case .multiply: broadcast(x, strideA, y, strideB, into: &out, n) { $0 * $1 }
            case .divide, .modulo:
                for i in 0..<n {
                    let u = x[i * strideA], v = y[i * strideB]
                    if v == 0 {
                        if valid(i) { context.warn(.divisionByZero); markNull(i) }
                        continue
                    }
                    out[i] = op == .divide ? u / v : u.truncatingRemainder(dividingBy: v)
                }
            default: break
            }
            return Column(.double(out), validity: validity)
        case .int64, .decimal:
            let scale: Int
            let x: [Int64], y: [Int64]
            if case .decimal(let s) = type {
                scale = s
                if op == .multiply {
                    x = a.scaledValues(to: a.type.scale)!
                    y = b.scaledValues(to: b.type.scale)!
                } else {
                    guard let sx = a.scaledValues(to: s), let sy = b.scaledValues(to: s) else { throw overflow(op) }
                    x = sx
                    y = sy
                }
            } else {
                scale = 0
                x = a.int64Values()!
                y = b.int64Values()!
            }
            var out = [Int64](repeating: 0, count: n)
            var overflowed = false
            switch op {
            case .add: overflowed = checked(x, strideA, y, strideB, into: &out, n) { $0.addingReportingOverflow($1) }
            case .subtract: overflowed = checked(x, strideA, y, strideB, into: &out, n) { $0.subtractingReportingOverflow($1) }
            case .multiply: overflowed = checked(x, strideA, y, strideB, into: &out, n) { $0.multipliedReportingOverflow(by: $1) }
            case .modulo:
                for i in 0..<n where valid(i) {
                    let u = x[i * strideA], v = y[i * strideB]
                    if v == 0 { context.warn(.divisionByZero); markNull(i); continue }
                    let r = u.remainderReportingOverflow(dividingBy: v)
                    overflowed = overflowed || r.overflow
                    out[i] = r.partialValue
                }
            default: break
            }
            // The fast loops ran over NULL rows too, whose stored values mean nothing: only an
            // overflow on a row with a value counts.
            if overflowed, op != .modulo, let v = validity {
                overflowed = (0..<n).contains { row in
                    guard v.isValid(row) else { return false }
                    let (u, w) = (x[row * strideA], y[row * strideB])
                    switch op {
                    case .add: return u.addingReportingOverflow(w).overflow
                    case .subtract: return u.subtractingReportingOverflow(w).overflow
                    default: return u.multipliedReportingOverflow(by: w).overflow
                    }
                }
            }
            if overflowed { throw overflow(op) }
            return Column(type == .int64 ? .int64(out) : .decimal(out, scale: scale), validity: validity)
        default:
            throw QueryError("internal error: arithmetic in \(type)")
        }
    }

    /// `out[i] = f(x[i], y[i])`, a stride of 0 repeating a side's single value.
    @inline(__always)
    private static func broadcast(_ x: [Double], _ sx: Int, _ y: [Double], _ sy: Int, into out: inout [Double], _ n: Int, _ f: (Double, Double) -> Double) {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n { out[i] = f(x[i &* sx], y[i &* sy]) }
                }
            }
        }
    }

    /// The integer form of `broadcast`: true when any row overflowed.
    @inline(__always)
    private static func checked(_ x: [Int64], _ sx: Int, _ y: [Int64], _ sy: Int, into out: inout [Int64], _ n: Int,
                                _ f: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)) -> Bool {
        var overflowed = false
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        let r = f(x[i &* sx], y[i &* sy])
                        out[i] = r.partialValue
                        overflowed = overflowed || r.overflow
                    }
                }
            }
        }
        return overflowed
    }

    static func negate(_ a: Column) throws -> Column {
        switch a.buffer {
        case .int64(let v):
            guard !v.contains(Int64.min) else { throw overflow(.subtract) }
            return Column(.int64(v.map { -$0 }), validity: a.validity)
        case .decimal(let v, let s): return Column(.decimal(v.map { -$0 }, scale: s), validity: a.validity)
        case .double(let v): return Column(.double(v.map { -$0 }), validity: a.validity)
        default: throw QueryError("cannot negate \(a.type)")
        }
    }

    static func overflow(_ op: BinaryOperator) -> QueryError {
        QueryError("a result of \(op.rawValue) is too large for a 64-bit number", hint: "CAST one side AS double")
    }
}

extension DataType {
    /// The scale of a decimal, 0 for other types.
    var scale: Int {
        if case .decimal(let s) = self { return s }
        return 0
    }
}
