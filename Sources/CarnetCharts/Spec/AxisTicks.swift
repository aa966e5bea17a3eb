import CarnetEngine

/// A labelled mark on an x axis.
public struct AxisTick: Sendable, Equatable {
    public var value: Double
    public var label: String
}

/// The x axis of lines and scatter plots: calendar ticks for dates (months, quarters, years in
/// the locale: `janv. 2022`), whole years for year columns, plain numbers otherwise. The unit of
/// the values (`unit=€`) belongs to the y axis and never appears here.
public enum AxisTicks {
    public enum Kind: Sendable, Equatable { case number, year, date }

    static let frenchMonths = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The scale and ticks for x values from `minimum` to `maximum` (days since 1970 for dates).
    public static func make(_ kind: Kind, minimum: Double, maximum: Double, locale: DisplayLocale, tickCount: Int = 6) -> (NiceScale, [AxisTick]) {
        switch kind {
        case .number:
            let scale = NiceScale(minimum: minimum, maximum: maximum, tickCount: tickCount, includeZero: false)
            let format = ChartNumberFormat(locale: locale)
            return (scale, scale.ticks.map { AxisTick(value: $0, label: format.compact($0)) })
        case .year:
            // The axis spans the years of the data, no year before or after them.
            var scale = NiceScale(minimum: minimum, maximum: maximum, tickCount: tickCount, includeZero: false, integral: true)
            if maximum > minimum {
                scale.lower = minimum
                scale.upper = maximum
                scale.ticks = scale.ticks.filter { $0 >= minimum && $0 <= maximum }
            }
            return (scale, scale.ticks.map { AxisTick(value: $0, label: String(Int64($0.rounded()))) })
        case .date:
            return dates(from: Int32(minimum.rounded(.down)), to: Int32(maximum.rounded(.up)), locale: locale, tickCount: tickCount)
        }
    }

    /// Ticks on calendar boundaries within the data (the axis ends at the first and last day).
    static func dates(from first: Int32, to last: Int32, locale: DisplayLocale, tickCount: Int) -> (NiceScale, [AxisTick]) {
        var scale = NiceScale(minimum: Double(first), maximum: Double(last), includeZero: false)
        scale.lower = Double(first)
        scale.upper = Double(max(last, first + 1))
        let months = locale == .fr ? frenchMonths : englishMonths
        let spanDays = Int(last - first)
        let (y0, m0, _) = CivilCalendar.civil(days: first)
        let (y1, m1, _) = CivilCalendar.civil(days: last)
        let spanMonths = (y1 - y0) * 12 + (m1 - m0)
        var ticks: [AxisTick] = []
        if spanMonths >= 2 {
            // Steps of 1, 2, 3 (quarters), 6 months, then whole years: the smallest with few enough ticks.
            let monthSteps = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200]
            let step = monthSteps.first { spanMonths / $0 + 1 <= tickCount } ?? 1200
            var index = (y0 * 12 + m0 - 1)
            index = ((index + step - 1) / step) * step  // first boundary on or after the first month
            if CivilCalendar.days(year: index / 12, month: index % 12 + 1, day: 1) < first { index += step }
            while true {
                let (year, month) = (index / 12, index % 12 + 1)
                let day = CivilCalendar.days(year: year, month: month, day: 1)
                guard day <= last else { break }
                let label = step >= 12 ? String(year) : months[month - 1] + "\u{A0}" + String(year)
                ticks.append(AxisTick(value: Double(day), label: label))
                index += step
            }
        }
        if ticks.count < 2 {
            // Under two months: days, labelled `4 janv.` (with the year on the first).
            let daySteps = [1, 2, 7, 14]
            let step = daySteps.first { spanDays / $0 + 1 <= tickCount } ?? 14
            ticks = []
            var day = first
            while day <= last {
                let (year, month, d) = CivilCalendar.civil(days: day)
                let base = locale == .fr ? "\(d)\u{A0}\(months[month - 1])" : "\(months[month - 1])\u{A0}\(d)"
                ticks.append(AxisTick(value: Double(day), label: ticks.isEmpty ? base + "\u{A0}" + String(year) : base))
                day += Int32(step)
            }
        }
        scale.ticks = ticks.map(\.value)
        return (scale, ticks)
    }
}
