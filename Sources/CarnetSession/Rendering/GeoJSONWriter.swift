import CarnetCharts
import CarnetIO
import CarnetEngine

/// A FeatureCollection that uMap imports as it is: the geometries of a `geometry` column of
/// GeoJSON (a loaded GeoJSON file's: polygons, lines and points as they were), or Points in
/// WGS84, longitude first as GeoJSON wants (from latitude/longitude columns or a column of
/// points such as OpenDataSoft's Geo Point); every other column a property. Rows without a
/// valid geometry are left out and counted.
enum GeoJSONWriter {
    static func render(_ table: Table, latitude: String?, longitude: String?) throws -> (String, skipped: Int) {
        if latitude == nil, longitude == nil, let g = table.columnNames.firstIndex(where: { $0.lowercased() == "geometry" }),
           table.columns[g].type == .string, let first = (0..<table.rowCount).first(where: { !table.columns[g].isNull($0) }),
           GeoJSONGeometry.normalized(table.columns[g].value(at: first).plainText) != nil {
            return geometries(table, column: g)
        }
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

    /// Features whose geometry is the column's GeoJSON, as it was loaded.
    static func geometries(_ table: Table, column g: Int) -> (String, skipped: Int) {
        let keys = table.columnNames.map(JSONTableWriter.string)
        let properties = table.columns.indices.filter { $0 != g }
        var features: [String] = []
        var skipped = 0
        for row in 0..<table.rowCount {
            guard !table.columns[g].isNull(row), let geometry = GeoJSONGeometry.normalized(table.columns[g].value(at: row).plainText) else {
                skipped += 1
                continue
            }
            let props = properties.map { keys[$0] + ":" + JSONTableWriter.literal(table.columns[$0].value(at: row)) }.joined(separator: ",")
            features.append("{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{\(props)}}")
        }
        return ("{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n", skipped)
    }
}
