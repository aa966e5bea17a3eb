import CarnetEngine

/// Everything Carnet decided while loading a file, printed after the load so the user can check
/// it and override any choice.
public struct LoadReport: Sendable, Equatable {
    /// One column: its name, its type, and why when the type is not the obvious one.
    public struct ColumnDecision: Sendable, Equatable {
        public var name: String
        public var type: DataType
        /// Why this type, when it is not the obvious one.
        public var notice: LoadMessage?
        public var note: String? { notice?.english }
    }

    public var path: String
    public var byteCount: Int
    public var rowCount: Int
    public var dialect: CSVDialect
    /// For files that are not delimited text: what was read (`XLSX sheet 'Problemes'`).
    public var formatText: LoadMessage?
    public var format: String? { formatText?.english }
    /// The format that read the file (`TableReader.formatName`).
    public var reader = CSVReader.formatName
    /// The sheet that was read, for workbooks.
    public var sheet: String?
    /// Lines (sheet rows) above the header that were left out: found titles, or `skip=`.
    public var skipped = 0
    /// `LF`, `CRLF`, `CR`, or `mixed`.
    public var lineEnding: String
    public var columns: [ColumnDecision]
    /// Things the user should know: renamed headers, ragged rows, spreadsheet damage…
    public var notices: [LoadMessage]
    /// The notices in English.
    public var warnings: [String] { notices.map(\.english) }
    /// Cells that a spreadsheet turned into dates in a numeric column, set to NULL: kept so that
    /// `describe` can list them and `repair` can propose values.
    public struct DamagedCell: Sendable, Equatable {
        public var column: String
        public var line: Int
        public var text: String
    }
    public var damagedCells: [DamagedCell] = []
    /// How many times the file was read again because a value did not fit the sampled type.
    public var rereads: Int

    /// The options that reproduce this load exactly (`with …`), for notebooks and overrides:
    /// the dialect of delimited text, the sheet and header of a workbook.
    public var reproducingOptions: String {
        let skip = skipped > 0 ? " skip=\(skipped)" : ""
        // Formats that decide nothing a replay could decide differently.
        if reader != CSVReader.formatName, sheet == nil { return String(skip.dropFirst()) }
        if let sheet {
            return "sheet='" + sheet.replacingAll("'", with: "''") + "' header=\(dialect.hasHeader)" + skip
        }
        var parts = ["delimiter=\(dialect.delimiter == 0x09 ? "tab" : "'" + String(UnicodeScalar(dialect.delimiter)) + "'")"]
        parts.append("decimal='\(String(UnicodeScalar(dialect.decimalMark)))'")
        parts.append("encoding=\(dialect.encoding == .windows1252 ? "cp1252" : dialect.encoding == .latin1 ? "latin1" : "utf8")")
        parts.append("header=\(dialect.hasHeader)")
        return parts.joined(separator: " ") + skip
    }
}
