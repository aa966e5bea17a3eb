/// One coordinate pair: longitude and latitude in degrees (WGS84), or easting and northing in
/// metres for a projected system such as Lambert-93.
public struct Position: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// A geometry decoded into nested arrays: what parsers produce and writers consume. Columns keep
/// geometries as WKB bytes instead (see `GeometryColumn`); this form is for building and printing.
public indirect enum GeometryShape: Hashable, Sendable {
    /// nil is `POINT EMPTY`.
    case point(Position?)
    case lineString([Position])
    /// The exterior ring first, then the holes; each ring is closed (first position repeated last).
    case polygon([[Position]])
    case multiPoint([Position])
    case multiLineString([[Position]])
    case multiPolygon([[[Position]]])
    case collection([GeometryShape])

    /// The WKB type code (ISO 19125), which WKB, WKT and GeoJSON names are derived from.
    public var typeCode: UInt32 {
        switch self {
        case .point: return 1
        case .lineString: return 2
        case .polygon: return 3
        case .multiPoint: return 4
        case .multiLineString: return 5
        case .multiPolygon: return 6
        case .collection: return 7
        }
    }

    /// `POLYGON`, as WKT and `st_geometrytype` name it.
    public var typeName: String { GeometryShape.wktNames[Int(typeCode) - 1] }

    static let wktNames = ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"]
    static let geoJSONNames = ["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"]

    public var isEmpty: Bool {
        switch self {
        case .point(let p): return p == nil
        case .lineString(let ps), .multiPoint(let ps): return ps.isEmpty
        case .polygon(let rings), .multiLineString(let rings): return rings.isEmpty
        case .multiPolygon(let polygons): return polygons.isEmpty
        case .collection(let parts): return parts.allSatisfy(\.isEmpty)
        }
    }

    /// Every position, in order, for bounds and coordinate transforms.
    public func forEachPosition(_ body: (Position) -> Void) {
        switch self {
        case .point(let p): if let p { body(p) }
        case .lineString(let ps), .multiPoint(let ps): ps.forEach(body)
        case .polygon(let rings), .multiLineString(let rings): rings.forEach { $0.forEach(body) }
        case .multiPolygon(let polygons): polygons.forEach { $0.forEach { $0.forEach(body) } }
        case .collection(let parts): parts.forEach { $0.forEachPosition(body) }
        }
    }

    /// The same geometry with every position mapped; nil when `transform` gives nil for one.
    public func mapPositions(_ transform: (Position) -> Position?) -> GeometryShape? {
        func line(_ ps: [Position]) -> [Position]? {
            var out: [Position] = []
            out.reserveCapacity(ps.count)
            for p in ps { guard let q = transform(p) else { return nil }; out.append(q) }
            return out
        }
        func rings(_ rs: [[Position]]) -> [[Position]]? {
            var out: [[Position]] = []
            for r in rs { guard let q = line(r) else { return nil }; out.append(q) }
            return out
        }
        switch self {
        case .point(let p):
            guard let p else { return self }
            return transform(p).map { .point($0) }
        case .lineString(let ps): return line(ps).map { .lineString($0) }
        case .multiPoint(let ps): return line(ps).map { .multiPoint($0) }
        case .polygon(let rs): return rings(rs).map { .polygon($0) }
        case .multiLineString(let rs): return rings(rs).map { .multiLineString($0) }
        case .multiPolygon(let polygons):
            var out: [[[Position]]] = []
            for polygon in polygons { guard let q = rings(polygon) else { return nil }; out.append(q) }
            return .multiPolygon(out)
        case .collection(let parts):
            var out: [GeometryShape] = []
            for part in parts { guard let q = part.mapPositions(transform) else { return nil }; out.append(q) }
            return .collection(out)
        }
    }

    /// The polygons of a polygon, a multipolygon or a collection's polygonal parts.
    public var polygons: [[[Position]]] {
        switch self {
        case .polygon(let rings): return [rings]
        case .multiPolygon(let polygons): return polygons
        case .collection(let parts): return parts.flatMap(\.polygons)
        default: return []
        }
    }

    /// The lines of a line string, a multi line string or a collection's linear parts.
    public var lines: [[Position]] {
        switch self {
        case .lineString(let ps): return [ps]
        case .multiLineString(let lines): return lines
        case .collection(let parts): return parts.flatMap(\.lines)
        default: return []
        }
    }

    /// The points of a point, a multipoint or a collection's point parts.
    public var points: [Position] {
        switch self {
        case .point(let p): return p.map { [$0] } ?? []
        case .multiPoint(let ps): return ps
        case .collection(let parts): return parts.flatMap(\.points)
        default: return []
        }
    }

    /// 0 for points, 1 for lines, 2 for polygons: the dimension that counts for centroids.
    public var dimension: Int {
        switch self {
        case .point, .multiPoint: return 0
        case .lineString, .multiLineString: return 1
        case .polygon, .multiPolygon: return 2
        case .collection(let parts): return parts.filter { !$0.isEmpty }.map(\.dimension).max() ?? 0
        }
    }
}

/// Why a geometry's text or bytes could not be read.
public struct GeometryError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
