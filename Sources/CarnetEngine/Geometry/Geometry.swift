/// One geometry as a value (a literal, a cell on screen, a statistic): its WKB bytes.
public struct Geometry: Hashable, Sendable {
    public var wkb: [UInt8]

    public init(wkb: [UInt8]) {
        self.wkb = wkb
    }

    public init(_ shape: GeometryShape) {
        wkb = WKB.encode(shape)
    }

    /// The decoded shape; bytes that do not decode (which Carnet never writes) read as an empty collection.
    public var shape: GeometryShape {
        (try? WKB.decode(wkb)) ?? .collection([])
    }

    /// WKT, the text form SQL shows and CSV writes.
    public var wkt: String { WKT.format(shape) }

    /// Reads a geometry from a cell: WKT (`POINT (3.9 43.6)`), a GeoJSON geometry or Feature
    /// object, or hexadecimal WKB as PostGIS prints it.
    public static func parse(_ text: String) throws(GeometryError) -> Geometry {
        let t = Substring(text).trimmingSpaces
        if t.isEmpty { throw GeometryError("the text is empty") }
        if t.first == "{" { return Geometry(try GeoJSONGeometry.parse(String(t))) }
        if t.count >= 42, t.count % 2 == 0, t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) {
            let hex = Array(t.utf8)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(hex.count / 2)
            func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
            for i in stride(from: 0, to: hex.count, by: 2) { bytes.append(nibble(hex[i]) << 4 | nibble(hex[i + 1])) }
            return Geometry(try WKB.decode(bytes))
        }
        return Geometry(try WKT.parse(String(t)))
    }

    /// Whether a cell may be a geometry: a `{` or a WKT type name (or `SRID`) first, read on its
    /// bytes so that ordinary text is turned away before any String is made.
    public static func mayBeGeometry(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = field.firstIndex(where: { $0 != 0x20 }) else { return false }
        if field[start] == UInt8(ascii: "{") { return true }
        var word: [UInt8] = []
        var i = start
        while i < field.count, word.count <= 18, field[i] | 0x20 >= 0x61, field[i] | 0x20 <= 0x7A { word.append(field[i] & 0xDF); i += 1 }
        return wktTags.contains(word)
    }

    private static let wktTags: [[UInt8]] = (GeometryShape.wktNames + ["SRID"]).map { Array($0.utf8) }
}
