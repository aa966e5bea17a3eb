import CarnetEngine
import Foundation

/// Loads a sheet of an OpenDocument spreadsheet (.ods, LibreOffice's format and the one the
/// RGI asks French administrations to use): the zip's `content.xml` is parsed as it inflates;
/// numbers, dates and booleans come from the cells' stored values, not their display; the
/// cells then go through the same type inference as CSV text (`CellGrid`).
public enum ODSReader: TableReader {
    public static let formatName = "ODS"
    public static let extensions: Set<String> = ["ods"]
    public static let holdsSheets = true
    static let mimeType = Array("application/vnd.oasis.opendocument.spreadsheet".utf8)

    /// A zip whose first entry is the stored `mimetype` of a spreadsheet, as ODF requires.
    public static func recognizes(_ head: [UInt8]) -> Bool {
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]), head.count >= 38 + mimeType.count else { return false }
        return Array(head[30..<38]) == Array("mimetype".utf8) && Array(head[38..<(38 + mimeType.count)]) == mimeType
    }

    public static func tableNames(path: String) throws -> [String]? {
        try ODSContent(package: ZipPackage(path: path, kind: ".ods"), wanted: nil, path: path, monitor: .none).sheetNames
    }

    public static func load(path: String, options: LoadOptions, monitor: LoadMonitor = .none) throws -> (Table, LoadReport) {
        let package = try ZipPackage(path: path, kind: ".ods")
        let wanted: ODSContent.Wanted = options.sheet.map { sheet in Int(sheet).map { .number($0 - 1) } ?? .name(sheet) } ?? .number(0)
        let content = try ODSContent(package: package, wanted: wanted, path: path, monitor: monitor)
        let sheetNames = content.sheetNames
        guard !sheetNames.isEmpty else { throw LoadError(path: path, message: "the spreadsheet has no sheet") }
        guard let index = content.chosen else {
            throw LoadError(path: path, message: "there is no sheet \(quoted(options.sheet ?? ""))", hint: "sheets are: " + sheetNames.joined(separator: ", ") + " (or sheet=N)")
        }
        let name = sheetNames[index]
        guard !content.rows.isEmpty else { throw LoadError(path: path, message: "the sheet \(quoted(name)) is empty") }
        let grid = SheetGrid(rows: content.rows, firstRow: content.firstRow, warnings: content.warnings, droppedRows: content.droppedRows)
        return try grid.load(path: path, options: options, monitor: monitor, format: formatName, sheet: name, index: index, sheetNames: sheetNames)
    }
}
