import CarnetEngine

/// Choices the user makes instead of the sniffer (`load … with delimiter=';' decimal=','`),
/// for every format (a format ignores what does not apply to it).
public struct LoadOptions: Sendable, Equatable {
    /// The sheet of a workbook, by name or by number from 1 (default: the first).
    public var sheet: String?
    /// Lines (rows of a sheet) above the header to leave out: `skip=N`, or `header_row=N` as
    /// N − 1. nil: title lines are found and left out; 0: nothing is left out.
    public var skip: Int?
    /// The coordinate system of the file's coordinates: 2154 (Lambert-93) for readers that
    /// convert geometries themselves (GeoJSON); nil: WGS84.
    public var crs: Int?
    public var delimiter: UInt8?
    public var decimalMark: UInt8?
    public var encoding: TextEncoding?
    public var hasHeader: Bool?
    /// Column types by column name (case-insensitive).
    public var types: [String: DataType] = [:]
    /// Columns that hold geometries whatever a sample shows (a GeoJSON file's `geometry`): an
    /// odd one becomes NULL with a warning instead of turning the column into text.
    public var geometryColumns: Set<String> = []
    /// Types for the columns that exist (from a schema): unlike `types`, a name the file does
    /// not have is not an error.
    public var optionalTypes: [String: DataType] = [:]

    public init(sheet: String? = nil) {
        self.sheet = sheet
    }
}

/// Lets a long load report progress and be interrupted.
public struct LoadMonitor: Sendable {
    public var progress: @Sendable (_ bytesRead: Int, _ totalBytes: Int) -> Void
    public var isCancelled: @Sendable () -> Bool

    public init(
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.progress = progress
        self.isCancelled = isCancelled
    }

    public static let none = LoadMonitor()
}
