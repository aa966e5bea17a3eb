/// Well-known binary (ISO 19125), the geometry layout of GeoParquet, DuckDB and PostGIS. Carnet
/// writes little-endian 2D WKB and reads either byte order, dropping Z and M (ISO and EWKB codes).
public enum WKB {
    public static func encode(_ shape: GeometryShape) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(shape, into: &out)
        return out
    }

    static func write(_ shape: GeometryShape, into out: inout [UInt8]) {
        out.append(1)
        append(shape.typeCode, &out)
        switch shape {
        case .point(let p):
            append(p?.x ?? .nan, &out); append(p?.y ?? .nan, &out)
        case .lineString(let ps):
            appendLine(ps, &out)
        case .polygon(let rings):
            append(UInt32(rings.count), &out)
            for ring in rings { appendLine(ring, &out) }
        case .multiPoint(let ps):
            append(UInt32(ps.count), &out)
            for p in ps { write(.point(p), into: &out) }
        case .multiLineString(let lines):
            append(UInt32(lines.count), &out)
            for line in lines { write(.lineString(line), into: &out) }
        case .multiPolygon(let polygons):
            append(UInt32(polygons.count), &out)
            for polygon in polygons { write(.polygon(polygon), into: &out) }
        case .collection(let parts):
            append(UInt32(parts.count), &out)
            for part in parts { write(part, into: &out) }
        }
    }

    private static func appendLine(_ ps: [Position], _ out: inout [UInt8]) {
        append(UInt32(ps.count), &out)
        for p in ps { append(p.x, &out); append(p.y, &out) }
    }

    @inline(__always)
    private static func append(_ v: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func append(_ v: Double, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> GeometryShape {
        var reader = WKBReader(bytes: bytes)
        let shape = try reader.geometry(depth: 0)
        guard reader.offset == bytes.count else { throw GeometryError("\(bytes.count - reader.offset) bytes follow the geometry") }
        return shape
    }

    public static func decode(_ bytes: [UInt8]) throws(GeometryError) -> GeometryShape {
        do {
            return try bytes.withUnsafeBytes { try decode($0) }
        } catch let error as GeometryError {
            throw error
        } catch {
            throw GeometryError("\(error)")
        }
    }

    /// The x and y of a little-endian 2D point, the layout Carnet writes; nil for anything else.
    @inline(__always)
    public static func pointXY(_ bytes: UnsafeRawBufferPointer) -> (Double, Double)? {
        guard bytes.count == 21, bytes[0] == 1, bytes[1] == 1, bytes[2] == 0, bytes[3] == 0, bytes[4] == 0 else { return nil }
        let x = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 5, as: UInt64.self)))
        let y = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 13, as: UInt64.self)))
        return x.isNaN ? nil : (x, y)
    }
}

/// A cursor over WKB bytes that checks every count against the bytes left, so damaged input is an
/// error and never a huge allocation.
struct WKBReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    private var littleEndian = true
    private var dimensions = 2

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func geometry(depth: Int) throws(GeometryError) -> GeometryShape {
        guard depth < 32 else { throw GeometryError("geometries nest more than 32 deep") }
        guard offset < bytes.count else { throw GeometryError("the geometry ends early") }
        switch bytes[offset] {
        case 0: littleEndian = false
        case 1: littleEndian = true
        default: throw GeometryError("byte \(offset) is \(bytes[offset]), not a WKB byte order (0 or 1)")
        }
        offset += 1
        var code = try uint32()
        // EWKB flags (PostGIS): Z, M and an SRID that follows.
        var hasZ = code & 0x8000_0000 != 0, hasM = code & 0x4000_0000 != 0
        if code & 0x2000_0000 != 0 { _ = try uint32() }
        code &= 0x0FFF_FFFF
        // ISO: 1000 + type for Z, 2000 for M, 3000 for ZM.
        switch code / 1000 {
        case 1: hasZ = true
        case 2: hasM = true
        case 3: hasZ = true; hasM = true
        default: break
        }
        code %= 1000
        dimensions = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0)
        switch code {
        case 1:
            let p = try position()
            return .point(p.x.isNaN && p.y.isNaN ? nil : p)
        case 2: return .lineString(try line())
        case 3: return .polygon(try rings())
        case 4, 5, 6, 7:
            let n = try count(minimumBytes: 9)
            var parts: [GeometryShape] = []
            parts.reserveCapacity(n)
            for _ in 0..<n { parts.append(try geometry(depth: depth + 1)) }
            switch code {
            case 4:
                var points: [Position] = []
                for part in parts {
                    guard case .point(let p) = part else { throw GeometryError("a MULTIPOINT holds a \(part.typeName)") }
                    if let p { points.append(p) }
                }
                return .multiPoint(points)
            case 5:
                return .multiLineString(try parts.map { part throws(GeometryError) in
                    guard case .lineString(let ps) = part else { throw GeometryError("a MULTILINESTRING holds a \(part.typeName)") }
                    return ps
                })
            case 6:
                return .multiPolygon(try parts.map { part throws(GeometryError) in
                    guard case .polygon(let rs) = part else { throw GeometryError("a MULTIPOLYGON holds a \(part.typeName)") }
                    return rs
                })
            default:
                return .collection(parts)
            }
        default:
            throw GeometryError("WKB type \(code) is not a geometry Carnet reads (1 to 7)")
        }
    }

    private mutating func rings() throws(GeometryError) -> [[Position]] {
        let n = try count(minimumBytes: 4)
        var out: [[Position]] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try line()) }
        return out
    }

    private mutating func line() throws(GeometryError) -> [Position] {
        let n = try count(minimumBytes: 8 * dimensions)
        var out: [Position] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try position()) }
        return out
    }

    private mutating func position() throws(GeometryError) -> Position {
        let x = try double(), y = try double()
        for _ in 2..<dimensions { _ = try double() }
        return Position(x, y)
    }

    private mutating func count(minimumBytes: Int) throws(GeometryError) -> Int {
        let n = Int(try uint32())
        guard n * minimumBytes <= bytes.count - offset else {
            throw GeometryError("a count of \(n) at byte \(offset - 4) runs past the end of the geometry")
        }
        return n
    }

    private mutating func uint32() throws(GeometryError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw GeometryError("the geometry ends early") }
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    private mutating func double() throws(GeometryError) -> Double {
        guard offset + 8 <= bytes.count else { throw GeometryError("the geometry ends early") }
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: littleEndian ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
    }
}
