import CarnetEngine

/// A file format Carnet writes a table to as a file of its own (workbooks, which are zip
/// archives): chosen by the extension of `export … to PATH`. Text formats (CSV, JSON,
/// Markdown) are rendered by the session.
public protocol TableFileWriter {
    static var formatName: String { get }
    static var extensions: Set<String> { get }
    /// Writes `table` as a sheet named `sheet`, atomically; returns the bytes written.
    static func write(_ table: Table, sheet: String, to path: String) throws -> Int
}

/// The file formats `export` writes.
public enum TableFileWriters {
    public static let all: [any TableFileWriter.Type] = [XLSXWriter.self, ODSWriter.self, ParquetWriter.self]

    public static func writer(forExtension ext: String) -> (any TableFileWriter.Type)? {
        all.first { $0.extensions.contains(ext.lowercased()) }
    }
}

/// What workbooks cannot hold, checked before anything is written: Excel's and LibreOffice's
/// limits, and text they would cut (no value is ever truncated in an export).
enum SheetLimits {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxCellCharacters = 32_767

    static func check(_ table: Table, format: String, path: String) throws {
        if table.rowCount + 1 > maxRows {
            throw LoadError(path: path, message: "\(table.rowCount) rows do not fit in a \(format) sheet (at most \(maxRows - 1) below the header)",
                            hint: "export to .csv, or split the table with WHERE")
        }
        if table.columnCount > maxColumns {
            throw LoadError(path: path, message: "\(table.columnCount) columns do not fit in a \(format) sheet (at most \(maxColumns))", hint: "export to .csv")
        }
        for (c, column) in table.columns.enumerated() {
            guard case .string(let strings) = column.buffer else { continue }
            for r in 0..<column.count where !column.isNull(r) && strings.byteCount(at: r) > maxCellCharacters {
                let text = column.value(at: r).plainText
                guard text.count > maxCellCharacters else { continue }
                throw LoadError(path: path, message: "row \(r + 1) of \(quoted(table.columnNames[c])) holds \(text.count) characters: a \(format) cell holds \(maxCellCharacters) at most and would cut it",
                                hint: "export to .csv, which keeps every character")
            }
        }
    }

    /// A sheet name the formats accept: at most 31 characters, none of `[ ] : * ? / \`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Feuil1" : cleaned
    }

    /// Text as XML character data: the markup characters escaped, and the control characters
    /// XML 1.0 cannot hold replaced by U+FFFD (spreadsheets refuse the file otherwise).
    static func xmlEscaped(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
