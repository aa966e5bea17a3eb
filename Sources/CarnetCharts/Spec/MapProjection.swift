import CarnetEngine

#if canImport(Glibc)
import Glibc
#endif

/// Web Mercator fitted to a set of points with a margin: maps (u, v) into 0…1, v downwards.
public struct MapProjection: Sendable {
    public let south: Double, north: Double, west: Double, east: Double
    private let minX: Double, maxX: Double, minY: Double, maxY: Double

    public init(points: [MapPoint], marginFraction: Double) {
        var s = points.map(\.latitude).min() ?? 0, n = points.map(\.latitude).max() ?? 1
        var w = points.map(\.longitude).min() ?? 0, e = points.map(\.longitude).max() ?? 1
        if n - s < 1e-4 { s -= 0.01; n += 0.01 }
        if e - w < 1e-4 { w -= 0.01; e += 0.01 }
        let dLat = (n - s) * marginFraction, dLon = (e - w) * marginFraction
        south = s - dLat; north = n + dLat; west = w - dLon; east = e + dLon
        minX = MapProjection.x(west); maxX = MapProjection.x(east)
        minY = MapProjection.y(south); maxY = MapProjection.y(north)
    }

    static func x(_ longitude: Double) -> Double { longitude * .pi / 180 }
    static func y(_ latitude: Double) -> Double { log(tan(.pi / 4 + latitude * .pi / 360)) }

    /// Width over height of the projected area.
    public var aspect: Double { (maxX - minX) / max(1e-12, maxY - minY) }

    public func project(latitude: Double, longitude: Double) -> (u: Double, v: Double) {
        ((MapProjection.x(longitude) - minX) / (maxX - minX), (maxY - MapProjection.y(latitude)) / (maxY - minY))
    }

    /// Metres per unit of u at the centre latitude (for the scale bar).
    public var metresAcross: Double {
        let centre = (south + north) / 2
        return 6_371_008.8 * (maxX - minX) * cos(centre * .pi / 180)
    }
}

/// ISO text of a day number (kept here so charts need nothing but the engine).
enum CarnetEngineDate {
    static func iso(_ days: Int32) -> String { CivilCalendar.isoString(days: days) }
}
