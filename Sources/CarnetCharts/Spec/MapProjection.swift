import CarnetEngine

#if canImport(Glibc)
import Glibc
#endif

/// Web Mercator fitted to a set of points with a margin: maps (u, v) into 0…1, v downwards.
public struct MapProjection: Sendable {
    public let south: Double, north: Double, west: Double, east: Double
    private let minX: Double, maxX: Double, minY: Double, maxY: Double

    public init(points: [MapPoint], marginFraction: Double) {
        self.init(extent: MapLayers().extent(points: points), marginFraction: marginFraction)
    }

    /// Fitted to a map's points and own shapes (its background only when it has nothing else).
    public init(points: [MapPoint], layers: MapLayers, marginFraction: Double) {
        self.init(extent: layers.extent(points: points), marginFraction: marginFraction)
    }

    public init(extent: BoundingBox, marginFraction: Double) {
        let box = extent.isEmpty ? BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1) : extent
        // Web Mercator is undefined at the poles: latitudes stop at ±85°.
        var s = max(-85, box.minY), n = min(85, box.maxY)
        var w = box.minX, e = box.maxX
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

    /// The latitude and longitude at (u, v), the inverse of `project`.
    public func unproject(u: Double, v: Double) -> (latitude: Double, longitude: Double) {
        let x = minX + u * (maxX - minX), y = maxY - v * (maxY - minY)
        return ((2 * atan(exp(y)) - .pi / 2) * 180 / .pi, x * 180 / .pi)
    }

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
