import CarnetEngine

#if canImport(Glibc)
import Glibc
#endif

/// Geopoints as open data writes them: `"lat, lon"` in one field (OpenDataSoft's Geo Point),
/// and Lambert-93 (EPSG:2154) metres converted to WGS84 degrees.
enum Geopoint {
    /// The latitude or longitude of `"lat, lon"` texts; NULL when the text is not two numbers.
    static func part(_ column: Column, latitude: Bool) -> Column {
        guard case .string(let s) = column.buffer else { return column }
        var values = [Double](repeating: 0, count: column.count)
        var validity = ValidityBitmap(count: column.count, valid: true)
        for row in 0..<column.count {
            guard !column.isNull(row), let (lat, lon) = parse(s.string(at: row)) else { validity.set(row, valid: false); continue }
            values[row] = latitude ? lat : lon
        }
        return Column(.double(values), validity: validity)
    }

    static func parse(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: ",").map { $0.trimmingSpaces() }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        return (lat, lon)
    }

    /// `"lat, lon"` from Lambert-93 x (easting) and y (northing), by IGN's inverse of the
    /// Lambert conformal conic on GRS80 (RGF93 and WGS84 agree to the metre, no datum shift).
    static func fromLambert93(_ xs: Column, _ ys: Column) -> Column {
        let x = xs.doubleValues() ?? [], y = ys.doubleValues() ?? []
        var builder = StringColumnBuilder()
        var validity = ValidityBitmap(count: xs.count, valid: true)
        for row in 0..<xs.count {
            guard !xs.isNull(row), !ys.isNull(row), let (lat, lon) = lambert93ToWGS84(x: x[row], y: y[row]) else {
                builder.appendNull(); validity.set(row, valid: false); continue
            }
            builder.append(Value.shortestText(rounded(lat)) + ", " + Value.shortestText(rounded(lon)))
        }
        return Column(.string(builder.build()), validity: validity)
    }

    /// Eight decimals of a degree: about a millimetre.
    private static func rounded(_ v: Double) -> Double { (v * 1e8).rounded() / 1e8 }

    static func lambert93ToWGS84(x: Double, y: Double) -> (Double, Double)? {
        Lambert93.toWGS84(x: x, y: y)
    }
}
