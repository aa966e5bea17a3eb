import CarnetEngine

/// AND, OR and NOT with SQL's three-valued logic: NULL is "unknown".
enum LogicKernels {
    private static func parts(_ c: Column) -> [Bool] {
        if case .bool(let v) = c.buffer { return v }
        return [Bool](repeating: false, count: c.count)
    }

    static func and(_ a: Column, _ b: Column) -> Column {
        let x = parts(a), y = parts(b)
        let n = x.count
        guard a.validity != nil || b.validity != nil else {
            return Column(.bool((0..<n).map { x[$0] && y[$0] }))
        }
        var values = [Bool](repeating: false, count: n)
        var validity = ValidityBitmap(count: n, valid: true)
        for i in 0..<n {
            let na = a.isNull(i), nb = b.isNull(i)
            let falseA = !na && !x[i], falseB = !nb && !y[i]
            if falseA || falseB { continue }
            if na || nb { validity.set(i, valid: false); continue }
            values[i] = true
        }
        return Column(.bool(values), validity: validity)
    }

    static func or(_ a: Column, _ b: Column) -> Column {
        let x = parts(a), y = parts(b)
        let n = x.count
        guard a.validity != nil || b.validity != nil else {
            return Column(.bool((0..<n).map { x[$0] || y[$0] }))
        }
        var values = [Bool](repeating: false, count: n)
        var validity = ValidityBitmap(count: n, valid: true)
        for i in 0..<n {
            let na = a.isNull(i), nb = b.isNull(i)
            if (!na && x[i]) || (!nb && y[i]) { values[i] = true; continue }
            if na || nb { validity.set(i, valid: false) }
        }
        return Column(.bool(values), validity: validity)
    }

    static func not(_ a: Column) -> Column {
        Column(.bool(parts(a).map { !$0 }), validity: a.validity)
    }
}
