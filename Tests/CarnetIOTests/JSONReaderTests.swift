import CarnetEngine
@testable import CarnetIO
import Testing

/// GeoJSON, arrays of objects and NDJSON as tables: properties as columns in the file's order,
/// the geometry as GeoJSON text, values typed by the shared inference, and clear errors.
@Suite struct JSONReaderTests {
    func load(_ text: String, name: String = "data.json", crs: Int? = nil) throws -> (Table, LoadReport) {
        var options = LoadOptions()
        options.crs = crs
        return try TableReaders.load(path: TemporaryFile.write(Array(text.utf8), name: name), options: options)
    }

    static let geojson = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"code":"struc27","type":"Conteneur verre","volume":4,"ouvert":true,"insee":"34154","montant":1200.50},"geometry":{"type":"Point","coordinates":[3.8985631,43.6086416]}},
        {"type":"Feature","properties":{"code":"struc98","type":"D\\u00e9ch\\u00e8terie \\"Or\\"","volume":null,"ouvert":false,"insee":"34022","horaires":{"lundi":"9h-12h"}},"geometry":{"type":"Point","coordinates":[3.9259396,43.5294559]}},
        {"type":"Feature","properties":{"code":"zone1","type":"ZAE","volume":2.5,"ouvert":true,"insee":"01004"},"geometry":{"type":"MultiPolygon","coordinates":[[[[3.9,43.6],[3.91,43.6],[3.91,43.61],[3.9,43.6]]]]}},
        {"type":"Feature","properties":{"code":"vide"},"geometry":null}
        ]}
        """

    @Test func aFeatureCollectionIsATable() throws {
        let (t, report) = try load(Self.geojson, name: "pav.geojson")
        #expect(t.columnNames == ["code", "type", "volume", "ouvert", "insee", "montant", "horaires", "geometry"])
        #expect(t.rowCount == 4)
        #expect(report.reader == "JSON")
        #expect(report.format == "GeoJSON, 4 features")
        #expect(t.column(named: "volume")?.type == .decimal(scale: 1))
        #expect(t.column(named: "ouvert")?.type == .bool)
        #expect(t.column(named: "insee")?.type == .string)
        #expect(t.strings("insee") == ["34154", "34022", "01004", nil])
        #expect(t.strings("montant") == ["1200.50", nil, nil, nil])
        #expect(t.strings("type")[1] == "Déchèterie \"Or\"")
        #expect(t.strings("horaires")[1] == "{\"lundi\":\"9h-12h\"}")
        #expect(t.column(named: "geometry")?.type == .geometry)
        #expect(t.strings("geometry")[0] == "POINT (3.8985631 43.6086416)")
        #expect(t.strings("geometry")[2] == "MULTIPOLYGON (((3.9 43.6, 3.91 43.6, 3.91 43.61, 3.9 43.6)))")
        #expect(t.strings("geometry")[3] == nil)
        // The points are found where maps and GeoJSON exports look for them.
        let points = try CoordinateLocator.locate(t)
        #expect(points.latitudes[0] == 43.6086416 && points.longitudes[0] == 3.8985631)
    }

    @Test func lambert93GeometriesBecomeWGS84() throws {
        // A point near Mauguio in Lambert-93 (EPSG:2154); PROJ gives 43.619032468 N 3.990832128 E.
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"Mairie"},"geometry":{"type":"Point","coordinates":[780000.0,6280500.0]}}]}"#
        let (t, report) = try load(text, name: "l93.geojson", crs: 2154)
        let points = try CoordinateLocator.locate(t)
        #expect(abs(points.latitudes[0] - 43.619032468) < 1e-5)
        #expect(abs(points.longitudes[0] - 3.990832128) < 1e-5)
        #expect(report.format?.contains("Lambert-93 converted to WGS84") == true)
    }

    @Test func arraysObjectsAndNDJSON() throws {
        let (array, _) = try load(#"[{"commune":"Mauguio","population":17000},{"commune":"Carnon","population":null,"note":"station"}]"#)
        #expect(array.columnNames == ["commune", "population", "note"])
        #expect(array.column(named: "population")?.type == .int64)
        #expect(array.strings("note") == [nil, "station"])
        let (wrapped, _) = try load(#"{"total_count":2,"results":[{"a":1},{"a":2}]}"#)
        #expect(wrapped.columnNames == ["a"] && wrapped.rowCount == 2)
        let (lines, report) = try load("{\"a\":1,\"b\":\"x\"}\n\n{\"a\":2.5,\"b\":\"y\"}\n", name: "data.ndjson")
        #expect(lines.rowCount == 2)
        #expect(lines.column(named: "a")?.type == .decimal(scale: 1))
        #expect(report.format == "NDJSON, 2 records")
    }

    @Test func brokenJSONIsSaidWithItsLineAndColumn() {
        func message(_ text: String, name: String = "data.json") -> String {
            do { _ = try load(text, name: name); return "" } catch { return "\(error)" }
        }
        #expect(message("[{\"a\":1},\n{\"a\":2,}]").contains("data.json:2: the JSON is not valid"))
        #expect(message("[{\"a\":1},\n{\"a\":2,}]").contains("expected a key in quotes"))
        #expect(message("{\"type\":\"FeatureCollection\",\"features\":[").contains("truncated"))
        #expect(message("[1, 2]").contains("item 1 of the array is not an object"))
        #expect(message("42").contains("not a table"))
        #expect(message("{\"a\":1}\nnot json\n", name: "x.ndjson").contains("x.ndjson:2: the JSON is not valid"))
        #expect(message(String(repeating: "[", count: 600)).contains("nested more than 512 deep"))
        #expect(message("[\"\\u12\"]").contains("four hexadecimal digits"))
    }

    @Test func valuesRoundTripAsJSONText() throws {
        let text = #"{"k":[1,-2.5e3,"a\"b\\c\n",true,null,{"x":{}}]}"#
        let value = try Array(text.utf8).withUnsafeBufferPointer { try JSONParser.parse($0) }
        #expect(value.text == text)
        #expect(try Array(value.text.utf8).withUnsafeBufferPointer { try JSONParser.parse($0) } == value)
        let surrogate = try Array(#"["\ud83c\udf0a"]"#.utf8).withUnsafeBufferPointer { try JSONParser.parse($0) }
        #expect(surrogate == .array([.string("🌊")]))
    }
}
