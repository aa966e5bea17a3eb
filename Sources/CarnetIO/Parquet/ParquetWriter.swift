import CarnetEngine
#if canImport(Glibc)
import Glibc
#endif

/// Writes a table as a Parquet file that DuckDB, polars, pandas and Spark read with every type
/// kept: integers as INT64, decimals as INT64 DECIMAL(18, s), dates, timestamps (microseconds,
/// no time zone), booleans, and text as UTF-8 strings, dictionary-encoded when the column is.
/// Every column is nullable; pages are snappy-compressed. Written beside the target and renamed
/// over it, so a failed export leaves the old file whole.
public enum ParquetWriter: TableFileWriter {
    public static let formatName = "Parquet"
    public static let extensions: Set<String> = ["parquet"]

    public static func write(_ table: Table, sheet: String, to path: String) throws -> Int {
        try write(table, to: path, codec: ParquetCodec.snappy, rowGroupRows: 1 << 20, pageRows: 1 << 16)
    }

    static func write(_ table: Table, to path: String, codec: Int, rowGroupRows: Int, pageRows: Int) throws -> Int {
        guard table.columnCount > 0 else { throw LoadError(path: path, message: "a table without columns cannot be written as Parquet") }
        let output = try ParquetOutput(path: path)
        do {
            try output.append(ParquetReader.magic)
            var groups: [ParquetWrittenGroup] = []
            var start = 0
            while start < table.rowCount {
                let rows = start..<min(table.rowCount, start + rowGroupRows)
                var chunks: [ParquetWrittenChunk] = []
                for (c, column) in table.columns.enumerated() {
                    chunks.append(try ParquetChunkWriter.write(column, name: table.columnNames[c], rows: rows, codec: codec, pageRows: pageRows, to: output))
                }
                groups.append(ParquetWrittenGroup(rowCount: rows.count, chunks: chunks))
                start = rows.upperBound
            }
            let footer = ParquetFooter.encode(table, groups: groups)
            try output.append(footer)
            let length = UInt32(footer.count)
            try output.append([UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)])
            try output.append(ParquetReader.magic)
            return try output.commit()
        } catch {
            output.abandon()
            throw error
        }
    }
}

/// A column chunk as written: where it is and what the footer says of it.
struct ParquetWrittenChunk {
    var physical: ParquetPhysicalType
    var encodings: [Int]
    var codec: Int
    var valueCount: Int
    var nullCount: Int
    var uncompressedSize: Int
    var compressedSize: Int
    var dataPageOffset: Int
    var dictionaryPageOffset: Int?
    var start: Int { dictionaryPageOffset ?? dataPageOffset }
}

struct ParquetWrittenGroup {
    var rowCount: Int
    var chunks: [ParquetWrittenChunk]
}

/// The file being written: a temporary beside the target, buffered, renamed over the target
/// once complete and on disk.
final class ParquetOutput {
    let path: String
    let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var offset = 0

    init(path: String) throws {
        if let folder = POSIXFile.missingFolder(of: path) {
            throw LoadError(path: path, message: "the folder \(folder) does not exist", hint: "create it first, or write elsewhere")
        }
        POSIXFile.removeAbandonedTemporaries(of: path)
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw LoadError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(Self.flushBytes + (1 << 20))
    }

    static let flushBytes = 4 << 20

    func append(_ bytes: [UInt8]) throws {
        buffer += bytes
        offset += bytes.count
        if buffer.count >= Self.flushBytes { try flush() }
    }

    private func flush() throws {
        var written = 0
        try buffer.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LoadError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
                }
                written += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the rest, makes it durable and puts it in place; returns the file's size.
    func commit() throws -> Int {
        try flush()
        guard fsync(descriptor) == 0 else { throw LoadError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
        close(descriptor)
        descriptor = -1
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw LoadError(path: path, message: "cannot write: \(reason)")
        }
        return offset
    }

    func abandon() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporary)
    }
}
