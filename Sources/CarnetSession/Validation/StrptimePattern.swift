import CarnetEngine
import Synchronization

/// A Table Schema date/time `format` such as `%d/%m/%Y`, matched as Python's `strptime` matches
/// it (frictionless uses it): each directive becomes the sub-pattern Python's `_strptime` uses
/// (`%m` is `1[0-2]|0[1-9]|[1-9]`, so `3/5/2020` matches `%d/%m/%Y`), the whole text must match,
/// case is ignored, and the parts must make a real date.
/// Matching only reads the compiled regex, so one pattern serves every thread (`cached`).
struct StrptimePattern: @unchecked Sendable {
    private let regex: Regex<AnyRegexOutput>
    private let groups: [Character]

    init?(_ format: String) {
        var pattern = "", groups: [Character] = []
        var chars = Array(format)[...]
        while let ch = chars.popFirst() {
            if ch == "%" {
                guard let directive = chars.popFirst() else { return nil }
                guard let sub = Self.directives[directive] else {
                    if directive == "%" { pattern += "%"; continue }
                    return nil
                }
                pattern += "(" + sub + ")"
                groups.append(directive)
            } else if ch.isWhitespace {
                pattern += "\\s+"
            } else {
                pattern += Self.escaped(ch)
            }
        }
        guard let regex = try? Regex("(?i)^" + pattern + "$") else { return nil }
        self.regex = regex
        self.groups = groups
    }

    private static let compiled = Mutex<[String: StrptimePattern?]>([:])

    /// The pattern of a format, compiled once per process: a column's every cell is checked
    /// against the same one.
    static func cached(_ format: String) -> StrptimePattern? {
        compiled.withLock { cache in
            if let known = cache[format] { return known }
            let made = StrptimePattern(format)
            cache[format] = made
            return made
        }
    }

    /// Python's `_strptime` sub-patterns (C locale names).
    static let directives: [Character: String] = [
        "Y": "\\d\\d\\d\\d", "y": "\\d\\d", "m": "1[0-2]|0[1-9]|[1-9]", "d": "3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]",
        "H": "2[0-3]|[0-1]\\d|\\d", "I": "1[0-2]|0[1-9]|[1-9]", "M": "[0-5]\\d|\\d", "S": "6[0-1]|[0-5]\\d|\\d",
        "f": "[0-9]{1,6}", "j": "36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]",
        "p": "am|pm", "z": "[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z",
        "b": "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
        "B": "january|february|march|april|may|june|july|august|september|october|november|december",
        "a": "mon|tue|wed|thu|fri|sat|sun", "A": "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    ]

    private static func escaped(_ ch: Character) -> String {
        "\\^$.|?*+()[]{}/".contains(ch) ? "\\" + String(ch) : String(ch)
    }

    /// Whether `text` is a date (or time) in this format.
    func matches(_ text: String) -> Bool {
        guard let match = try? regex.wholeMatch(in: text) else { return false }
        var year = 1900, month = 1, day = 1, dayOfYear: Int?
        for (k, directive) in groups.enumerated() {
            guard let range = match.output[k + 1].range else { continue }
            let part = text[range].trimmingCharacters(in: " ").lowercased()
            switch directive {
            case "Y": year = Int(part) ?? year
            case "y": if let y = Int(part) { year = y < 69 ? 2000 + y : 1900 + y }
            case "m": month = Int(part) ?? month
            case "d": day = Int(part) ?? day
            case "j": dayOfYear = Int(part)
            case "b": month = (Self.months.firstIndex { $0.hasPrefix(part) } ?? 0) + 1
            case "B": month = (Self.months.firstIndex(of: part) ?? 0) + 1
            default: break
            }
        }
        if let dayOfYear { return dayOfYear <= (CivilCalendar.daysInMonth(year: year, month: 2) == 29 ? 366 : 365) }
        return CivilCalendar.isValid(year: year, month: month, day: day)
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(self.drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
