#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text written in pieces to a temporary file beside an export, so that the XML of a sheet of
/// a million rows is never held whole in memory; the zip writer then reads it back in chunks.
/// The file is removed by `remove()`, or by the next write's sweep of abandoned temporaries
/// (`POSIXFile.removeAbandonedTemporaries`) if the process was killed.
final class SpoolFile {
    let path: String
    private var descriptor: Int32
    private var buffer = ""
    private(set) var size = 0

    init(beside target: String, part: String) throws {
        POSIXFile.removeAbandonedTemporaries(of: target)
        path = target + ".tmp-\(getpid()).\(part)"
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw LoadError(path: target, message: "cannot write: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(Self.flushBytes + 4096)
    }

    static let flushBytes = 4 << 20

    func append(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= Self.flushBytes { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        size += buffer.utf8.count
        guard POSIXFile.writeAll(buffer, to: descriptor) else {
            throw LoadError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; returns its size in bytes.
    func finish() throws -> Int {
        try flush()
        close(descriptor)
        descriptor = -1
        return size
    }

    func remove() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(path)
    }
}
