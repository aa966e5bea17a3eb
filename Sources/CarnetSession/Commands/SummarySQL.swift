import CarnetEngine
import CarnetQuery

/// The queries behind each number `summarize` writes, as live values (`{{SELECT … | €}}`):
/// run now to draft the sentence and again on every replay, so a new file updates the figure.
struct SummarySQL {
    /// How the queries read the table: a quoted name or `(SELECT …) AS src`.
    let from: String
    let measure: String
    let unit: String?
    /// What the value column is called: `total`, unless a category or period is so named.
    let valueName: String

    init(from: String, measure: String, unit: String?, reserved: [String]) {
        self.from = from
        self.measure = SQLText.delimitedIdentifier(measure)
        self.unit = unit
        valueName = reserved.contains { $0.lowercased() == "total" } ? "total_" : "total"
    }

    /// `column = value` in SQL, or `column IS NULL`.
    static func equals(_ column: String, _ value: Value) -> String {
        switch value {
        case .null: return "\(column) IS NULL"
        case .string(let s): return "\(column) = " + SQLText.stringLiteral(s)
        case .bool(let b): return "\(column) = \(b ? "TRUE" : "FALSE")"
        case .date: return "\(column) = DATE '\(value.plainText)'"
        case .timestamp: return "CAST(\(column) AS text) = '\(value.plainText)'"
        case .int64, .decimal, .double: return "\(column) = \(value.plainText)"
        case .geometry(let g): return "st_equals(\(column), st_geomfromtext(" + SQLText.stringLiteral(g.wkt) + "))"
        }
    }

    static func live(_ sql: String, unit: String? = nil) -> LiveValues.Piece {
        .live(sql: sql + (unit.map { " | " + $0 } ?? ""), value: nil)
    }

    /// `WHERE` for the rows of a group that have a measure, plus any further conditions.
    func rows(_ g: Summary.Group, _ more: String...) -> String {
        "WHERE " + (["\(measure) IS NOT NULL"] + (g.condition.map { [$0] } ?? []) + more).joined(separator: " AND ")
    }

    /// The group's condition alone: `sum` and `count` skip NULL measures by themselves.
    func group(_ g: Summary.Group) -> String {
        g.condition.map { " WHERE " + $0 } ?? ""
    }

    func total(_ g: Summary.Group) -> LiveValues.Piece {
        SummarySQL.live("SELECT sum(\(measure)) AS \(valueName) FROM \(from)\(group(g))", unit: unit)
    }

    func count(_ g: Summary.Group) -> LiveValues.Piece {
        SummarySQL.live("SELECT count(\(measure)) AS \(valueName) FROM \(from)\(group(g))")
    }

    /// The first group's total minus the second's.
    func balance(_ a: Summary.Group, _ b: Summary.Group) -> LiveValues.Piece {
        SummarySQL.live("SELECT sum(CASE WHEN \(a.condition!) THEN \(measure) END) - sum(CASE WHEN \(b.condition!) THEN \(measure) END) AS \(valueName) FROM \(from)", unit: unit)
    }

    func parts(_ g: Summary.Group, by category: String) -> Parts {
        let key = SQLText.delimitedIdentifier(category)
        return Parts(key: key, value: valueName, unit: unit,
                     sub: "(SELECT \(key), sum(\(measure)) AS \(valueName) FROM \(from) \(rows(g)) GROUP BY \(key)) AS parts")
    }

    func series(_ g: Summary.Group, over period: String) -> Series {
        Series(period: SQLText.delimitedIdentifier(period), measure: measure, value: valueName, unit: unit,
               from: from, rows: rows(g, "\(SQLText.delimitedIdentifier(period)) IS NOT NULL"))
    }

    /// A group's sums per category: the largest and smallest, their amounts and shares.
    struct Parts {
        let key: String, value: String, unit: String?, sub: String

        /// Ties go to the first name in order for the largest, the last for the smallest.
        func name(largest: Bool) -> LiveValues.Piece {
            SummarySQL.live("SELECT \(key) FROM \(sub) ORDER BY \(value) \(largest ? "DESC" : "ASC"), \(key) \(largest ? "ASC" : "DESC") LIMIT 1")
        }

        func amount(largest: Bool) -> LiveValues.Piece {
            SummarySQL.live("SELECT \(largest ? "max" : "min")(\(value)) AS \(value) FROM \(sub)", unit: unit)
        }

        func share(largest: Bool, digits: Int) -> LiveValues.Piece {
            SummarySQL.live("SELECT CAST(round(100.0 * \(largest ? "max" : "min")(\(value)) / sum(\(value)), \(digits)) AS decimal(\(digits))) AS part FROM \(sub)", unit: "%")
        }
    }

    /// One group's values over time: first and last periods, their values, the change, extremes.
    struct Series {
        let period: String, measure: String, value: String, unit: String?, from: String, rows: String

        func period(first: Bool) -> LiveValues.Piece {
            SummarySQL.live("SELECT \(first ? "min" : "max")(\(period)) AS \(period) FROM \(from) \(rows)")
        }

        func valueSQL(first: Bool) -> String {
            "SELECT \(measure) AS \(value) FROM \(from) \(rows) AND \(period) = (SELECT \(first ? "min" : "max")(\(period)) FROM \(from) \(rows))"
        }

        func value(first: Bool) -> LiveValues.Piece {
            SummarySQL.live(valueSQL(first: first), unit: unit)
        }

        /// Signed, in per cent of the first value: it reads true whether the series rose or fell.
        var change: LiveValues.Piece {
            SummarySQL.live("SELECT CAST(round(100.0 * (fin - debut) / debut, 1) AS decimal(1)) AS evolution FROM (SELECT (\(valueSQL(first: true))) AS debut, (\(valueSQL(first: false))) AS fin) AS bornes", unit: "%")
        }

        /// The period of the highest (or lowest) value; ties go to the earliest period.
        func extreme(highest: Bool) -> LiveValues.Piece {
            SummarySQL.live("SELECT \(period) FROM \(from) \(rows) ORDER BY \(measure) \(highest ? "DESC" : "ASC"), \(period) LIMIT 1")
        }

        func extremeValue(highest: Bool) -> LiveValues.Piece {
            SummarySQL.live("SELECT \(highest ? "max" : "min")(\(measure)) AS \(value) FROM \(from) \(rows)", unit: unit)
        }
    }
}
