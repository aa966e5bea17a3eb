/// An open-addressing hash table that gives each distinct UTF-8 byte string a dense code.
///
/// Keys are hashed and compared as raw bytes, so no `String` is created per row (Swift's
/// `String` hashing normalises Unicode, which is far slower than hashing bytes).
public struct ByteStringInterner: Sendable {
    public private(set) var values = StringArena()
    private var hashes: [UInt32] = []
    /// `slots[h & mask]` holds `code + 1`, or 0 when empty.
    private var slots: [UInt32]
    private var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    public var count: Int { values.count }

    /// The code of `key`, adding it when new.
    @inline(__always)
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = ByteStringInterner.hash(key)
        var position = Int(hash) & mask
        while true {
            let slot = slots[position]
            if slot == 0 { break }
            let code = Int(slot - 1)
            if hashes[code] == hash,
               values.withUTF8(at: code, { StringArena.equalBytes($0, key) }) {
                return UInt32(code)
            }
            position = (position + 1) & mask
        }
        let code = UInt32(values.count)
        values.append(key)
        hashes.append(hash)
        slots[position] = code + 1
        if values.count * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for code in 0..<hashes.count {
            var position = Int(hashes[code]) & mask
            while slots[position] != 0 { position = (position + 1) & mask }
            slots[position] = UInt32(code + 1)
        }
    }

    /// FNV-1a over 8-byte words, then a final mix: short keys dominate open data.
    @inline(__always)
    public static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let n = key.count
        if let base = key.baseAddress {
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                h = (h ^ word) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail ^ UInt64(n)) &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }
}
