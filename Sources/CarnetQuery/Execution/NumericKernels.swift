import CarnetEngine

/// Arithmetic over whole columns, in the result type the binder chose: Int64 for integers,
/// scaled Int64 for decimals (exact), Double otherwise. NULL in, NULL out.
enum NumericKernels {
    static func arithmetic(_ op: BinaryOperator, _ a: Column, _ b: Column, type: DataType, context: EvaluationContext) throws -> Column {
        let n = a.count
        var validity = ValidityBitmap.and(a.validity, b.validity)
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
            case .add: for i in 0..<n { out[i] = x[i] + y[i] }
            case .subtract: for i in 0..<n { out[i] = x[i] - y[i] }
            case .multiply: for i in 0..<n { out[i] = x[i] * y[i] }
            case .divide, .modulo:
                for i in 0..<n {
                    if y[i] == 0 {
                        if valid(i) { context.warn(.divisionByZero); markNull(i) }
                        continue
                    }
                    out[i] = op == .divide ? x[i] / y[i] : x[i].truncatingRemainder(dividingBy: y[i])
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
            for i in 0..<n where valid(i) {
                let r: (Int64, Bool)
                switch op {
                case .add: r = x[i].addingReportingOverflow(y[i])
                case .subtract: r = x[i].subtractingReportingOverflow(y[i])
                case .multiply: r = x[i].multipliedReportingOverflow(by: y[i])
                case .modulo:
                    if y[i] == 0 { context.warn(.divisionByZero); markNull(i); continue }
                    r = x[i].remainderReportingOverflow(dividingBy: y[i])
                default: r = (0, false)
                }
                if r.1 { throw overflow(op) }
                out[i] = r.0
            }
            return Column(type == .int64 ? .int64(out) : .decimal(out, scale: scale), validity: validity)
        default:
            throw QueryError("internal error: arithmetic in \(type)")
        }
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
