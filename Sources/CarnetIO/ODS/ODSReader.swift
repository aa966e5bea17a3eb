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
        // The sheet's number: the names come with the same pass when a name is asked for.
        var wanted = 0
        var names: [String]?
        if let sheet = options.sheet, let k = Int(sheet) {
            wanted = k - 1
        } else if let sheet = options.sheet {
            let all = try ODSContent(package: package, wanted: nil, path: path, monitor: monitor).sheetNames
            guard let found = all.firstIndex(where: { $0.lowercased() == sheet.lowercased() }) else {
                throw LoadError(path: path, message: "there is no sheet \(quoted(sheet))", hint: "sheets are: " + all.joined(separator: ", ") + " (or sheet=N)")
            }
            wanted = found
            names = all
        }
        let content = try ODSContent(package: package, wanted: wanted, path: path, monitor: monitor)
        let sheetNames = names ?? content.sheetNames
        guard !sheetNames.isEmpty else { throw LoadError(path: path, message: "the spreadsheet has no sheet") }
        guard wanted >= 0, wanted < sheetNames.count else {
            throw LoadError(path: path, message: "there is no sheet \(quoted(options.sheet ?? ""))", hint: "sheets are: " + sheetNames.joined(separator: ", ") + " (or sheet=N)")
        }
        let name = sheetNames[wanted]
        guard !content.rows.isEmpty else { throw LoadError(path: path, message: "the sheet \(quoted(name)) is empty") }
        let grid = SheetGrid(rows: content.rows, firstRow: content.firstRow, warnings: content.warnings, droppedRows: content.droppedRows)
        return try grid.load(path: path, options: options, monitor: monitor, format: formatName, sheet: name, index: wanted, sheetNames: sheetNames)
    }
}
