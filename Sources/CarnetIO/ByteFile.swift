#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading in large sequential blocks, with errors phrased for the user.
final class ByteFile {
    let path: String
    let size: Int
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw LoadError(path: path, message: reason, hint: errno == ENOENT ? "check the path; `load` paths are relative to the current folder" : nil)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw LoadError(path: path, message: "is a folder, not a file", hint: "name a CSV file inside it")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw LoadError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let n = Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(path: path, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    func rewind() {
        lseek(descriptor, 0, SEEK_SET)
    }

    /// The first `count` bytes of the file (fewer if it is shorter).
    func readPrefix(_ count: Int) throws -> [UInt8] {
        rewind()
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { try read(into: $0) }
        bytes.removeSubrange(n...)
        rewind()
        return bytes
    }
}
