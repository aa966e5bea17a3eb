import CarnetEngine

/// The display text of every cell of a table, computed column by column with one formatter.
struct CellText {
    static let nullText = "NULL"

    static func columns(of table: Table, formatter: ValueFormatter) -> [[String]] {
        table.columns.map { column in
            let cells = (0..<column.count).map { row in
                column.isNull(row) ? nullText : DisplayWidth.sanitized(formatter.format(column.value(at: row)))
            }
            return column.type == .double ? alignedOnDecimalMark(cells, mark: formatter.locale.decimalSeparator) : cells
        }
    }

    /// Doubles print as short as they can, so their decimal marks would not line up when
    /// right-aligned: pad each on the right to the longest fraction in the column.
    static func alignedOnDecimalMark(_ cells: [String], mark: Character) -> [String] {
        func fractionWidth(_ cell: String) -> Int {
            guard cell != nullText, let i = cell.firstIndex(of: mark) else { return 0 }
            return cell.distance(from: i, to: cell.endIndex)
        }
        let widest = cells.map(fractionWidth).max() ?? 0
        guard widest > 0 else { return cells }
        return cells.map { $0 == nullText ? $0 : $0 + String(repeating: " ", count: widest - fractionWidth($0)) }
    }

    static func rightAligned(_ type: DataType) -> Bool { type.isNumeric }
}
