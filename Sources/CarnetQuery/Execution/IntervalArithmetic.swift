import CarnetEngine

/// Dates moved by calendar intervals as PostgreSQL and DuckDB move them: months first, the day
/// kept but clamped to the month's length (`2024-01-31 + 1 month` is `2024-02-29`), then days.
enum IntervalArithmetic {
    static func add(months: Int, days: Int, to date: Int32) -> Int32 {
        var (y, m, d) = CivilCalendar.civil(days: date)
        if months != 0 {
            let total = y * 12 + (m - 1) + months
            y = Int((Double(total) / 12).rounded(.down))
            m = total - y * 12 + 1
            d = min(d, CivilCalendar.daysInMonth(year: y, month: m))
        }
        return CivilCalendar.days(year: y, month: m, day: d) &+ Int32(truncatingIfNeeded: days)
    }

    /// A timestamp keeps its time of day.
    static func add(months: Int, days: Int, to timestamp: Int64) -> Int64 {
        let perDay = CivilCalendar.microsecondsPerDay
        var day = timestamp / perDay, time = timestamp % perDay
        if time < 0 { time += perDay; day -= 1 }
        return Int64(add(months: months, days: days, to: Int32(truncatingIfNeeded: day))) * perDay + time
    }
}
