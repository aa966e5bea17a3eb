import CarnetEngine

/// Numbers as charts show them: full values on labels (`25 000 000`), compact on axes (`25 M`),
/// in the session's locale, always the same text for the same number.
public struct ChartNumberFormat: Sendable {
    public var locale: DisplayLocale
    /// What the values measure (`€`, `ha`), written after them: `25 M€`, `120 ha`.
    public var unit: String?

    public init(locale: DisplayLocale, unit: String? = nil) {
        self.locale = locale
        self.unit = unit
    }

    /// A value label: grouped, with at most 2 decimals (none when integral).
    public func full(_ v: Double) -> String {
        let formatter = ValueFormatter(locale: locale)
        let number = v == v.rounded() && abs(v) < 1e15 ? formatter.format(.int64(Int64(v))) : formatter.format(v, fractionDigits: abs(v) >= 100 ? 0 : 2)
        return number + (unit.map { "\u{A0}" + $0 } ?? "")
    }

    /// An axis label: `1.5 k`, `25 M`, `2 Md` (fr) / `2 B` (en); with a unit `25 M€`.
    public func compact(_ v: Double) -> String {
        let units: [(Double, String, String)] = [(1e9, "B", "Md"), (1e6, "M", "M"), (1e3, "k", "k")]
        for (size, en, fr) in units where abs(v) >= size && (size > 1e3 || abs(v) >= 1e4) {
            return trimmed(v / size) + "\u{A0}" + (locale == .fr ? fr : en) + (unit ?? "")
        }
        // Below 10 000 (years, counts) digits are not grouped: 2019, not 2 019.
        return ValueFormatter(locale: locale, grouping: false).format(v, fractionDigits: abs(v) < 10 ? 2 : 1)
            + (unit.map { "\u{A0}" + $0 } ?? "")
    }

    /// A percentage: `12.5 %` (fr: `12,5 %`).
    public func percent(_ fraction: Double) -> String {
        ValueFormatter(locale: locale).format(fraction * 100, fractionDigits: 1) + "\u{A0}%"
    }

    private func trimmed(_ v: Double) -> String {
        ValueFormatter(locale: locale).format(v, fractionDigits: abs(v) < 10 ? 2 : 1)
    }
}
