import CarnetEngine

/// Writes a table as RFC 4180 CSV (or TSV): header line, CRLF line ends, fields quoted when
/// they hold the delimiter, a quote, a line break or edge spaces. Values are written plainly
/// (ISO dates, `.` decimals, no grouping) so that other programs read them back.
public struct DelimitedTableWriter: Sendable {
    public var delimiter: Character

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    public func render(_ table: Table) -> String {
        var out = table.columnNames.map(escape).joined(separator: String(delimiter)) + "\r\n"
        for r in 0..<table.rowCount {
            var fields: [String] = []
            fields.reserveCapacity(table.columnCount)
            for column in table.columns {
                fields.append(escape(column.value(at: r).plainText))
            }
            out += fields.joined(separator: String(delimiter)) + "\r\n"
        }
        return out
    }

    func escape(_ field: String) -> String {
        let needsQuotes = field.contains(delimiter) || field.contains("\"") || field.contains("\n")
            || field.contains("\r") || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}
