#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many strings stored back to back as UTF-8 in one byte buffer, located by an offsets buffer.
///
/// This is the layout of a text column's values (or of its dictionary): no per-string
/// allocation, and comparisons run on raw bytes.
public struct StringArena: Sendable, Equatable {
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of string `i`.
    public private(set) var offsets: [Int] = [0]

    public init() {}

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserveCapacity(strings: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(strings + 1)
        bytes.reserveCapacity(byteCount)
    }

    @inline(__always)
    public mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
    }

    public mutating func append(_ string: String) {
        var copy = string
        copy.withUTF8 { append($0) }
    }

    /// Appends string `index` of another arena.
    public mutating func append(from other: StringArena, at index: Int) {
        other.withUTF8(at: index) { append($0) }
    }

    /// Appends every string of another arena, its bytes and offsets copied as blocks.
    public mutating func append(contentsOf other: StringArena) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.reserveCapacity(offsets.count + other.count)
        for k in 1..<other.offsets.count { offsets.append(base + other.offsets[k]) }
    }

    /// Whether both arenas are one buffer shared (a dictionary copied along with its codes):
    /// a cheaper test than comparing their bytes, and false says nothing.
    public func sharesStorage(with other: StringArena) -> Bool {
        guard count == other.count, bytes.count == other.bytes.count else { return false }
        let a = bytes.withUnsafeBufferPointer { $0.baseAddress }, b = other.bytes.withUnsafeBufferPointer { $0.baseAddress }
        let x = offsets.withUnsafeBufferPointer { $0.baseAddress }, y = other.offsets.withUnsafeBufferPointer { $0.baseAddress }
        return a == b && x == y
    }

    @inline(__always)
    public func byteCount(at index: Int) -> Int {
        offsets[index + 1] - offsets[index]
    }

    @inline(__always)
    public func withUTF8<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = offsets[index]
        let end = offsets[index + 1]
        return try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }

    public func string(at index: Int) -> String {
        withUTF8(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Byte-wise comparison of two entries (UTF-8 order is code point order).
    public func compare(_ a: Int, _ b: Int) -> Int {
        withUTF8(at: a) { x in withUTF8(at: b) { y in StringArena.compareBytes(x, y) } }
    }

    @inline(__always)
    public static func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(x.count, y.count)
        if n > 0, let a = x.baseAddress, let b = y.baseAddress {
            let c = memcmp(a, b, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    /// Byte equality, the interner's hot comparison.
    @inline(__always)
    public static func equalBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = x.count
        guard n == y.count else { return false }
        guard n > 0, let a = x.baseAddress, let b = y.baseAddress else { return true }
        // Short keys (codes, ids, names) in two overlapping 8-byte words: no call to memcmp.
        if n >= 8, n <= 16 {
            let p = UnsafeRawPointer(a), q = UnsafeRawPointer(b)
            return p.loadUnaligned(as: UInt64.self) == q.loadUnaligned(as: UInt64.self)
                && p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == q.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n < 8 {
            for i in 0..<n where a[i] != b[i] { return false }
            return true
        }
        return memcmp(a, b, n) == 0
    }
}
