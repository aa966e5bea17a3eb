import Crypto
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// The SHA-256 of the files a notebook loads: on replay, a changed file is reported as changed
/// rather than as a puzzling difference in the results.
enum FileFingerprint {
    /// Lower-case hexadecimal digest of a file's bytes, read in blocks; nil if it cannot be read.
    static func sha256(_ path: String) -> String? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var hasher = Crypto.SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = fread(&buffer, 1, buffer.count, handle)
            if n <= 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hex(hasher.finalize())
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        hex(Crypto.SHA256.hash(data: bytes))
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in digest { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return out
    }
}

/// A file's SHA-256 computed on a background thread while the caller does other work.
final class FingerprintTask: @unchecked Sendable {
    private let group = DispatchGroup()
    private var digest: String?

    init(path: String) {
        group.enter()
        DispatchQueue.global(qos: .utility).async {
            self.digest = FileFingerprint.sha256(path)
            self.group.leave()
        }
    }

    /// Waits for the digest.
    func result() -> String? {
        group.wait()
        return digest
    }
}
