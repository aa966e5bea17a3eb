import CarnetCharts
import CarnetEngine

/// A FeatureCollection of Points that uMap imports as it is: coordinates in WGS84, longitude
/// first as GeoJSON wants (from latitude/longitude columns or a column of points such as
/// OpenDataSoft's Geo Point), every other column a property. Rows without valid coordinates are
/// left out and counted.
enum GeoJSONWriter {
    static func render(_ table: Table, latitude: String?, longitude: String?) throws -> (String, skipped: Int) {
        let located: CoordinateLocator.Points
        do { located = try CoordinateLocator.locate(table, latitude: latitude, longitude: longitude) } catch {
            throw CommandError(error.message + " for GeoJSON", hint: error.hint.replacingEvery("name them: ", with: "name them: with "))
        }
        let lats = located.latitudes, lons = located.longitudes
        let properties = table.columns.indices.filter { !located.columns.contains($0) }
        let keys = table.columnNames.map(JSONTableWriter.string)
        var features: [String] = []
        var skipped = 0
        for row in 0..<table.rowCount {
            let lat = lats[row], lon = lons[row]
            guard !lat.isNaN, !lon.isNaN, abs(lat) <= 90, abs(lon) <= 180 else { skipped += 1; continue }
            let props = properties.map { keys[$0] + ":" + JSONTableWriter.literal(table.columns[$0].value(at: row)) }.joined(separator: ",")
            features.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(Value.shortestText(lon)),\(Value.shortestText(lat))]},\"properties\":{\(props)}}")
        }
        return ("{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n", skipped)
    }
}
