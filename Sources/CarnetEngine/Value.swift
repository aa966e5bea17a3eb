/// A single boxed value: used for a cell shown on screen, a statistic, a literal.
/// Kernels never work on `Value`s; they work on a column's typed buffer.
public enum Value: Sendable, Hashable {
    case null
    case int64(Int64)
    case decimal(Int64, scale: Int)
    case double(Double)
    case bool(Bool)
    case date(Int32)
    case timestamp(Int64)
    case string(String)
    case geometry(Geometry)

    public var isNull: Bool { self == .null }

    /// A plain, locale-independent text form (ISO dates, `.` decimals, no grouping).
    public var plainText: String {
        switch self {
        case .null: return ""
        case .int64(let v): return String(v)
        case .decimal(let v, let scale): return FixedPoint.string(v, scale: scale)
        case .double(let v): return Value.shortestText(v)
        case .bool(let v): return v ? "true" : "false"
        case .date(let v): return CivilCalendar.isoString(days: v)
        case .timestamp(let v): return CivilCalendar.isoString(microseconds: v)
        case .string(let s): return s
        case .geometry(let g): return g.wkt
        }
    }

    /// The shortest text that reads back as the same double; integral values keep `.0` (as
    /// DuckDB and Python print them) so that a double never looks like an integer.
    public static func shortestText(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) + ".0" }
        return String(v)
    }
}
