import CarnetEngine

/// A number read from CSV text, with the facts type inference needs about how it was written.
struct ParsedNumber {
    /// Digits without separators, as an integer: `1 234,56` → 123456.
    var mantissa: Int64
    /// Digits after the decimal separator.
    var scale: Int
    /// Value of an exponent (`2,43E+13`), when one was written.
    var exponent: Int?
    var integerDigits: Int
    /// Written with a leading zero before other digits (`011`, `034`): an identifier, not a count.
    var leadingZero: Bool
    var hasSign: Bool
    var grouped: Bool
    /// Every fractional digit is zero (`6.0`): an integer that went through a spreadsheet.
    var fractionIsZero: Bool

    var isInteger: Bool { scale == 0 && exponent == nil }

    var doubleValue: Double {
        var v = Double(mantissa) / pow10(scale)
        if let exponent { v *= pow10Signed(exponent) }
        return v
    }
}

@inline(__always) private func pow10(_ n: Int) -> Double {
    n < FixedPoint.powersOfTen.count ? Double(FixedPoint.powersOfTen[n]) : pow10Signed(n)
}

private func pow10Signed(_ n: Int) -> Double {
    var r = 1.0
    var k = abs(n)
    var base = 10.0
    while k > 0 {
        if k & 1 == 1 { r *= base }
        base *= base
        k >>= 1
    }
    return n < 0 ? 1 / r : r
}

/// Reads numbers written the French or the English way, directly from UTF-8 bytes.
///
/// Accepted: optional sign, digits grouped by threes with a space, U+00A0, U+202F or the
/// other convention's separator (`.` when the decimal mark is `,`), a decimal part, an
/// exponent, and a trailing `€`. Anything else is not a number.
enum NumberParser {
    static let comma = UInt8(ascii: ",")
    static let dot = UInt8(ascii: ".")

    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, decimalMark: UInt8) -> ParsedNumber? {
        var i = 0
        var end = n
        // Trim spaces and a trailing euro sign ("125 000,00 €").
        while i < end, p[i] == 0x20 { i += 1 }
        while end > i, p[end - 1] == 0x20 { end -= 1 }
        if end - i >= 3, p[end - 3] == 0xE2, p[end - 2] == 0x82, p[end - 1] == 0xAC {
            end -= 3
            while end > i, p[end - 1] == 0x20 || (end - i >= 2 && p[end - 2] == 0xC2 && p[end - 1] == 0xA0) {
                end -= p[end - 1] == 0x20 ? 1 : 2
            }
        }
        guard i < end else { return nil }
        var negative = false
        var hasSign = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-")
            hasSign = true
            i += 1
        }
        let groupMark: UInt8 = decimalMark == comma ? dot : comma
        var mantissa: Int64 = 0
        var overflow = false
        var integerDigits = 0
        var groupDigits = 0      // digits since the last group separator
        var grouped = false
        var firstDigit: UInt8 = 0
        // Integer part, with optional grouping separators.
        while i < end {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                if integerDigits == 0 { firstDigit = c }
                let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(Int64(c - 0x30))
                overflow = overflow || o1 || o2
                mantissa = m2
                integerDigits += 1
                groupDigits += 1
                i += 1
                continue
            }
            var separatorLength = 0
            if c == 0x20 || c == groupMark { separatorLength = 1 }
            else if c == 0xC2, i + 1 < end, p[i + 1] == 0xA0 { separatorLength = 2 }
            else if c == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0xAF { separatorLength = 3 }
            if separatorLength == 0 { break }
            // A group separator must follow 1–3 digits (first group) or exactly 3, and be
            // followed by three digits.
            guard integerDigits > 0, groupDigits <= 3, !grouped || groupDigits == 3 else { return nil }
            let next = i + separatorLength
            guard next + 3 <= end,
                  (0..<3).allSatisfy({ p[next + $0] >= 0x30 && p[next + $0] <= 0x39 }) else { return nil }
            if next + 3 < end, p[next + 3] >= 0x30, p[next + 3] <= 0x39 { return nil }
            grouped = true
            groupDigits = 0
            i = next
        }
        guard integerDigits > 0 || (i < end && p[i] == decimalMark) else { return nil }
        var scale = 0
        var fractionIsZero = true
        if i < end, p[i] == decimalMark {
            i += 1
            while i < end, p[i] >= 0x30, p[i] <= 0x39 {
                let d = p[i] - 0x30
                if d != 0 { fractionIsZero = false }
                let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(Int64(d))
                overflow = overflow || o1 || o2
                mantissa = m2
                scale += 1
                i += 1
            }
            guard scale > 0 || integerDigits > 0 else { return nil }
        }
        var exponent: Int?
        if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var digits = 0
            while i < end, p[i] >= 0x30, p[i] <= 0x39, digits < 4 {
                value = value * 10 + Int(p[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            exponent = expNegative ? -value : value
        }
        guard i == end else { return nil }
        if overflow {
            // Too many digits for an Int64: only usable as an approximate double.
            guard exponent == nil else { return nil }
            return nil
        }
        return ParsedNumber(
            mantissa: negative ? -mantissa : mantissa,
            scale: scale,
            exponent: exponent,
            integerDigits: integerDigits,
            leadingZero: integerDigits > 1 && firstDigit == 0x30,
            hasSign: hasSign,
            grouped: grouped,
            fractionIsZero: scale > 0 && fractionIsZero
        )
    }

    /// Parses a plain double (for very long digit strings that overflow the fixed-point path).
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int, decimalMark: UInt8) -> Double? {
        if let number = parse(p, n, decimalMark: decimalMark) { return number.doubleValue }
        var text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        text = text.trimmingSpaces()
        if decimalMark == comma { text = text.replacingComma() }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(text)
    }
}

extension String {
    fileprivate func replacingComma() -> String {
        String(map { $0 == "," ? "." : $0 })
    }
}
