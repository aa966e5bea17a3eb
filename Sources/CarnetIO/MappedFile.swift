#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, for formats that jump around in it (a Parquet
/// footer points at column chunks anywhere in the file). Pages are read by the kernel on first
/// touch and can be dropped under memory pressure, so a large file costs no copy.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws {
        let file = try ByteFile(path: path)  // its checks and messages: no such file, a folder…
        self.path = path
        let size = file.size
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LoadError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw LoadError(path: path, message: "cannot map the file into memory: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
