/// A value that cannot be converted to the type asked for.
public struct CastFailure: Error, Sendable {
    public var text: String
    public var type: DataType
}

/// Conversions between types (SQL's CAST), column at a time.
public enum ValueCasting {
    /// Reads text written plainly (`12.5`, `2022-03-04`, `true`) as a value of `type`.
    public static func parse(_ text: String, as type: DataType) -> Value? {
        let t = text.trimmingSpaces()
        switch type {
        case .string: return .string(text)
        case .geometry: return (try? Geometry.parse(text)).map { .geometry($0) }
        case .int64:
            if let v = Int64(t) { return .int64(v) }
            if let d = Double(t), d == d.rounded(), abs(d) < 9.2e18 { return .int64(Int64(d)) }
            return nil
        case .decimal(let scale):
            guard let (mantissa, s) = decimalParts(t), s <= scale, let v = FixedPoint.rescale(mantissa, from: s, to: scale) else {
                if let d = Double(t), d.isFinite { return fromDouble(d, scale: scale) }
                return nil
            }
            return .decimal(v, scale: scale)
        case .double: return Double(t).map { .double($0) }
        case .bool:
            switch t.lowercased() {
            case "true", "t", "1", "oui", "vrai", "yes": return .bool(true)
            case "false", "f", "0", "non", "faux", "no": return .bool(false)
            default: return nil
            }
        case .date, .timestamp:
            let parts = t.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" || $0 == "/" }).map { Int($0) }
            guard parts.count >= 3, let a = parts[0], let b = parts[1], let c = parts[2] else { return nil }
            let (y, m, d) = t.count >= 5 && t.dropFirst(4).first == "-" ? (a, b, c) : (c, b, a)
            guard CivilCalendar.isValid(year: y, month: m, day: d) else { return nil }
            let days = CivilCalendar.days(year: y, month: m, day: d)
            if type == .date { return parts.count == 3 ? .date(days) : nil }
            let h = parts.count > 3 ? parts[3] ?? 0 : 0, mi = parts.count > 4 ? parts[4] ?? 0 : 0, s = parts.count > 5 ? parts[5] ?? 0 : 0
            return .timestamp(Int64(days) * CivilCalendar.microsecondsPerDay + Int64(h * 3600 + mi * 60 + s) * 1_000_000)
        }
    }

    /// Converts a whole column; throws on the first value that does not convert.
    public static func cast(_ column: Column, to type: DataType) throws -> Column {
        if column.type == type { return column }
        var out = ColumnAppender(type: type)
        out.reserveCapacity(column.count)
        switch (column.buffer, type) {
        case (.int64(let v), .decimal(let scale)):
            // An integer too large for the scale (CAST(8006024407900225522 AS decimal(2))) is a
            // cast failure, not an overflow trap.
            let factor = FixedPoint.powersOfTen[scale]
            for row in 0..<column.count where !column.isNull(row) && v[row].multipliedReportingOverflow(by: factor).overflow {
                throw CastFailure(text: String(v[row]), type: type)
            }
            for row in 0..<column.count { out.append(from: column, row: row) }
            return out.build()
        case (.int64, .double), (.decimal, .double), (.date, .timestamp):
            for row in 0..<column.count { out.append(from: column, row: row) }
            return out.build()
        default:
            break
        }
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isNull { out.appendNull(); continue }
            guard let converted = convert(value, to: type) else { throw CastFailure(text: value.plainText, type: type) }
            out.append(converted)
        }
        return out.build()
    }

    static func convert(_ value: Value, to type: DataType) -> Value? {
        switch (value, type) {
        case (_, .string): return .string(value.plainText)
        case (.decimal(let v, let s), .int64): return .int64(roundedDivision(v, FixedPoint.powersOfTen[s]))
        case (.decimal(let v, let s), .decimal(let target)):
            if target >= s { return FixedPoint.rescale(v, from: s, to: target).map { .decimal($0, scale: target) } }
            return .decimal(roundedDivision(v, FixedPoint.powersOfTen[s - target]), scale: target)
        case (.double(let d), .int64):
            guard d.isFinite, abs(d) < 9.2e18 else { return nil }
            return .int64(Int64(d.rounded()))
        case (.double(let d), .decimal(let s)): return fromDouble(d, scale: s)
        case (.int64(let v), .bool): return .bool(v != 0)
        case (.bool(let b), .int64): return .int64(b ? 1 : 0)
        case (.timestamp(let t), .date):
            var days = t / CivilCalendar.microsecondsPerDay
            if t % CivilCalendar.microsecondsPerDay < 0 { days -= 1 }
            return .date(Int32(days))
        case (.string(let s), _): return parse(s, as: type)
        default: return nil
        }
    }

    /// Half away from zero, as SQL's ROUND and CAST do.
    public static func roundedDivision(_ v: Int64, _ d: Int64) -> Int64 {
        let q = v / d, r = v % d
        if abs(r) * 2 >= d { return q + (v < 0 ? -1 : 1) }
        return q
    }

    static func fromDouble(_ d: Double, scale: Int) -> Value? {
        let scaled = (d * Double(FixedPoint.powersOfTen[scale])).rounded()
        guard scaled.isFinite, abs(scaled) < 9.2e18 else { return nil }
        return .decimal(Int64(scaled), scale: scale)
    }

    static func decimalParts(_ t: String) -> (Int64, Int)? {
        var digits = ""
        var scale = 0
        var seenDot = false
        var sign = ""
        for (i, c) in t.enumerated() {
            if i == 0, c == "-" || c == "+" { sign = c == "-" ? "-" : ""; continue }
            if c == "." { guard !seenDot else { return nil }; seenDot = true; continue }
            guard c.isASCII, c.isNumber else { return nil }
            digits.append(c)
            if seenDot { scale += 1 }
        }
        guard !digits.isEmpty, scale <= DataType.maxDecimalScale, let v = Int64(sign + digits) else { return nil }
        return (v, scale)
    }
}
