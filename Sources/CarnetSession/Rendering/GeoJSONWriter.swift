import CarnetCharts
import CarnetEngine

/// A FeatureCollection of Points that uMap imports as it is: coordinates in WGS84, longitude
/// first as GeoJSON wants, every other column a property. Rows without valid coordinates are
/// left out and counted.
enum GeoJSONWriter {
    static func render(_ table: Table, latitude: String?, longitude: String?) throws -> (String, skipped: Int) {
        func find(_ name: String?, _ names: [String], _ role: String) throws -> Int {
            guard let column = name ?? ChartBuilder.coordinateColumn(names, in: table) else {
                throw CommandError("no \(role) column found for GeoJSON", hint: "name it: with lat=COL lon=COL")
            }
            guard let index = table.columnIndex(named: column) else { throw CommandError("there is no column \(quotedText(column))") }
            guard table.columns[index].type.isNumeric else {
                throw CommandError("\(column) is \(table.columns[index].type), not a number", hint: "convert it first, e.g. CAST(split_part(\"Geo Point\", ',', 1) AS double)")
            }
            return index
        }
        let li = try find(latitude, ChartBuilder.latitudeNames, "latitude")
        let gi = try find(longitude, ChartBuilder.longitudeNames, "longitude")
        let lats = table.columns[li].doubleValues() ?? [], lons = table.columns[gi].doubleValues() ?? []
        let properties = table.columns.indices.filter { $0 != li && $0 != gi }
        let keys = table.columnNames.map(JSONTableWriter.string)
        var features: [String] = []
        var skipped = 0
        for row in 0..<table.rowCount {
            let lat = lats[row], lon = lons[row]
            guard !table.columns[li].isNull(row), !table.columns[gi].isNull(row), abs(lat) <= 90, abs(lon) <= 180 else { skipped += 1; continue }
            let props = properties.map { keys[$0] + ":" + JSONTableWriter.literal(table.columns[$0].value(at: row)) }.joined(separator: ",")
            features.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(Value.shortestText(lon)),\(Value.shortestText(lat))]},\"properties\":{\(props)}}")
        }
        return ("{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n", skipped)
    }
}
