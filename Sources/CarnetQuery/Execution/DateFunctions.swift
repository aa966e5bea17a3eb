import CarnetEngine

/// `date_part` (and `extract`) fields beyond year, month and day, and `strftime` formatting,
/// over day numbers (days since 1970-01-01, a Thursday) and timestamps (µs since then).
enum DateFunctions {
    /// The fields `date_part` and `extract` take.
    static let fields = ["year", "quarter", "month", "week", "day", "dow", "isodow", "doy", "hour", "minute", "second"]

    /// One field of each date or timestamp: dow 0 (Sunday) to 6, isodow 1 (Monday) to 7, week
    /// the ISO 8601 week (1 to 53, the week of its Thursday), as PostgreSQL and DuckDB give them.
    static func part(_ field: String, days: Int32, microseconds: Int64) -> Int64 {
        let (y, m, d) = CivilCalendar.civil(days: days)
        switch field {
        case "year": return Int64(y)
        case "quarter": return Int64((m - 1) / 3 + 1)
        case "month": return Int64(m)
        case "day": return Int64(d)
        case "dow": return Int64(dayOfWeek(days))
        case "isodow": return Int64(dayOfWeek(days) == 0 ? 7 : dayOfWeek(days))
        case "doy": return Int64(days - CivilCalendar.days(year: y, month: 1, day: 1) + 1)
        case "week":
            let isoDay = dayOfWeek(days) == 0 ? 7 : dayOfWeek(days)
            let thursday = days - Int32(isoDay) + 4
            let (ty, _, _) = CivilCalendar.civil(days: thursday)
            return Int64((thursday - CivilCalendar.days(year: ty, month: 1, day: 1)) / 7 + 1)
        case "hour": return microseconds / 3_600_000_000
        case "minute": return microseconds / 60_000_000 % 60
        default: return microseconds / 1_000_000 % 60
        }
    }

    /// 0 for Sunday: 1970-01-01 was a Thursday (4).
    private static func dayOfWeek(_ days: Int32) -> Int {
        let r = (Int(days) + 4) % 7
        return r < 0 ? r + 7 : r
    }

    /// The directives `strftime` knows; anything else after `%` is refused when the query is bound.
    static let directives: Set<Character> = ["Y", "y", "m", "d", "e", "H", "M", "S", "j", "F", "B", "b", "A", "a", "%"]

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    private static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// A date or timestamp written by a strftime format (`'%d/%m/%Y'`): C's directives, month
    /// and day names in English as DuckDB writes them.
    static func format(_ pattern: String, days: Int32, microseconds: Int64) -> String {
        let (y, m, d) = CivilCalendar.civil(days: days)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var out = ""
        var directive = false
        for c in pattern {
            guard directive else {
                if c == "%" { directive = true } else { out.append(c) }
                continue
            }
            directive = false
            switch c {
            case "Y": out += String(y)
            case "y": out += two(Int64(((y % 100) + 100) % 100))
            case "m": out += two(Int64(m))
            case "d": out += two(Int64(d))
            case "e": out += d < 10 ? " \(d)" : "\(d)"
            case "H": out += two(part("hour", days: days, microseconds: microseconds))
            case "M": out += two(part("minute", days: days, microseconds: microseconds))
            case "S": out += two(part("second", days: days, microseconds: microseconds))
            case "j":
                let doy = part("doy", days: days, microseconds: microseconds)
                out += doy < 10 ? "00\(doy)" : doy < 100 ? "0\(doy)" : "\(doy)"
            case "F": out += CivilCalendar.isoString(days: days)
            case "B": out += monthNames[m - 1]
            case "b": out += String(monthNames[m - 1].prefix(3))
            case "A": out += dayNames[dayOfWeek(days)]
            case "a": out += String(dayNames[dayOfWeek(days)].prefix(3))
            default: out.append(c)
            }
        }
        return out
    }

    /// Each row's day number and time of day in µs (0 for a date).
    static func split(_ c: Column) -> [(days: Int32, microseconds: Int64)] {
        switch c.buffer {
        case .date(let v): return v.map { ($0, 0) }
        case .timestamp(let v):
            return v.map { t in
                var d = t / CivilCalendar.microsecondsPerDay, rest = t % CivilCalendar.microsecondsPerDay
                if rest < 0 { rest += CivilCalendar.microsecondsPerDay; d -= 1 }
                return (Int32(d), rest)
            }
        default: return [(Int32, Int64)](repeating: (0, 0), count: c.count)
        }
    }
}
