import CarnetEngine
import Foundation

/// Loads a sheet of an .xlsx workbook: the archive is read with ZIPFoundation and its XML with
/// a real XML parser; cached formula values are used; numbers in date formats become dates
/// (1900 and 1904 systems); empty styled rows and columns at the end are dropped; merged cells
/// are reported. The cells then go through the same type inference as CSV text (`CellGrid`).
public enum XLSXReader: TableReader {
    public static let formatName = "XLSX"
    public static let extensions: Set<String> = ["xlsx", "xlsm"]
    public static let holdsSheets = true

    /// A zip archive that is not an OpenDocument file (an encrypted or old binary workbook is
    /// refused with a reason by `load`).
    public static func recognizes(_ head: [UInt8]) -> Bool {
        head.starts(with: [0x50, 0x4B, 0x03, 0x04]) && !ODSReader.recognizes(head)
    }

    /// The sheets of a workbook, in order.
    public static func tableNames(path: String) throws -> [String]? {
        try check(path)
        return try XLSXWorkbook(ZipPackage(path: path)).sheets.map(\.name)
    }

    public static func load(path: String, options: LoadOptions, monitor: LoadMonitor = .none) throws -> (Table, LoadReport) {
        let sheet = options.sheet
        try check(path)
        let archive = try ZipPackage(path: path)
        let workbook = try XLSXWorkbook(archive)
        guard !workbook.sheets.isEmpty else { throw LoadError(path: path, message: "the workbook has no sheet") }
        let index: Int
        if let sheet {
            if let k = Int(sheet), k >= 1, k <= workbook.sheets.count {
                index = k - 1
            } else if let found = workbook.sheets.firstIndex(where: { $0.name.lowercased() == sheet.lowercased() }) {
                index = found
            } else {
                throw LoadError(path: path, message: "there is no sheet \(quoted(sheet))",
                                hint: "sheets are: " + workbook.sheets.map(\.name).joined(separator: ", ") + " (or sheet=N)")
            }
        } else {
            index = 0
        }
        let chosen = workbook.sheets[index]
        let grid = try XLSXSheet(archive: archive, entry: chosen.path, workbook: workbook, path: path, monitor: monitor)
        guard grid.found else { throw LoadError(path: path, message: "the sheet \(quoted(chosen.name)) is missing from the archive") }
        guard !grid.rows.isEmpty else { throw LoadError(path: path, message: "the sheet \(quoted(chosen.name)) is empty") }

        let cells = SheetGrid(rows: grid.rows, firstRow: grid.firstRow, warnings: grid.warnings, droppedRows: grid.droppedRows)
        return try cells.load(path: path, options: options, monitor: monitor, format: formatName, sheet: chosen.name,
                              index: index, sheetNames: workbook.sheets.map(\.name))
    }

    private static func check(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw LoadError(path: path, message: "no such file") }
        if isDirectory.boolValue { throw LoadError(path: path, message: "is a folder, not a file") }
    }
}

/// The cells of one sheet as a grid of texts (nil: empty), rows numbered from the sheet's first
/// non-empty row.
struct XLSXSheet {
    var rows: [[String?]] = []
    var warnings: [LoadMessage] = []
    var droppedRows = 0
    var firstRow = 1

    /// Whether the archive holds the sheet's part.
    var found = true

    /// Reads the sheet's XML as it inflates, keeping only the cells.
    init(archive: ZipPackage, entry: String, workbook: XLSXWorkbook, path: String, monitor: LoadMonitor) throws {
        // Cells by row, gathered row by row: one dictionary access per row, not per cell.
        var cells: [Int: [(column: Int, text: String)]] = [:]
        var pending: [(column: Int, text: String)] = []
        var pendingRow = 0
        func flush() {
            guard !pending.isEmpty else { return }
            cells[pendingRow, default: []].append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
        }
        var merged: [String] = []
        var row = 0, column = 0, type = "", style = 0
        var inlineText = ""
        var value: String?
        var styledEmptyRows = Set<Int>()
        var parser = XMLEventParser()
        do {
            parser.onStart = { name, a in
                switch name {
                case "row": row = min(XLSXSheet.maxRow, max(1, a["r"].flatMap(Int.init) ?? row + 1)); column = 0
                case "c":
                    if let ref = a["r"], let (c, r) = XLSXSheet.reference(ref) { column = c; row = r } else { column = min(XLSXSheet.maxColumn, column + 1) }
                    type = a["t"] ?? "n"
                    style = a["s"].flatMap(Int.init) ?? 0
                    value = nil
                    inlineText = ""
                case "mergeCell": if let ref = a["ref"] { merged.append(ref) }
                default: break
                }
            }
            parser.onEnd = { name, text in
                switch name {
                case "v": value = text
                case "t" where type == "inlineStr": inlineText += text
                case "c":
                    let cell = XLSXSheet.text(type: type, value: value, inline: inlineText, style: style, workbook: workbook)
                    if let cell, !cell.isEmpty {
                        if row != pendingRow { flush(); pendingRow = row }
                        pending.append((column, cell))
                    } else {
                        styledEmptyRows.insert(row)
                    }
                default: break
                }
            }
            var inflated = 0
            let total = max(1, archive.inflatedSize(entry) ?? 1)
            found = try archive.stream(entry) { chunk in
                if monitor.isCancelled() { throw LoadInterrupted() }
                try parser.feed(chunk)
                inflated += chunk.count
                monitor.progress(min(inflated, total), total)
            }
            guard found else { return }
            try parser.finish()
            flush()
        } catch let damage as XMLDamage {
            throw LoadError(path: path, message: "the sheet's XML is damaged: \(damage)")
        }
        guard let last = cells.keys.max(), let first = cells.keys.min() else { return }
        let width = cells.values.compactMap { $0.map(\.column).max() }.max() ?? 0
        guard (last - first + 1) * max(1, width) <= 50_000_000 else {
            throw LoadError(path: path, message: "the sheet spans \(last - first + 1) rows × \(width) columns: too large or too sparse to read as one table")
        }
        firstRow = first
        rows = (first...last).map { r in
            var row = [String?](repeating: nil, count: max(1, width))
            for cell in cells[r] ?? [] { row[cell.column - 1] = cell.text }
            return row
        }
        droppedRows = styledEmptyRows.filter { $0 > last }.count
        if !merged.isEmpty {
            let list = merged.prefix(5).joined(separator: ", ") + (merged.count > 5 ? ", …" : "")
            warnings.append(LoadMessage("\(merged.count) merged cell range(s) (values are in their first cell only): " + list,
                                        fr: "\(merged.count) plage(s) de cellules fusionnées (les valeurs sont dans leur première cellule seulement)\u{A0}: " + list))
        }
    }

    /// `C12` → (3, 12).
    /// Excel's limits: columns A…XFD (16,384), rows 1…1,048,576.
    static let maxColumn = 16_384
    static let maxRow = 1_048_576

    static func reference(_ ref: String) -> (Int, Int)? {
        var column = 0
        var digits = ""
        for ch in ref {
            if let a = ch.asciiValue, a >= 65, a <= 90 {
                guard digits.isEmpty, column <= maxColumn else { return nil }
                column = column * 26 + Int(a - 64)
            } else if ch.isASCII, ch.isNumber, digits.count < 8 {
                digits.append(ch)
            } else {
                return nil
            }
        }
        guard (1...maxColumn).contains(column), let r = Int(digits), (1...maxRow).contains(r) else { return nil }
        return (column, r)
    }

    static func text(type: String, value: String?, inline: String, style: Int, workbook: XLSXWorkbook) -> String? {
        switch type {
        case "s": return value.flatMap(Int.init).flatMap { $0 < workbook.sharedStrings.count ? workbook.sharedStrings[$0] : nil }
        case "inlineStr": return inline
        case "str", "e", "d": return value
        case "b": return value == "1" ? "true" : (value == "0" ? "false" : value)
        default:
            guard let value else { return nil }
            if style < workbook.dateStyles.count, workbook.dateStyles[style], let serial = Double(value) {
                return dateText(serial: serial, uses1904: workbook.uses1904)
            }
            return value
        }
    }

    /// An Excel serial number as ISO text (1900 system counts the fictitious 29/02/1900).
    static func dateText(serial: Double, uses1904: Bool) -> String {
        let whole = serial.rounded(.down)
        let days = Int32(uses1904 ? whole + 1462 - 25569 : (whole < 61 ? whole + 1 : whole) - 25569)
        let fraction = serial - whole
        if fraction < 1e-9 { return CivilCalendar.isoString(days: days) }
        let micros = Int64(days) * CivilCalendar.microsecondsPerDay + Int64((fraction * 86_400).rounded()) * 1_000_000
        return CivilCalendar.isoString(microseconds: micros)
    }
}
