import CarnetEngine

/// One file format Carnet loads: how a file is recognised (by its extension, and by its first
/// bytes when the extension says nothing or is wrong) and how it becomes a table. Adding a
/// format is a folder with one type conforming to this, listed in `TableReaders.all`.
public protocol TableReader {
    /// `CSV`, `XLSX`: in messages and in the load report's provenance.
    static var formatName: String { get }
    /// Lower-case extensions without the dot.
    static var extensions: Set<String> { get }
    /// Whether a file that starts with these bytes (up to `TableReaders.headBytes`) is in
    /// this format.
    static func recognizes(_ head: [UInt8]) -> Bool
    /// Whether files of this format hold several tables (a workbook's sheets), chosen with
    /// `sheet=`.
    static var holdsSheets: Bool { get }
    /// The tables a file holds by name (a workbook's sheets), or nil when it holds one table.
    static func tableNames(path: String) throws -> [String]?
    /// A text format (JSON, XML): a file named so whose bytes do not look like it gets this
    /// reader's explanation, not a CSV reading. Binary formats named wrongly are read as what
    /// their bytes are (a CSV saved as `.xlsx`).
    static var isText: Bool { get }
    static func load(path: String, options: LoadOptions, monitor: LoadMonitor) throws -> (Table, LoadReport)
}

extension TableReader {
    public static func tableNames(path: String) throws -> [String]? { nil }
    public static var isText: Bool { false }
    public static var holdsSheets: Bool { false }
}

/// The formats Carnet reads, and the choice of one for a file.
public enum TableReaders {
    /// Most specific first: a file is read by the first format that recognises its bytes.
    public static let all: [any TableReader.Type] = [ParquetReader.self, ODSReader.self, XLSXReader.self, TOTEMReader.self, JSONReader.self, CSVReader.self]
    static let headBytes = 512

    /// The reader for a file, and a warning when its extension names another format than its
    /// bytes show (a workbook saved as `.csv`): the bytes win.
    public static func reader(for path: String) throws -> (reader: any TableReader.Type, warning: LoadMessage?) {
        let head = try ByteFile(path: path).readPrefix(headBytes)
        let ext = String(path.split(separator: "/").last?.split(separator: ".").dropFirst().last ?? "").lowercased()
        let named = all.first { $0.extensions.contains(ext) }
        if let named, named.recognizes(head) || head.isEmpty { return (named, nil) }
        if let named, named.isText, !all.contains(where: { $0 != CSVReader.self && $0.recognizes(head) }) { return (named, nil) }
        guard let sniffed = all.first(where: { $0.recognizes(head) }) else {
            // Nothing recognises it: the named format (or text) explains what is wrong.
            return (named ?? CSVReader.self, nil)
        }
        guard let named else { return (sniffed, nil) }
        return (sniffed, LoadMessage("the file is named .\(ext) but holds \(sniffed.formatName): read as \(sniffed.formatName)",
                                     fr: "le fichier s'appelle .\(ext) mais contient du \(sniffed.formatName)\u{A0}: lu comme \(sniffed.formatName)"))
    }

    /// Loads a file with the reader its extension and bytes choose.
    public static func load(path: String, options: LoadOptions = LoadOptions(), monitor: LoadMonitor = .none) throws -> (Table, LoadReport) {
        try load(path: path, with: reader(for: path), options: options, monitor: monitor)
    }

    /// Loads a file with a reader already chosen by `reader(for:)`, its mismatch warning first.
    public static func load(path: String, with choice: (reader: any TableReader.Type, warning: LoadMessage?), options: LoadOptions,
                            monitor: LoadMonitor) throws -> (Table, LoadReport) {
        let (reader, warning) = choice
        if options.sheet != nil, !reader.holdsSheets {
            throw LoadError(path: path, message: "sheet= is for workbooks, and this is \(reader.formatName)")
        }
        var (table, report) = try reader.load(path: path, options: options, monitor: monitor)
        if let warning { report.notices.insert(warning, at: 0) }
        return (table, report)
    }
}
