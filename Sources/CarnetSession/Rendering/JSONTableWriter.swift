import CarnetIO
import CarnetEngine

/// Writes a table as a JSON array of objects. Numbers stay numbers (decimals exactly as
/// stored), dates are ISO strings, NULL is `null`.
public struct JSONTableWriter: Sendable {
    public init() {}

    public func render(_ table: Table) -> String {
        let keys = table.columnNames.map(JSONTableWriter.string)
        var rows: [String] = []
        for r in 0..<table.rowCount {
            let members = table.columns.indices.map { c in
                keys[c] + ":" + JSONTableWriter.literal(table.columns[c].value(at: r))
            }
            rows.append("{" + members.joined(separator: ",") + "}")
        }
        return "[" + rows.joined(separator: ",\n") + "]"
    }

    /// One JSON object per line (NDJSON).
    public func lines(_ table: Table) -> String {
        let keys = table.columnNames.map(JSONTableWriter.string)
        var out = ""
        for r in 0..<table.rowCount {
            out += "{" + table.columns.indices.map { keys[$0] + ":" + JSONTableWriter.literal(table.columns[$0].value(at: r)) }.joined(separator: ",") + "}\n"
        }
        return out
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .int64, .decimal: return value.plainText
        case .double(let d): return d.isFinite ? value.plainText : "null"
        case .bool(let b): return b ? "true" : "false"
        case .geometry(let g): return GeoJSONGeometry.format(g.shape)
        default: return string(value.plainText)
        }
    }

    static func string(_ s: String) -> String { JSONText.quoted(s) }
}
