import CarnetEngine

/// The display text of every cell of a table, computed column by column with one formatter.
struct CellText {
    static let nullText = "NULL"

    static func columns(of table: Table, formatter: ValueFormatter) -> [[String]] {
        table.columns.map { column in
            (0..<column.count).map { row in
                column.isNull(row) ? nullText : DisplayWidth.sanitized(formatter.format(column.value(at: row)))
            }
        }
    }

    static func rightAligned(_ type: DataType) -> Bool { type.isNumeric }
}
