import CarnetEngine

/// The ways dates are written in French open data.
enum DateOrder: Sendable {
    /// `04/03/2022`, `04-03-2022`, `04.03.2022`: day first, as in France.
    case dayMonthYear
    /// `2022-03-04`, `2022/03/04`: ISO 8601.
    case yearMonthDay
}

/// A date or a timestamp read from text.
struct ParsedTemporal {
    var order: DateOrder
    var days: Int32
    /// Microseconds within the day, when a time was written.
    var timeOfDay: Int64?
}

/// Reads dates (`dd/mm/yyyy`, `yyyy-mm-dd`) and timestamps (`… HH:MM[:SS[.ffffff]]`, with a
/// space or `T`, an optional trailing `Z`) from UTF-8 bytes. Impossible dates (31/02) fail.
enum TemporalParser {
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> ParsedTemporal? {
        var i = 0
        var end = n
        while i < end, p[i] == 0x20 { i += 1 }
        while end > i, p[end - 1] == 0x20 { end -= 1 }
        guard end - i >= 8 else { return nil }

        func digits(_ count: Int) -> Int? {
            guard i + count <= end else { return nil }
            var v = 0
            for k in 0..<count {
                let c = p[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += count
            return v
        }
        func oneOrTwoDigits() -> Int? {
            guard i < end, p[i] >= 0x30, p[i] <= 0x39 else { return nil }
            if i + 1 < end, p[i + 1] >= 0x30, p[i + 1] <= 0x39 { return digits(2) }
            return digits(1)
        }

        var year = 0, month = 0, day = 0
        let order: DateOrder
        if end - i >= 10, p[i + 4] == UInt8(ascii: "-") || p[i + 4] == UInt8(ascii: "/") {
            let sep = p[i + 4]
            guard let y = digits(4) else { return nil }
            i += 1
            guard let m = oneOrTwoDigits(), i < end, p[i] == sep else { return nil }
            i += 1
            guard let d = oneOrTwoDigits() else { return nil }
            (year, month, day) = (y, m, d)
            order = .yearMonthDay
        } else {
            guard let d = oneOrTwoDigits(), i < end else { return nil }
            let sep = p[i]
            guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: ".") else { return nil }
            i += 1
            guard let m = oneOrTwoDigits(), i < end, p[i] == sep else { return nil }
            i += 1
            guard let y = digits(4) else { return nil }
            (year, month, day) = (y, m, d)
            order = .dayMonthYear
        }
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        if i == end { return ParsedTemporal(order: order, days: days, timeOfDay: nil) }

        guard p[i] == 0x20 || p[i] == UInt8(ascii: "T") else { return nil }
        i += 1
        guard let hour = oneOrTwoDigits(), i < end, p[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = digits(2) else { return nil }
        var second = 0
        var micros = 0
        if i < end, p[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = digits(2) else { return nil }
            second = s
            if i < end, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
                i += 1
                var scale = 0
                while i < end, p[i] >= 0x30, p[i] <= 0x39 {
                    if scale < 6 { micros = micros * 10 + Int(p[i] - 0x30); scale += 1 }
                    i += 1
                }
                guard scale > 0 else { return nil }
                for _ in scale..<6 { micros *= 10 }
            }
        }
        if i < end, p[i] == UInt8(ascii: "Z") { i += 1 }
        guard i == end, hour < 24, minute < 60, second < 61 else { return nil }
        let time = Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + Int64(micros)
        return ParsedTemporal(order: order, days: days, timeOfDay: time)
    }

    /// Text that Excel made out of a number it took for a date: `04-mai`, `mai-87`, `juil.-87`,
    /// `3-Jul`. Full dates (`03/07/1900`) are recognised by `parse`.
    static func looksLikeSpreadsheetDate(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let parts = lowered.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == " " })
        guard parts.count == 2 || parts.count == 3 else { return false }
        var hasMonth = false
        for part in parts {
            let word = part.hasSuffix(".") ? part.dropLast() : part
            if monthNames.contains(String(word)) { hasMonth = true; continue }
            guard !word.isEmpty, word.count <= 4, word.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        return hasMonth
    }

    /// A cheap test on bytes before `looksLikeSpreadsheetDate`: short, with a digit and a
    /// `-`, `/` or space.
    static func mayBeSpreadsheetDate(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field.count >= 4, field.count <= 14 else { return false }
        var digit = false, separator = false
        for c in field {
            if c >= 0x30 && c <= 0x39 { digit = true }
            else if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == 0x20 { separator = true }
        }
        return digit && separator
    }

    private static let monthNames: Set<String> = [
        "janv", "févr", "fevr", "mars", "avr", "mai", "juin", "juil", "août", "aout", "sept", "oct", "nov", "déc", "dec",
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "janvier", "février", "avril", "juillet", "septembre", "octobre", "novembre", "décembre",
    ]
}
