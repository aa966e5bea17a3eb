import CarnetEngine

/// A page's values as stored, before they mean anything: one case per physical type (INT96
/// already turned into microseconds, fixed-length byte arrays as an arena of equal entries).
enum ParquetRawValues {
    case bools([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case bytes(StringArena)

    var count: Int {
        switch self {
        case .bools(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        }
    }
}

/// A page's (or dictionary's) values in the representation of the Carnet column they go to.
enum ParquetValues {
    case bools([Bool])
    case int32([Int32])
    case int64([Int64])
    case doubles([Double])
    case texts(StringArena)
    /// Indices into the chunk's dictionary page.
    case indexed([UInt32])

    var count: Int {
        switch self {
        case .bools(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .doubles(let v): return v.count
        case .texts(let v): return v.count
        case .indexed(let v): return v.count
        }
    }
}

/// Decodes the values section of a page in each of Parquet's encodings.
enum ParquetValueDecoder {
    /// `count` non-null values of `physical` type encoded with `encoding`.
    static func decode(_ encoding: Int, physical: ParquetPhysicalType, typeLength: Int, _ data: UnsafeRawBufferPointer,
                       count: Int) throws -> ParquetRawValues {
        switch encoding {
        case ParquetEncoding.plain:
            return try plain(physical, typeLength: typeLength, data, count: count)
        case ParquetEncoding.rle where physical == .boolean:
            guard data.count >= 4 else { throw ParquetDamage("RLE booleans end early") }
            let length = Int(littleEndian32(data, at: 0))
            guard length <= data.count - 4 else { throw ParquetDamage("RLE booleans end early") }
            var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: data[4..<(4 + length)]), bitWidth: 1)
            var codes = [UInt32](repeating: 0, count: count)
            try codes.withUnsafeMutableBufferPointer { try decoder.decode(count, into: $0.baseAddress!) }
            return .bools(codes.map { $0 != 0 })
        case ParquetEncoding.deltaBinaryPacked where physical == .int32 || physical == .int64:
            var position = 0
            let values = try DeltaBinaryPacked.decode(data, position: &position, limit: count)
            guard values.count == count else { throw ParquetDamage("a delta-encoded page holds \(values.count) values, its levels say \(count)") }
            return physical == .int32 ? .int32(values.map { Int32(truncatingIfNeeded: $0) }) : .int64(values)
        case ParquetEncoding.deltaLengthByteArray where physical == .byteArray:
            var position = 0
            let lengths = try DeltaBinaryPacked.decode(data, position: &position, limit: count)
            return .bytes(try concatenated(data, from: position, lengths: lengths, count: count))
        case ParquetEncoding.deltaByteArray where physical == .byteArray || physical == .fixedLenByteArray:
            var position = 0
            let prefixes = try DeltaBinaryPacked.decode(data, position: &position, limit: count)
            let suffixLengths = try DeltaBinaryPacked.decode(data, position: &position, limit: count)
            let suffixes = try concatenated(data, from: position, lengths: suffixLengths, count: count)
            guard prefixes.count == count else { throw ParquetDamage("a DELTA_BYTE_ARRAY page holds \(prefixes.count) prefixes for \(count) values") }
            var arena = StringArena()
            arena.reserveCapacity(strings: count, bytes: suffixes.bytes.count * 2)
            // The previous value, cut to the prefix and extended in place: no array per value.
            var value: [UInt8] = []
            for k in 0..<count {
                let prefix = Int(prefixes[k])
                guard prefix >= 0, prefix <= value.count else { throw ParquetDamage("a DELTA_BYTE_ARRAY prefix is longer than the value before it") }
                value.removeSubrange(prefix...)
                suffixes.withUTF8(at: k) { value.append(contentsOf: $0) }
                value.withUnsafeBufferPointer { arena.append($0) }
            }
            return .bytes(arena)
        case ParquetEncoding.byteStreamSplit:
            let width: Int
            switch physical {
            case .float, .int32: width = 4
            case .double, .int64: width = 8
            case .fixedLenByteArray: width = typeLength
            default: throw ParquetDamage("BYTE_STREAM_SPLIT does not apply to \(physical.name)")
            }
            guard width > 0, data.count >= width * count else { throw ParquetDamage("a BYTE_STREAM_SPLIT page ends early") }
            var joined = [UInt8](repeating: 0, count: width * count)
            for stream in 0..<width {
                let base = stream * count
                for k in 0..<count { joined[k * width + stream] = data[base + k] }
            }
            return try joined.withUnsafeBytes { try plain(physical, typeLength: typeLength, $0, count: count) }
        default:
            throw ParquetDamage("\(physical.name) values encoded as \(ParquetEncoding.name(encoding)) are not supported")
        }
    }

    /// Dictionary indices: a bit width, then RLE / bit-packed runs.
    static func indices(_ data: UnsafeRawBufferPointer, count: Int) throws -> [UInt32] {
        if count == 0 { return [] }
        guard data.count >= 1 else { throw ParquetDamage("dictionary indices end early") }
        var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: data[1...]), bitWidth: Int(data[0]))
        var out = [UInt32](repeating: 0, count: count)
        try out.withUnsafeMutableBufferPointer { try decoder.decode(count, into: $0.baseAddress!) }
        return out
    }

    static func plain(_ physical: ParquetPhysicalType, typeLength: Int, _ data: UnsafeRawBufferPointer, count: Int) throws -> ParquetRawValues {
        func need(_ bytes: Int) throws {
            guard data.count >= bytes else { throw ParquetDamage("a page holds fewer values than it says (\(physical.name), \(count) values)") }
        }
        switch physical {
        case .boolean:
            try need((count + 7) / 8)
            var out = [Bool](repeating: false, count: count)
            for k in 0..<count { out[k] = data[k >> 3] & (1 << UInt8(k & 7)) != 0 }
            return .bools(out)
        case .int32:
            try need(count * 4)
            return .int32(copied(data, count: count))
        case .int64:
            try need(count * 8)
            return .int64(copied(data, count: count))
        case .float:
            try need(count * 4)
            return .float(copied(data, count: count))
        case .double:
            try need(count * 8)
            return .double(copied(data, count: count))
        case .int96:
            try need(count * 12)
            var out = [Int64](repeating: 0, count: count)
            for k in 0..<count {
                let nanos = Int64(littleEndian32(data, at: 12 * k)) | Int64(littleEndian32(data, at: 12 * k + 4)) << 32
                let julianDay = Int64(littleEndian32(data, at: 12 * k + 8))
                // Julian day 2,440,588 is 1970-01-01.
                out[k] = (julianDay - 2_440_588) &* CivilCalendar.microsecondsPerDay &+ nanos / 1000
            }
            return .int64(out)
        case .byteArray:
            try need(count * 4)  // a length before each value
            var arena = StringArena()
            arena.reserveCapacity(strings: count, bytes: max(0, data.count - 4 * count))
            var at = 0
            guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                if count == 0 { return .bytes(arena) }
                throw ParquetDamage("a page holds fewer values than it says (BYTE_ARRAY)")
            }
            for _ in 0..<count {
                guard at + 4 <= data.count else { throw ParquetDamage("a page holds fewer values than it says (BYTE_ARRAY)") }
                let length = Int(littleEndian32(data, at: at))
                at += 4
                guard length <= data.count - at else { throw ParquetDamage("a text value runs past the end of its page") }
                arena.append(UnsafeBufferPointer(start: base + at, count: length))
                at += length
            }
            return .bytes(arena)
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw ParquetDamage("a FIXED_LEN_BYTE_ARRAY column has no length") }
            try need(count * typeLength)
            var arena = StringArena()
            arena.reserveCapacity(strings: count, bytes: count * typeLength)
            guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .bytes(arena) }
            for k in 0..<count { arena.append(UnsafeBufferPointer(start: base + k * typeLength, count: typeLength)) }
            return .bytes(arena)
        }
    }

    private static func copied<T>(_ data: UnsafeRawBufferPointer, count: Int) -> [T] {
        // Parquet is little-endian, as are the machines Carnet runs on.
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: data.baseAddress!, byteCount: count * MemoryLayout<T>.size) }
            initialized = count
        }
    }

    private static func concatenated(_ data: UnsafeRawBufferPointer, from start: Int, lengths: [Int64], count: Int) throws -> StringArena {
        guard lengths.count == count else { throw ParquetDamage("a page holds \(lengths.count) lengths for \(count) values") }
        var arena = StringArena()
        var at = start
        guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            if count == 0 { return arena }
            throw ParquetDamage("text values end early")
        }
        arena.reserveCapacity(strings: count, bytes: data.count - start)
        for length in lengths {
            guard length >= 0, length <= Int64(data.count - at) else { throw ParquetDamage("a text value runs past the end of its page") }
            arena.append(UnsafeBufferPointer(start: base + at, count: Int(length)))
            at += Int(length)
        }
        return arena
    }

    static func littleEndian32(_ data: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
    }
}
