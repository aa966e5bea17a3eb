/// Why a Parquet file could not be decoded: a damaged or truncated file, or a feature this
/// reader does not have. The reader adds the file's path and the column.
struct ParquetDamage: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Thrift's compact protocol, which Parquet uses for its footer and page headers: field
/// headers with id deltas, zigzag varints, lists with the size in the header.
enum ThriftType {
    static let stop: UInt8 = 0, boolTrue: UInt8 = 1, boolFalse: UInt8 = 2, byte: UInt8 = 3, i16: UInt8 = 4, i32: UInt8 = 5
    static let i64: UInt8 = 6, double: UInt8 = 7, binary: UInt8 = 8, list: UInt8 = 9, set: UInt8 = 10, map: UInt8 = 11, structure: UInt8 = 12
}

/// Reads compact-protocol values from bytes that may be damaged: every read is bounds-checked
/// and every count is checked against the bytes left, so a bad file gives an error, not a
/// crash or a huge allocation.
struct ThriftCompactReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw ParquetDamage("the metadata ends early (truncated file?)") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws -> UInt64 {
        try readVarint(bytes, &position, early: "the metadata ends early (truncated file?)")
    }

    mutating func int() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// An i32 field, range-checked.
    mutating func int32() throws -> Int {
        let v = try int()
        guard v >= Int64(Int32.min), v <= Int64(Int32.max) else { throw ParquetDamage("a 32-bit number in the metadata is out of range") }
        return Int(v)
    }

    mutating func double() throws -> Double {
        guard remaining >= 8 else { throw ParquetDamage("the metadata ends early (truncated file?)") }
        var raw: UInt64 = 0
        for k in 0..<8 { raw |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return Double(bitPattern: raw)
    }

    mutating func binary() throws -> UnsafeRawBufferPointer {
        let n = try varint()
        guard n <= UInt64(remaining) else { throw ParquetDamage("a string in the metadata runs past its end (truncated file?)") }
        defer { position += Int(n) }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(n))])
    }

    mutating func string() throws -> String {
        String(decoding: try binary(), as: UTF8.self)
    }

    /// Reads a struct's fields in order, handing each field's id and type to `field`, which
    /// reads the value or calls `skip`.
    mutating func fields(_ field: (inout ThriftCompactReader, Int, UInt8) throws -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw ParquetDamage("the metadata nests too deeply") }
        var last = 0
        while true {
            let header = try byte()
            let type = header & 0x0F
            if type == ThriftType.stop { return }
            let delta = Int(header >> 4)
            let id = delta == 0 ? try int32() : last + delta
            last = id
            try field(&self, id, type)
        }
    }

    /// A bool field's value, which the compact protocol stores in the field's type.
    func bool(_ type: UInt8) -> Bool { type == ThriftType.boolTrue }

    /// Reads a list, handing each element's type to `element`.
    mutating func list(_ element: (inout ThriftCompactReader, UInt8) throws -> Void) throws {
        let header = try byte()
        var count = Int(header >> 4)
        if count == 15 {
            let n = try varint()
            guard n <= UInt64(remaining) else { throw ParquetDamage("a list in the metadata is longer than the file") }
            count = Int(n)
        }
        let type = header & 0x0F
        for _ in 0..<count { try element(&self, type) }
    }

    mutating func skip(_ type: UInt8) throws {
        switch type {
        case ThriftType.boolTrue, ThriftType.boolFalse: return
        case ThriftType.byte: position += 1
        case ThriftType.i16, ThriftType.i32, ThriftType.i64: _ = try varint()
        case ThriftType.double: _ = try double()
        case ThriftType.binary: _ = try binary()
        case ThriftType.list, ThriftType.set:
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { throw ParquetDamage("the metadata nests too deeply") }
            try list { reader, element in
                // Bools in lists take a byte each.
                if element == ThriftType.boolTrue || element == ThriftType.boolFalse { _ = try reader.byte() } else { try reader.skip(element) }
            }
        case ThriftType.map:
            let n = try varint()
            guard n <= UInt64(remaining) else { throw ParquetDamage("a map in the metadata is longer than the file") }
            if n == 0 { return }
            let kinds = try byte()
            for _ in 0..<n {
                try skip(kinds >> 4)
                try skip(kinds & 0x0F)
            }
        case ThriftType.structure: try fields { reader, _, type in try reader.skip(type) }
        default: throw ParquetDamage("the metadata holds an unknown value type \(type)")
        }
        guard position <= bytes.count else { throw ParquetDamage("the metadata ends early (truncated file?)") }
    }
}

/// Writes compact-protocol structs field by field, in increasing id order.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastIDs: [Int] = [0]

    mutating func varint(_ value: UInt64) { appendVarint(value, to: &bytes) }

    /// A byte as is (list elements written by hand).
    mutating func rawByte(_ value: UInt8) { bytes.append(value) }

    mutating func zigzag(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func header(_ id: Int, _ type: UInt8) {
        let delta = id - lastIDs[lastIDs.count - 1]
        if delta > 0, delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type)
        } else {
            bytes.append(type)
            zigzag(Int64(id))
        }
        lastIDs[lastIDs.count - 1] = id
    }

    mutating func int(_ id: Int, _ value: Int64, type: UInt8 = ThriftType.i64) {
        header(id, type)
        zigzag(value)
    }

    mutating func int32(_ id: Int, _ value: Int) { int(id, Int64(value), type: ThriftType.i32) }

    mutating func bool(_ id: Int, _ value: Bool) { header(id, value ? ThriftType.boolTrue : ThriftType.boolFalse) }

    mutating func binary(_ id: Int, _ value: [UInt8]) {
        header(id, ThriftType.binary)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ id: Int, _ value: String) { binary(id, Array(value.utf8)) }

    /// A struct field: `body` writes its fields.
    mutating func structure(_ id: Int, _ body: (inout ThriftCompactWriter) -> Void) {
        header(id, ThriftType.structure)
        inner(body)
    }

    /// A struct as a list element or the top-level value.
    mutating func inner(_ body: (inout ThriftCompactWriter) -> Void) {
        lastIDs.append(0)
        body(&self)
        bytes.append(ThriftType.stop)
        lastIDs.removeLast()
    }

    mutating func list(_ id: Int, of type: UInt8, count: Int) {
        header(id, ThriftType.list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type)
        } else {
            bytes.append(0xF0 | type)
            varint(UInt64(count))
        }
    }
}
