#if canImport(Glibc)
import Glibc
#endif

/// Lambert-93 (EPSG:2154, the French official projection) to WGS84 degrees, by IGN's inverse
/// of the Lambert conformal conic on GRS80 (RGF93 and WGS84 agree to the metre).
public enum Lambert93 {
    /// (latitude, longitude) of an easting `x` and northing `y` in metres; nil off the map.
    public static func toWGS84(x: Double, y: Double) -> (Double, Double)? {
        let n = 0.7256077650532670, c = 11_754_255.426096, xs = 700_000.0, ys = 12_655_612.049876
        let lambda0 = 3.0 * .pi / 180, e = 0.0818191910428158
        let dx = x - xs, dy = ys - y
        let r = (dx * dx + dy * dy).squareRoot()
        guard r > 0 else { return nil }
        let gamma = atan(dx / dy)
        let lambda = lambda0 + gamma / n
        let isometric = -log(abs(r / c)) / n
        var phi = 2 * atan(exp(isometric)) - .pi / 2
        for _ in 0..<50 {
            let s = e * sin(phi)
            let next = 2 * atan(pow((1 + s) / (1 - s), e / 2) * exp(isometric)) - .pi / 2
            if abs(next - phi) < 1e-12 { phi = next; break }
            phi = next
        }
        let lat = phi * 180 / .pi, lon = lambda * 180 / .pi
        guard lat.isFinite, lon.isFinite, abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        return (lat, lon)
    }

    /// Whether a point looks like France in WGS84: metropolitan France and Corsica.
    public static func inMetropolitanFrance(latitude: Double, longitude: Double) -> Bool {
        (41...51.5).contains(latitude) && (-5.5...10).contains(longitude)
    }
}

extension Lambert93 {
    /// The geometry's Lambert-93 metres as WGS84 longitude/latitude; nil when a position has no
    /// image (or, with `withinFrance`, falls outside metropolitan France).
    public static func toWGS84(_ shape: GeometryShape, withinFrance: Bool = false) -> GeometryShape? {
        shape.mapPositions { p in
            guard let (lat, lon) = toWGS84(x: p.x, y: p.y), !withinFrance || inMetropolitanFrance(latitude: lat, longitude: lon) else { return nil }
            return Position(lon, lat)
        }
    }

    /// The geometry's WGS84 longitude/latitude as Lambert-93 metres.
    public static func fromWGS84(_ shape: GeometryShape) -> GeometryShape? {
        shape.mapPositions { p in fromWGS84(latitude: p.y, longitude: p.x).map { Position($0.x, $0.y) } }
    }

    /// Easting and northing in metres of a WGS84 latitude and longitude (IGN's Lambert
    /// conformal conic on GRS80, the forward of `toWGS84`).
    public static func fromWGS84(latitude: Double, longitude: Double) -> (x: Double, y: Double)? {
        let n = 0.7256077650532670, c = 11_754_255.426096, xs = 700_000.0, ys = 12_655_612.049876
        let lambda0 = 3.0 * .pi / 180, e = 0.0818191910428158
        guard latitude.isFinite, longitude.isFinite, abs(latitude) < 90 else { return nil }
        let phi = latitude * .pi / 180, s = e * sin(phi)
        let isometric = log(tan(.pi / 4 + phi / 2) * pow((1 - s) / (1 + s), e / 2))
        let r = c * exp(-n * isometric)
        let gamma = n * (longitude * .pi / 180 - lambda0)
        return (xs + r * sin(gamma), ys - r * cos(gamma))
    }
}
