import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// Points as French portals publish them: OpenDataSoft's `Geo Point` ("lat, lon" in one
/// field), GeoJSON positions and geometries, WKT — found for maps and GeoJSON exports alike.
@Suite struct GeoPointTests {
    @Test func pointTextForms() {
        #expect(GeoPointText.parse("43.5850789334, 1.43591944506")! == (43.5850789334, 1.43591944506))
        #expect(GeoPointText.parse("[1.4359, 43.585]")! == (43.585, 1.4359))
        #expect(GeoPointText.parse("{\"type\": \"Point\", \"coordinates\": [1.4359, 43.585]}")! == (43.585, 1.4359))
        #expect(GeoPointText.parse("POINT (3.98 43.61)")! == (43.61, 3.98))
        #expect(GeoPointText.parse("{\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, 4]]]}") == nil)
        #expect(GeoPointText.parse("148.85, 1.2") == nil)
        #expect(GeoPointText.parse("Mauguio") == nil)
        #expect(GeoPointText.parse("") == nil)
    }

    @Test func defibrillatorsMapFromTheirGeoPoint() throws {
        let session = Session.withDatasets()
        session.run("load datasets/defibrillateurs-toulouse.csv as d")
        let out = session.run("chart map d")
        #expect(out.contains("93 points · latitude 43.55 to 43.65"), "\(out)")
        #expect(session.run("chart map d label=nom_site").contains("93 points"))
    }

    @Test func geoJSONFromAGeoPointColumn() throws {
        let folder = try ScratchFolder.make("geopoint")
        let session = Session.withDatasets()
        session.run("load datasets/defibrillateurs-toulouse.csv as d")
        session.run("export d to '\(folder)/d.geojson'")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/d.geojson"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 93)
        let first = try #require(features.first?["geometry"] as? [String: Any])
        let position = try #require(first["coordinates"] as? [Double])
        // Longitude first, as RFC 7946 says; the Geo Point's text is not repeated as a property.
        #expect(abs(position[0] - 1.43591944506) < 1e-9 && abs(position[1] - 43.5850789334) < 1e-9)
        #expect((features.first?["properties"] as? [String: Any])?["Geo Point"] == nil)
        // Another spelling: geo_point_2d from the SQL side.
        session.run("let g = SELECT \"Geo Point\" AS geo_point_2d, nom_site FROM d")
        #expect(session.run("chart map g").contains("93 points"))
        session.run("let c = SELECT '[' || lon_of(\"Geo Point\") || ', ' || lat_of(\"Geo Point\") || ']' AS coordonnees FROM d")
        #expect(session.run("chart map c").contains("93 points"))
    }

    @Test func manyColoursAreGroupedInOthers() {
        let session = Session.withDatasets()
        session.run("load datasets/points-apport-volontaire-pays-de-lor.csv as pav")
        session.run("set locale fr")
        let out = session.run("chart map pav color=type", width: 100)
        #expect(out.contains("Autres (5)"), "\(out)")
        #expect(out.contains("233 points · latitude 43,51 à 43,66"))
        #expect(out.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 100 })
    }

    @Test func noPointGetsAReason() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as z")
        #expect(session.failure("chart map z")?.message.contains("no column of points such as Geo Point") ?? false)
        #expect(session.failure("export z to /tmp/z.geojson")?.hint?.contains("with lat=COL lon=COL") ?? false)
    }
}
