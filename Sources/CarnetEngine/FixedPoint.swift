/// Arithmetic helpers for decimal columns, which store `value × 10^scale` in an `Int64`.
public enum FixedPoint {
    /// Powers of ten that fit in an Int64, indexed by exponent.
    public static let powersOfTen: [Int64] = {
        var table: [Int64] = [1]
        for _ in 1...18 { table.append(table.last! * 10) }
        return table
    }()

    /// Rescales a stored value to a larger scale; `nil` on overflow.
    @inline(__always)
    public static func rescale(_ value: Int64, from: Int, to: Int) -> Int64? {
        if from == to { return value }
        precondition(to > from)
        let (result, overflow) = value.multipliedReportingOverflow(by: powersOfTen[to - from])
        return overflow ? nil : result
    }

    /// Exact text of a scaled integer: `123456` at scale 2 is `1234.56`.
    public static func string(_ value: Int64, scale: Int) -> String {
        string(Int128(value), scale: scale)
    }

    public static func string(_ value: Int128, scale: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    @inline(__always)
    public static func toDouble(_ value: Int64, scale: Int) -> Double {
        Double(value) / Double(powersOfTen[scale])
    }
}
