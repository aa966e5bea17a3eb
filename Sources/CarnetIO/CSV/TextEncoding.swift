import CarnetEngine

/// The character encodings Carnet reads. Everything is turned into UTF-8 before parsing.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    /// Windows-1252, a superset of Latin-1's printable range: what French Excel writes.
    case windows1252 = "Windows-1252"
    case latin1 = "ISO-8859-1"

    /// Reads `encoding=` values: `utf8`, `utf-8`, `latin1`, `iso-8859-1`, `cp1252`, `windows-1252`.
    public init?(userName: String) {
        switch userName.lowercased().replacingAll("_", with: "-") {
        case "utf8", "utf-8": self = .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1": self = .latin1
        case "cp1252", "windows-1252", "win1252", "ansi": self = .windows1252
        default: return nil
        }
    }

    var isUTF8: Bool { self == .utf8 || self == .utf8BOM }
}

/// Checks UTF-8 and converts single-byte encodings to UTF-8.
enum EncodingConverter {
    /// Offset of the first byte that is not part of valid UTF-8, or nil. A sequence cut by the
    /// end of the buffer counts as valid when `allowTruncatedTail` is set (a chunk boundary).
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedTail: Bool) -> Int? {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        while i < n {
            // Eight ASCII bytes at a time: the common case in open data.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            if b & 0xE0 == 0xC0 { length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F) }
            else if b & 0xF0 == 0xE0 { length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F) }
            else if b & 0xF8 == 0xF0 { length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07) }
            else { return i }
            if i + length > n {
                if allowTruncatedTail {
                    for k in (i + 1)..<n where bytes[k] & 0xC0 != 0x80 { return i }
                    return nil
                }
                return i
            }
            for k in 1..<length {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    /// Replaces each invalid byte after `from` by U+FFFD; returns the offsets (after
    /// replacement) of the replacements. A sequence cut by the end is kept when allowed.
    static func replaceInvalidUTF8(_ text: inout [UInt8], from: Int, allowTruncatedTail: Bool) -> [Int] {
        var offsets: [Int] = []
        var start = from
        while true {
            let bad = text.withUnsafeBufferPointer {
                firstInvalidUTF8(UnsafeBufferPointer(rebasing: $0[start...]), allowTruncatedTail: allowTruncatedTail)
            }
            guard let bad else { return offsets }
            let at = start + bad
            text.replaceSubrange(at..<(at + 1), with: [0xEF, 0xBF, 0xBD])
            offsets.append(at)
            start = at + 3
        }
    }

    /// Counts valid multi-byte sequences and invalid bytes: a file with many of the first and
    /// few of the second is UTF-8 with damage, not another encoding.
    static func utf8Evidence(_ bytes: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var start = 0
        while start < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            let bad = firstInvalidUTF8(rest, allowTruncatedTail: true) ?? rest.count
            for k in 0..<bad where rest[k] >= 0xC0 { valid += 1 }
            if bad == rest.count { break }
            invalid += 1
            start += bad + 1
        }
        return (valid, invalid)
    }

    /// Appends the UTF-8 form of single-byte text to `output`.
    static func appendUTF8(from bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding, to output: inout [UInt8]) {
        let table = encoding == .windows1252 ? windows1252High : latin1High
        output.reserveCapacity(output.count + bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                output.append(b)
            } else {
                let scalar = table[Int(b - 0x80)]
                if scalar < 0x800 {
                    output.append(UInt8(0xC0 | (scalar >> 6)))
                    output.append(UInt8(0x80 | (scalar & 0x3F)))
                } else {
                    output.append(UInt8(0xE0 | (scalar >> 12)))
                    output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                    output.append(UInt8(0x80 | (scalar & 0x3F)))
                }
            }
        }
    }

    private static let latin1High: [UInt32] = (0x80...0xFF).map { UInt32($0) }

    /// Windows-1252 code points for bytes 0x80–0xFF (undefined bytes map to their C1 control).
    private static let windows1252High: [UInt32] = {
        var table = (0x80...0xFF).map { UInt32($0) }
        let special: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        for (i, s) in special.enumerated() { table[i] = s }
        return table
    }()
}
