import CarnetCharts
import CarnetIO
import CarnetEngine

/// A FeatureCollection that uMap imports as it is: the geometries of a geometry column (a loaded
/// GeoJSON file's polygons, lines and points, or any geometry a query made), or Points in WGS84,
/// longitude first as GeoJSON wants (from latitude/longitude columns or a column of points such
/// as OpenDataSoft's Geo Point); every other column a property. Rows without a valid geometry
/// are left out and counted.
enum GeoJSONWriter {
    static func render(_ table: Table, latitude: String?, longitude: String?) throws -> (String, skipped: Int) {
        var found: Result<CoordinateLocator.Points, CoordinateLocator.Failure>
        do { found = .success(try CoordinateLocator.locate(table, latitude: latitude, longitude: longitude)) } catch { found = .failure(error) }
        if latitude == nil, longitude == nil, let g = table.geometryColumnIndex {
            // A `geometry` column, or one the points would only come from, is written whole
            // (polygons stay polygons); Geo Point beside a Geo Shape still gives the points.
            if table.columnNames[g].lowercased() == "geometry" || (try? found.get())?.columns ?? [g] == [g] {
                return geometries(table, column: g)
            }
        }
        let located: CoordinateLocator.Points
        switch found {
        case .success(let points): located = points
        case .failure(let error):
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

    /// GeoJSON is longitude/latitude (RFC 7946): projected metres are read as Lambert-93, the one
    /// projection of French open data, and converted; those that do not land in France are left out.
    static func wgs84(_ shape: GeometryShape) -> GeometryShape? {
        shape.isGeographic ? shape : Lambert93.toWGS84(shape, withinFrance: true)
    }

    /// Features whose geometry is the column's, written as GeoJSON.
    static func geometries(_ table: Table, column g: Int) -> (String, skipped: Int) {
        let keys = table.columnNames.map(JSONTableWriter.string)
        let properties = table.columns.indices.filter { $0 != g }
        var features: [String] = []
        var skipped = 0
        guard case .geometry(let shapes) = table.columns[g].buffer else { return ("", 0) }
        for row in 0..<table.rowCount {
            guard !table.columns[g].isNull(row), let shape = shapes.shape(at: row).flatMap(wgs84), !shape.isEmpty else {
                skipped += 1
                continue
            }
            let props = properties.map { keys[$0] + ":" + JSONTableWriter.literal(table.columns[$0].value(at: row)) }.joined(separator: ",")
            features.append("{\"type\":\"Feature\",\"geometry\":\(GeoJSONGeometry.format(shape)),\"properties\":{\(props)}}")
        }
        return ("{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n", skipped)
    }
}
