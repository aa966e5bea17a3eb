/// The values of a geometry column: WKB geometries back to back in one byte buffer, located by an
/// offsets buffer (GeoParquet's and DuckDB's layout). Kernels read the bytes in place.
public struct GeometryColumn: Sendable, Equatable {
    /// The same layout as a text column's values; here the bytes are WKB, not UTF-8.
    public private(set) var arena: StringArena

    public init(arena: StringArena = StringArena()) {
        self.arena = arena
    }

    public init(_ geometries: [Geometry?]) {
        arena = StringArena()
        for g in geometries { append(g) }
    }

    public var count: Int { arena.count }

    public mutating func reserveCapacity(_ n: Int, bytes: Int) {
        arena.reserveCapacity(strings: n, bytes: bytes)
    }

    /// Appends a geometry, or no bytes for NULL (the validity bitmap says which).
    public mutating func append(_ geometry: Geometry?) {
        guard let geometry else { appendBytes(UnsafeRawBufferPointer(start: nil, count: 0)); return }
        geometry.wkb.withUnsafeBytes { appendBytes($0) }
    }

    public mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        arena.append(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }

    public mutating func append(from other: GeometryColumn, at row: Int) {
        arena.append(from: other.arena, at: row)
    }

    @inline(__always)
    public func withWKB<R>(at row: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUTF8(at: row) { try body(UnsafeRawBufferPointer($0)) }
    }

    public func geometry(at row: Int) -> Geometry {
        withWKB(at: row) { Geometry(wkb: Array($0)) }
    }

    public func shape(at row: Int) -> GeometryShape? {
        withWKB(at: row) { bytes in try? WKB.decode(bytes) }
    }

    public var memoryFootprint: Int { arena.bytes.count + arena.offsets.count * 8 }
}

extension Table {
    /// The geometry column that maps and GeoJSON exports draw: the one named `geometry` first,
    /// else the first geometry column.
    public var geometryColumnIndex: Int? {
        let candidates = columns.indices.filter { columns[$0].type == .geometry }
        return candidates.first(where: { columnNames[$0].lowercased() == "geometry" }) ?? candidates.first
    }
}
