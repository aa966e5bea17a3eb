#if canImport(Glibc)
import Glibc
#endif

/// The few POSIX file operations every layer needs, written once: listing a folder, writing
/// all of a text to a descriptor, reading a whole file as text.
public enum POSIXFile {
    /// The names in `folder` (not `.` and `..`), unsorted; nil when it cannot be opened.
    public static func names(in folder: String) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            // The name is read in place: a dirent is only as long as its name, so copying the
            // whole 256-byte d_name field reads past it (FuzzCommand found this under ASan).
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self))
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes every byte of `text` to `descriptor`, again after a signal interrupts a write;
    /// false (with `errno` set) when a write fails.
    @discardableResult
    public static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var copy = text
        return copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// A whole file as text (invalid UTF-8 replaced); nil when it cannot be opened.
    public static func readText(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folder a file would be written in, when it is named and does not exist (or is not a
    /// folder): writers refuse before making anything.
    public static func missingFolder(of path: String) -> String? {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        var info = stat()
        guard !folder.isEmpty, stat(folder, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        return folder
    }

    /// Removes the temporary files of earlier writes to `path` whose process died before
    /// renaming them (killed): `NAME.tmp-PID` and `NAME.tmp-PID.PART` (a workbook's spooled
    /// sheet) with no process PID any more.
    public static func removeAbandonedTemporaries(of path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let folder = parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
        let prefix = String(parts.last ?? "") + ".tmp-"
        for name in names(in: folder.isEmpty ? "/" : folder) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count == rest.count || rest.dropFirst(digits.count).first == ".",
                  let pid = Int32(digits), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink((folder.isEmpty ? "" : folder) + "/" + name) }
        }
    }
}
