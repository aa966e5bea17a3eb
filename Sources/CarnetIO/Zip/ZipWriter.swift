import Foundation
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes an office file's zip container all at once and atomically: the archive is built in a
/// temporary file beside the target, then renamed over it, so a failed export leaves the old
/// file as it was. Entries carry a fixed date so that the same table gives the same bytes.
enum ZipWriter {
    /// An entry: its path in the archive, its bytes, and whether it is stored uncompressed
    /// (ODF's `mimetype` must be).
    struct Entry {
        var path: String
        var bytes: [UInt8]
        var stored = false
        /// A spooled file to read the entry from instead of `bytes` (a large sheet's XML).
        var file: SpoolFile?

        init(path: String, bytes: [UInt8], stored: Bool = false) {
            self.path = path
            self.bytes = bytes
            self.stored = stored
        }

        init(path: String, file: SpoolFile) {
            self.path = path
            self.bytes = []
            self.file = file
        }
    }

    static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01

    static func write(_ entries: [Entry], to path: String) throws {
        if let folder = POSIXFile.missingFolder(of: path) {
            throw LoadError(path: path, message: "the folder \(folder) does not exist", hint: "create it first, or write elsewhere")
        }
        POSIXFile.removeAbandonedTemporaries(of: path)
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .create)
            for entry in entries {
                if let spool = entry.file {
                    guard let handle = FileHandle(forReadingAtPath: spool.path) else { throw LoadError(path: spool.path, message: "cannot read the spooled part") }
                    defer { try? handle.close() }
                    try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(spool.size), modificationDate: fixedDate,
                                         compressionMethod: .deflate) { position, size in
                        try handle.seek(toOffset: UInt64(position))
                        return handle.readData(ofLength: size)
                    }
                    continue
                }
                let data = Data(entry.bytes)
                try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                     compressionMethod: entry.stored ? .none : .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
        } catch {
            unlink(temporary)
            throw LoadError(path: path, message: "cannot write the archive: \(error)")
        }
        // On disk before it replaces the old file, as AtomicFile does for text.
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw LoadError(path: path, message: "cannot write: \(reason)")
        }
    }
}
