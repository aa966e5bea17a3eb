/// The logical type of a column: what its values mean and how its buffer is laid out.
public enum DataType: Hashable, Sendable, CustomStringConvertible {
    /// 64-bit signed integers.
    case int64
    /// Exact fixed-point numbers: an `Int64` holding `value × 10^scale`.
    case decimal(scale: Int)
    /// IEEE 754 binary64, for measurements such as coordinates.
    case double
    case bool
    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    case date
    /// Microseconds since 1970-01-01T00:00:00, without a time zone.
    case timestamp
    /// UTF-8 text, dictionary-encoded when repetitive.
    case string
    /// Points, lines and polygons (WGS84 longitude/latitude, or projected metres), kept as WKB.
    case geometry

    /// The largest scale a decimal column may have: 10^18 still fits in an Int64.
    public static let maxDecimalScale = 18

    public var description: String {
        switch self {
        case .int64: return "integer"
        case .decimal(let scale): return "decimal(\(scale))"
        case .double: return "double"
        case .bool: return "boolean"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .string: return "text"
        case .geometry: return "geometry"
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .int64, .decimal, .double: return true
        default: return false
        }
    }

    /// Parses a type name as a user writes it in `types=col:TYPE`.
    public init?(userName: String) {
        let name = userName.lowercased()
        switch name {
        case "int", "integer", "int64", "bigint", "entier": self = .int64
        case "double", "float", "real", "number": self = .double
        case "decimal", "money", "numeric": self = .decimal(scale: 2)
        case "bool", "boolean", "booleen", "booléen": self = .bool
        case "date": self = .date
        case "timestamp", "datetime": self = .timestamp
        case "text", "string", "varchar", "texte": self = .string
        case "geometry", "geom", "géométrie", "geometrie": self = .geometry
        default:
            // decimal(N)
            if name.hasPrefix("decimal("), name.hasSuffix(")"),
               let scale = Int(name.dropFirst(8).dropLast()),
               (0...DataType.maxDecimalScale).contains(scale) {
                self = .decimal(scale: scale)
            } else {
                return nil
            }
        }
    }
}
