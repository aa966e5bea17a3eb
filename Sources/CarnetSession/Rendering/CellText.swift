import CarnetEngine

/// The display text of every cell of a table, computed column by column with one formatter.
struct CellText {
    static let nullText = "NULL"

    /// Years and integer codes are written without thousands separators (`2018`, not `2 018`).
    static func columns(of table: Table, formatter: ValueFormatter) -> [[String]] {
        var plain = formatter
        plain.grouping = false
        return zip(table.columnNames, table.columns).map { name, column in
            let f = ColumnNaming.isPlainNumber(name, column) ? plain : formatter
            let cells = (0..<column.count).map { row in
                column.isNull(row) ? nullText : DisplayWidth.sanitized(f.format(column.value(at: row)))
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

    /// Text that is a number written for people (`36 600 000,00`, `12,5 %`): statistics tables
    /// such as `describe` hold these, and they are never cut.
    static func looksNumeric(_ cell: String) -> Bool {
        var digits = 0
        for ch in cell.unicodeScalars {
            if ch.properties.numericType != nil, ch.isASCII { digits += 1; continue }
            guard " ,.-+%€e\u{A0}\u{202F}".unicodeScalars.contains(ch) else { return false }
        }
        return digits > 0 || cell.isEmpty
    }
}
