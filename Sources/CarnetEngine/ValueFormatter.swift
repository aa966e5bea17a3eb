/// How numbers and dates are written for people: `en` (`1,234,567.89`, `2022-03-04`) or
/// `fr` (`1 234 567,89`, `04/03/2022`).
public enum DisplayLocale: String, Sendable, CaseIterable {
    case en, fr

    public var decimalSeparator: Character { self == .fr ? "," : "." }
    public var groupingSeparator: Character { self == .fr ? " " : "," }
}

/// Turns values into display text for a locale. Exact for decimals; never uses `Foundation`'s
/// formatters so that output is identical on every machine.
public struct ValueFormatter: Sendable {
    public var locale: DisplayLocale
    /// Group thousands in numbers (tables do; CSV output does not).
    public var grouping: Bool

    public init(locale: DisplayLocale = .en, grouping: Bool = true) {
        self.locale = locale
        self.grouping = grouping
    }

    public func format(_ value: Value) -> String {
        switch value {
        case .null: return ""
        case .int64(let v): return formatInteger(String(v))
        case .decimal(let v, let scale): return formatDecimalText(FixedPoint.string(v, scale: scale))
        case .double(let v):
            if !v.isFinite { return Value.shortestText(v) }
            return formatDecimalText(Value.shortestText(v).replacingExponent())
        case .bool(let v): return v ? "true" : "false"
        case .date(let d):
            if locale == .fr {
                let (y, m, day) = CivilCalendar.civil(days: d)
                return two(day) + "/" + two(m) + "/" + String(y)
            }
            return CivilCalendar.isoString(days: d)
        case .timestamp(let t): return CivilCalendar.isoString(microseconds: t)
        case .string(let s): return s
        case .geometry(let g): return g.wkt
        }
    }

    /// A double rounded to `digits` decimals, for statistics such as a mean.
    public func format(_ v: Double, fractionDigits digits: Int) -> String {
        guard v.isFinite else { return Value.shortestText(v) }
        let scaled = (v * pow10(digits)).rounded()
        guard abs(scaled) < 9e18 else { return format(.double(v)) }
        var text = FixedPoint.string(Int64(scaled), scale: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return formatDecimalText(text)
    }

    private func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Applies the locale to a plain `-1234.5` text.
    private func formatDecimalText(_ plain: String) -> String {
        guard let dot = plain.firstIndex(of: ".") else { return formatInteger(plain) }
        let integer = formatInteger(String(plain[..<dot]))
        return integer + String(locale.decimalSeparator) + plain[plain.index(after: dot)...]
    }

    private func formatInteger(_ plain: String) -> String {
        guard grouping else { return plain }
        var digits = Substring(plain)
        var sign = ""
        if digits.first == "-" { sign = "-"; digits = digits.dropFirst() }
        guard digits.count > 3, digits.allSatisfy(\.isASCII) else { return plain }
        var out = ""
        let chars = Array(digits)
        for (i, c) in chars.enumerated() {
            if i > 0, (chars.count - i) % 3 == 0 { out.append(locale.groupingSeparator) }
            out.append(c)
        }
        return sign + out
    }
}

private extension String {
    /// `1.5e-07` → `0.00000015`: exponent notation is unreadable in a table of amounts.
    func replacingExponent() -> String {
        guard let e = firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(self[index(after: e)...]), abs(exponent) <= 20 else { return self }
        var mantissa = String(self[..<e])
        var negative = false
        if mantissa.hasPrefix("-") { negative = true; mantissa.removeFirst() }
        var intPart = mantissa
        var fracPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[..<dot])
            fracPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        if point <= 0 { digits = String(repeating: "0", count: 1 - point) + digits; point = 1 }
        if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var result = String(digits.prefix(point))
        let rest = digits.dropFirst(point)
        if !rest.isEmpty { result += "." + rest }
        return (negative ? "-" : "") + result
    }
}
