/// Reads an unsigned LEB128 varint (Thrift headers, run headers, delta blocks) at `position`,
/// which ends after it; `early` is the error when the bytes end first.
func readVarint(_ bytes: UnsafeRawBufferPointer, _ position: inout Int, early: String) throws -> UInt64 {
    var result: UInt64 = 0, shift: UInt64 = 0
    while true {
        guard position < bytes.count else { throw ParquetDamage(early) }
        let b = bytes[position]
        position += 1
        guard shift < 64 else { throw ParquetDamage("a number in the file is longer than 64 bits (damaged file?)") }
        result |= UInt64(b & 0x7F) << shift
        if b & 0x80 == 0 { return result }
        shift += 7
    }
}

/// Appends `value` as an unsigned LEB128 varint.
func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
        bytes.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    bytes.append(UInt8(v))
}

/// Parquet's RLE / bit-packed hybrid: the encoding of definition levels, dictionary indices
/// and RLE booleans. Runs are either one value repeated (`header >> 1` times) or groups of
/// eight values packed `bitWidth` bits each, least significant bit first.
struct RLEHybridDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var position: Int
    private let bitWidth: Int
    private let mask: UInt64
    private var repeatLeft = 0
    private var repeatValue: UInt32 = 0
    private var packedLeft = 0
    private var bits: UInt64 = 0
    private var bitCount = 0

    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) throws {
        guard (0...32).contains(bitWidth) else { throw ParquetDamage("a bit width of \(bitWidth) is not valid") }
        self.bytes = bytes
        self.position = 0
        self.bitWidth = bitWidth
        self.mask = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
    }

    private mutating func startRun() throws {
        let header = try readVarint(bytes, &position, early: "levels or indices end early")
        if header & 1 == 0 {
            let n = header >> 1
            guard n <= UInt64(Int32.max) else { throw ParquetDamage("a run is too long") }
            repeatLeft = Int(n)
            var value: UInt32 = 0
            let width = (bitWidth + 7) / 8
            guard position + width <= bytes.count else { throw ParquetDamage("levels or indices end early") }
            for k in 0..<width { value |= UInt32(bytes[position + k]) << (8 * UInt32(k)) }
            position += width
            repeatValue = value
        } else {
            let groups = header >> 1
            guard groups <= UInt64(Int32.max / 8) else { throw ParquetDamage("a run is too long") }
            packedLeft = Int(groups) * 8
            bits = 0
            bitCount = 0
        }
    }

    /// Decodes the next `count` values.
    mutating func decode(_ count: Int, into out: UnsafeMutablePointer<UInt32>) throws {
        var done = 0
        while done < count {
            if repeatLeft == 0 && packedLeft == 0 { try startRun() }
            if repeatLeft > 0 {
                let n = min(repeatLeft, count - done)
                (out + done).update(repeating: repeatValue, count: n)
                repeatLeft -= n
                done += n
                continue
            }
            let n = min(packedLeft, count - done)
            if bitWidth == 0 {
                (out + done).update(repeating: 0, count: n)
            } else {
                for k in 0..<n {
                    while bitCount < bitWidth {
                        guard position < bytes.count else { throw ParquetDamage("levels or indices end early") }
                        bits |= UInt64(bytes[position]) << UInt64(bitCount)
                        position += 1
                        bitCount += 8
                    }
                    out[done + k] = UInt32(truncatingIfNeeded: bits & mask)
                    bits >>= UInt64(bitWidth)
                    bitCount -= bitWidth
                }
            }
            packedLeft -= n
            done += n
            if packedLeft == 0 { bits = 0; bitCount = 0 }
        }
    }
}

/// DELTA_BINARY_PACKED integers: a first value, then blocks of deltas from a minimum, packed
/// in miniblocks of one bit width each.
enum DeltaBinaryPacked {
    /// Decodes one encoded run starting at `position`, which ends just after it; `limit` is
    /// the most values the page can hold (a constant delta packs in zero bits, so the bytes
    /// left say nothing).
    static func decode(_ bytes: UnsafeRawBufferPointer, position: inout Int, limit: Int) throws -> [Int64] {
        func varint() throws -> UInt64 { try readVarint(bytes, &position, early: "delta-encoded values end early") }
        func zigzag() throws -> Int64 {
            let v = try varint()
            return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        }
        let blockSize = try varint(), miniblocks = try varint(), total = try varint()
        var value = try zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0 else {
            throw ParquetDamage("a delta-encoded block header is not valid")
        }
        guard total <= UInt64(limit) else { throw ParquetDamage("a delta-encoded page claims more values than it holds") }
        let perMiniblock = Int(blockSize / miniblocks)
        var out: [Int64] = []
        out.reserveCapacity(Int(total))
        if total == 0 { return out }
        out.append(value)
        while out.count < Int(total) {
            let minDelta = try zigzag()
            guard position + Int(miniblocks) <= bytes.count else { throw ParquetDamage("delta-encoded values end early") }
            let widthsAt = position
            position += Int(miniblocks)
            for m in 0..<Int(miniblocks) where out.count < Int(total) {
                let width = Int(bytes[widthsAt + m])
                guard width <= 64 else { throw ParquetDamage("a delta bit width of \(width) is not valid") }
                let byteCount = perMiniblock * width / 8
                guard position + byteCount <= bytes.count else { throw ParquetDamage("delta-encoded values end early") }
                var bits: UInt64 = 0, bitCount = 0, at = position
                let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
                for _ in 0..<min(perMiniblock, Int(total) - out.count) {
                    var packed: UInt64
                    if width == 0 {
                        packed = 0
                    } else if bitCount >= width {
                        packed = bits & mask
                        bits = width == 64 ? 0 : bits >> UInt64(width)
                        bitCount -= width
                    } else {
                        // Take what is buffered, then whole bytes for the rest of the value.
                        packed = bits
                        var have = bitCount
                        bits = 0
                        bitCount = 0
                        while have < width {
                            let b = UInt64(bytes[at])
                            at += 1
                            packed |= b << UInt64(have)
                            let used = min(8, width - have)
                            if used < 8 {
                                bits = b >> UInt64(used)
                                bitCount = 8 - used
                            }
                            have += 8
                        }
                        packed &= mask
                    }
                    value = value &+ minDelta &+ Int64(bitPattern: packed)
                    out.append(value)
                }
                position += byteCount
            }
        }
        return out
    }
}
