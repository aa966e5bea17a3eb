import CarnetIO

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader never sees half of one: a temporary file beside the target,
/// flushed to disk, then renamed over it. On any failure the old file stays as it was.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        if let folder = POSIXFile.missingFolder(of: path) {
            throw CommandError("cannot write \(path): the folder \(folder) does not exist", hint: "create it first, or write elsewhere")
        }
        POSIXFile.removeAbandonedTemporaries(of: path)
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CommandError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var ok = POSIXFile.writeAll(text, to: fd)
        let error = errno
        if ok, fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandError("cannot write \(path): \(String(cString: strerror(error == 0 ? errno : error)))")
        }
    }
}
