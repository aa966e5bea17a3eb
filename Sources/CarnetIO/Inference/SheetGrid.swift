import CarnetEngine
import Foundation

/// A sheet's cells as a workbook reader found them (XLSX, ODS), and what reading them into a
/// table shares across workbook formats: title rows or `skip=`, type inference over the cells,
/// and the report that names the format and the sheet.
struct SheetGrid {
    /// Rows of cell texts (nil: empty), from the sheet's first non-empty row.
    var rows: [[String?]]
    /// The sheet row (from 1) of `rows[0]`.
    var firstRow: Int
    var warnings: [LoadMessage]
    /// Empty rows at the end of the sheet that were left out.
    var droppedRows: Int

    func load(path: String, options: LoadOptions, monitor: LoadMonitor, format: String, sheet: String,
              index: Int, sheetNames: [String]) throws -> (Table, LoadReport) {
        // Workbooks store numbers with a decimal point whatever the locale.
        var sheetOptions = options
        sheetOptions.decimalMark = UInt8(ascii: ".")
        // Rows above the header: as many as `skip=` says (counted from the sheet's row 1), or
        // the title rows found.
        var rows = self.rows
        var dropped = 0
        var titleWarning: LoadMessage?
        if let skip = options.skip {
            dropped = max(0, skip + 1 - firstRow)
            guard dropped < rows.count else {
                throw LoadError(path: path, message: "skip=\(skip) leaves nothing to read: the sheet's last row is \(firstRow + rows.count - 1)")
            }
        } else {
            var probe = CellGrid(rows: rows)
            dropped = TypeInference.titleRecords(&probe)
            if dropped > 0 {
                let first = rows[0].compactMap { $0 }.first ?? ""
                titleWarning = TypeInference.titleWarning(firstRow - 1 + dropped, first: first, unit: "row")
            }
        }
        rows.removeFirst(dropped)
        let headerRow = firstRow + dropped
        var cells = CellGrid(rows: rows)
        let loaded = try cells.table(options: sheetOptions, path: path, monitor: monitor)
        var report = loaded.report(
            path: path, byteCount: (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0, reader: format,
            format: LoadMessage("\(format) sheet \(quoted(sheet))" + (sheetNames.count > 1 ? " (\(index + 1) of \(sheetNames.count): " + sheetNames.joined(separator: ", ") + ")" : ""),
                                fr: "feuille \(format) \(quoted(sheet))" + (sheetNames.count > 1 ? " (\(index + 1) sur \(sheetNames.count)\u{A0}: " + sheetNames.joined(separator: ", ") + ")" : "")))
        if dropped > 0 { report.skipped = headerRow - 1 }
        report.sheet = sheet
        var warnings = self.warnings + (titleWarning.map { [$0] } ?? [])
        if droppedRows > 0 {
            warnings.append(LoadMessage("\(droppedRows) empty row(s) at the end of the sheet were left out",
                                        fr: "\(droppedRows) ligne(s) vide(s) en fin de feuille laissée(s) de côté"))
        }
        report.notices = warnings + report.notices
        if headerRow > 1 {
            report.notices.append(LoadMessage("the table starts at row \(headerRow) of the sheet; line numbers above count from there",
                                              fr: "le tableau commence à la ligne \(headerRow) de la feuille\u{A0}; les numéros de ligne ci-dessus comptent à partir de là"))
        }
        return (loaded.table, report)
    }
}
