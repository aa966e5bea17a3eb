#if canImport(Glibc)
import Glibc
#endif

/// A rectangle aligned with the axes: a geometry's extent, a grid cell, a map's frame.
public struct BoundingBox: Hashable, Sendable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    /// The empty box, which any position widens.
    public static let empty = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    public var isEmpty: Bool { minX > maxX }

    public mutating func add(_ p: Position) {
        minX = Swift.min(minX, p.x); maxX = Swift.max(maxX, p.x)
        minY = Swift.min(minY, p.y); maxY = Swift.max(maxY, p.y)
    }

    public mutating func add(_ box: BoundingBox) {
        minX = Swift.min(minX, box.minX); maxX = Swift.max(maxX, box.maxX)
        minY = Swift.min(minY, box.minY); maxY = Swift.max(maxY, box.maxY)
    }

    @inline(__always)
    public func contains(x: Double, y: Double) -> Bool { x >= minX && x <= maxX && y >= minY && y <= maxY }
}

extension GeometryShape {
    public var bounds: BoundingBox {
        var box = BoundingBox.empty
        forEachPosition { box.add($0) }
        return box
    }

    /// Whether every position reads as longitude and latitude in degrees: areas are then geodesic.
    public var isGeographic: Bool {
        let b = bounds
        return b.isEmpty || (b.minX >= -180 && b.maxX <= 180 && b.minY >= -90 && b.maxY <= 90)
    }

    /// The area in the coordinates' own units squared (m² for Lambert-93): holes subtracted,
    /// whatever the rings' winding.
    public var planarArea: Double {
        polygons.reduce(0) { total, rings in
            total + rings.enumerated().reduce(0) { sum, ring in
                let a = abs(GeometryShape.shoelace(ring.element, { $0 }))
                return ring.offset == 0 ? sum + a : sum - a
            }
        }
    }

    /// The area in square metres on the WGS84 ellipsoid, for longitude/latitude polygons. Each
    /// polygon is projected with the ellipsoidal cylindrical equal-area projection, standard
    /// parallel at its middle latitude: exact for areas, and edges differ from geodesics by far
    /// less than a commune's 0.01 %.
    public var geodesicArea: Double {
        polygons.reduce(0) { total, rings in
            guard let exterior = rings.first, !exterior.isEmpty else { return total }
            var box = BoundingBox.empty
            exterior.forEach { box.add($0) }
            let projection = EqualAreaProjection(standardParallel: (box.minY + box.maxY) / 2, centralMeridian: (box.minX + box.maxX) / 2)
            return total + rings.enumerated().reduce(0) { sum, ring in
                let a = abs(GeometryShape.shoelace(ring.element, projection.project))
                return ring.offset == 0 ? sum + a : sum - a
            }
        }
    }

    /// The area in m²: geodesic for longitude/latitude, planar for projected metres.
    public var area: Double { isGeographic ? geodesicArea : planarArea }

    static func shoelace(_ ring: [Position], _ project: (Position) -> Position) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        var previous = project(ring[ring.count - 1])
        for p in ring {
            let q = project(p)
            sum += previous.x * q.y - q.x * previous.y
            previous = q
        }
        return sum / 2
    }

    /// The centre of mass of the geometry's highest dimension (polygons by area, lines by
    /// length, points by count), in its own coordinates as shapely and DuckDB compute it; nil when empty.
    public var centroid: Position? {
        switch dimension {
        case 2:
            var ax = 0.0, ay = 0.0, total = 0.0
            // Sums taken relative to a vertex, as GEOS does: degrees near 43 lose digits otherwise.
            let origin = polygons.first?.first?.first ?? Position(0, 0)
            func local(_ p: Position) -> Position { Position(p.x - origin.x, p.y - origin.y) }
            for rings in polygons {
                for (i, ring) in rings.enumerated() where ring.count > 2 {
                    // Holes count against the exterior whatever their winding.
                    let signed = GeometryShape.shoelace(ring, local)
                    let sign: Double = (i == 0) == (signed >= 0) ? 1 : -1
                    var previous = local(ring[ring.count - 1])
                    for p in ring.lazy.map(local) {
                        let cross = (previous.x * p.y - p.x * previous.y) * sign
                        ax += (previous.x + p.x) * cross
                        ay += (previous.y + p.y) * cross
                        previous = p
                    }
                    total += signed * sign
                }
            }
            guard total != 0 else { return points.first ?? lines.first?.first }
            return Position(origin.x + ax / (6 * total), origin.y + ay / (6 * total))
        case 1:
            var ax = 0.0, ay = 0.0, total = 0.0
            for line in lines where line.count > 1 {
                for i in 1..<line.count {
                    let a = line[i - 1], b = line[i]
                    let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    ax += (a.x + b.x) / 2 * length; ay += (a.y + b.y) / 2 * length; total += length
                }
            }
            guard total > 0 else { return lines.first?.first }
            return Position(ax / total, ay / total)
        default:
            let ps = points
            guard !ps.isEmpty else { return nil }
            return Position(ps.reduce(0) { $0 + $1.x } / Double(ps.count), ps.reduce(0) { $0 + $1.y } / Double(ps.count))
        }
    }

    /// Whether a position lies inside the polygons (even-odd across all rings, so holes are
    /// outside); a position on an edge may fall either way.
    public func containsPoint(_ p: Position) -> Bool {
        polygons.contains { rings in
            var inside = false
            for ring in rings where ring.count > 2 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[j]
                    if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                    j = i
                }
            }
            return inside
        }
    }

    /// Whether `other` lies inside this geometry: every point or vertex of it inside, and (for
    /// lines and polygons) no edge of it crossing one of this geometry's edges.
    public func contains(_ other: GeometryShape) -> Bool {
        guard dimension == 2, !other.isEmpty else { return false }
        var vertices: [Position] = []
        other.forEachPosition { vertices.append($0) }
        guard vertices.allSatisfy(containsPoint) else { return false }
        if other.dimension == 0 { return true }
        // A hole of ours inside their polygon: they cover ground we do not.
        if other.dimension == 2 {
            for rings in polygons { for hole in rings.dropFirst() where hole.contains(where: other.containsPoint) { return false } }
        }
        let ours = edges, theirs = other.edges
        for (a, b) in theirs {
            for (c, d) in ours where GeometryShape.segmentsCross(a, b, c, d) { return false }
        }
        return true
    }

    private var edges: [(Position, Position)] {
        var out: [(Position, Position)] = []
        for ring in polygons.flatMap({ $0 }) + lines where ring.count > 1 {
            for i in 1..<ring.count { out.append((ring[i - 1], ring[i])) }
        }
        return out
    }

    /// Whether segments ab and cd cross at a point inside both (touching ends do not count).
    static func segmentsCross(_ a: Position, _ b: Position, _ c: Position, _ d: Position) -> Bool {
        func orientation(_ p: Position, _ q: Position, _ r: Position) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = orientation(c, d, a), d2 = orientation(c, d, b), d3 = orientation(a, b, c), d4 = orientation(a, b, d)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }
}

/// The ellipsoidal cylindrical equal-area projection on WGS84 (Snyder, Map Projections, §10):
/// areas measured on it are areas on the ellipsoid.
struct EqualAreaProjection {
    static let a = 6_378_137.0
    static let e2 = 0.006_694_379_990_14
    static let e = e2.squareRoot()
    let k0: Double, centralMeridian: Double

    init(standardParallel: Double, centralMeridian: Double) {
        let phi = standardParallel * .pi / 180
        k0 = cos(phi) / (1 - EqualAreaProjection.e2 * sin(phi) * sin(phi)).squareRoot()
        self.centralMeridian = centralMeridian
    }

    func project(_ p: Position) -> Position {
        let e = EqualAreaProjection.e, e2 = EqualAreaProjection.e2
        let s = sin(p.y * .pi / 180)
        let q = (1 - e2) * (s / (1 - e2 * s * s) - log((1 - e * s) / (1 + e * s)) / (2 * e))
        return Position(EqualAreaProjection.a * k0 * (p.x - centralMeridian) * .pi / 180, EqualAreaProjection.a * q / (2 * k0))
    }
}

extension GeometryShape {
    /// Whether the two geometries share a point: a vertex of one inside the other's polygons,
    /// crossing edges, or a common position.
    public func intersects(_ other: GeometryShape) -> Bool {
        let a = bounds, b = other.bounds
        guard !a.isEmpty, !b.isEmpty, a.minX <= b.maxX, b.minX <= a.maxX, a.minY <= b.maxY, b.minY <= a.maxY else { return false }
        var mine: [Position] = [], theirs: [Position] = []
        forEachPosition { mine.append($0) }
        other.forEachPosition { theirs.append($0) }
        if dimension == 2, theirs.contains(where: containsPoint) { return true }
        if other.dimension == 2, mine.contains(where: other.containsPoint) { return true }
        let mySet = Set(mine)
        if theirs.contains(where: mySet.contains) { return true }
        let ours = edges, others = other.edges
        for (p, q) in others {
            for (r, s) in ours where GeometryShape.segmentsCross(p, q, r, s) { return true }
        }
        return false
    }
}
