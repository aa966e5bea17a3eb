/// Reads a point written in one cell, in the forms French portals publish: OpenDataSoft's
/// `"43.58, 1.43"` (latitude first), a GeoJSON position `[1.43, 43.58]` or Point geometry
/// `{"type": "Point", "coordinates": [1.43, 43.58]}` (longitude first, as GeoJSON says), and
/// WKT `POINT (1.43 43.58)`.
public enum GeoPointText {
    /// Latitude and longitude in degrees, or nil when the text is not a point within range.
    public static func parse(_ text: String) -> (latitude: Double, longitude: Double)? {
        var t = Substring(text).trimmingSpaces
        if t.isEmpty { return nil }
        var longitudeFirst = false
        if t.hasPrefix("{") {
            // A GeoJSON geometry: only Points have one position.
            guard t.contains("\"Point\""), let open = t.range(of: "["), let close = t[open.upperBound...].range(of: "]") else { return nil }
            t = t[open.lowerBound..<close.upperBound]
        }
        if t.uppercased().hasPrefix("POINT") {
            guard let open = t.firstIndex(of: "("), let close = t.lastIndex(of: ")"), open < close else { return nil }
            let parts = t[t.index(after: open)..<close].split(whereSeparator: { $0 == " " }).map { Double($0) }
            guard parts.count == 2, let lon = parts[0], let lat = parts[1] else { return nil }
            return valid(lat, lon)
        }
        if t.hasPrefix("["), t.hasSuffix("]") {
            longitudeFirst = true
            t = t.dropFirst().dropLast()
        }
        let parts = t.split(separator: ",").map { Double($0.trimmingSpaces) }
        guard parts.count == 2, let a = parts[0], let b = parts[1] else { return nil }
        return longitudeFirst ? valid(b, a) : valid(a, b)
    }

    private static func valid(_ lat: Double, _ lon: Double) -> (latitude: Double, longitude: Double)? {
        abs(lat) <= 90 && abs(lon) <= 180 && lat.isFinite && lon.isFinite ? (lat, lon) : nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
