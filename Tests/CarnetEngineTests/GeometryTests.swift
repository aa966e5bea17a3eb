import CarnetEngine
import Testing

/// Geometries read and written as WKT, GeoJSON and WKB, and measured; damaged input is an error.
@Suite struct GeometryTests {
    static let holed = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))"

    @Test func wktRoundTripsEveryKind() throws {
        let texts = ["POINT (3.9 43.6)", "POINT EMPTY", "LINESTRING (0 0, 1 1, 2 0.5)", Self.holed,
                     "MULTIPOINT ((1 2), (3 4))", "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
                     "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), (5.2 5.1, 5.8 5.1, 5.8 5.5, 5.2 5.1)))",
                     "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))", "POLYGON EMPTY"]
        for text in texts {
            let g = try Geometry.parse(text)
            #expect(g.wkt == text)
            // Through WKB and back, and through GeoJSON and back.
            #expect(try WKB.decode(g.wkb) == g.shape)
            if !g.shape.isEmpty { #expect(try GeoJSONGeometry.parse(GeoJSONGeometry.format(g.shape)) == g.shape, "\(text)") }
        }
    }

    @Test func wktVariantsReadAsTheSameShape() throws {
        #expect(try Geometry.parse("point(1 2)").shape == .point(Position(1, 2)))
        #expect(try Geometry.parse("SRID=2154;POINT (770000 6280000)").shape == .point(Position(770000, 6280000)))
        #expect(try Geometry.parse("POINT Z (1 2 3)").shape == .point(Position(1, 2)))
        #expect(try Geometry.parse("MULTIPOINT (1 2, 3 4)").shape == .multiPoint([Position(1, 2), Position(3, 4)]))
        // PostGIS's hexadecimal EWKB with an SRID.
        #expect(try Geometry.parse("0101000020E6100000000000000000F03F0000000000000040").shape == .point(Position(1, 2)))
    }

    @Test func geoJSONCellsAsPortalsWriteThem() throws {
        let cell = #"{"type": "Polygon", "coordinates": [[[3.9, 43.5], [4.0, 43.5], [4.0, 43.6], [3.9, 43.5]]]}"#
        #expect(try Geometry.parse(cell).wkt == "POLYGON ((3.9 43.5, 4 43.5, 4 43.6, 3.9 43.5))")
        let feature = #"{"type":"Feature","properties":{"nom":"x"},"geometry":{"type":"Point","coordinates":[3.9,43.6,12]}}"#
        #expect(try Geometry.parse(feature).shape == .point(Position(3.9, 43.6)))
    }

    @Test func damagedInputIsAnErrorThatSaysWhere() {
        for (text, words) in [("POLYGON ((0 0, 1 0, 1 1", "ends early"), ("POINT (1 x)", "character 10"), ("CIRCLE (0 0, 1)", "not a WKT geometry type"),
                              (#"{"type":"Polygon"}"#, "no \"coordinates\""), (#"{"type":"Point","coordinates":[1]}"#, "two numbers"),
                              ("POINT (1 2) extra", "after the geometry")] {
            do {
                _ = try Geometry.parse(text)
                Issue.record("\(text) was read")
            } catch {
                #expect(error.message.contains(words), "\(text): \(error.message)")
            }
        }
        // A WKB count far larger than the bytes: an error, not an allocation.
        var bytes: [UInt8] = [1, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: GeometryError.self) { try WKB.decode(bytes) }
        bytes = [1, 99, 0, 0, 0]
        #expect(throws: GeometryError.self) { try WKB.decode(bytes) }
        // Deep nesting stops at a limit.
        let deep = String(repeating: "GEOMETRYCOLLECTION (", count: 40) + "POINT (1 2)" + String(repeating: ")", count: 40)
        #expect(throws: GeometryError.self) { try Geometry.parse(deep) }
    }

    @Test func bigEndianWKBReads() throws {
        // 00 (big-endian), type 1, x = 1.0, y = 2.0.
        let bytes: [UInt8] = [0, 0, 0, 0, 1, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]
        #expect(try WKB.decode(bytes) == .point(Position(1, 2)))
    }

    @Test func planarMeasuresOfAHoledSquare() throws {
        let g = try Geometry.parse(Self.holed).shape
        #expect(g.planarArea == 96)
        #expect(!g.isGeographic || g.planarArea == 96)
        #expect(g.containsPoint(Position(1, 1)))
        #expect(!g.containsPoint(Position(3, 3)))
        #expect(!g.containsPoint(Position(11, 1)))
        let c = try #require(g.centroid)
        // (100·(5,5) − 4·(3,3)) / 96.
        #expect(abs(c.x - 488.0 / 96) < 1e-12 && abs(c.y - 488.0 / 96) < 1e-12)
        // Lambert-93 metres are not degrees: the area is planar, in m².
        let l93 = try Geometry.parse("POLYGON ((770000 6280000, 771000 6280000, 771000 6281000, 770000 6281000, 770000 6280000))").shape
        #expect(!l93.isGeographic && l93.area == 1_000_000)
    }

    @Test func containsAPolygonOnlyWhenNoEdgeCrosses() throws {
        let outer = try Geometry.parse("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))").shape
        #expect(outer.contains(try Geometry.parse("POLYGON ((1 1, 2 1, 2 2, 1 1))").shape))
        #expect(!outer.contains(try Geometry.parse("POLYGON ((1 1, 12 1, 2 2, 1 1))").shape))
        let holed = try Geometry.parse(Self.holed).shape
        // Vertices all inside, but the hole sits within: an edge crosses the hole's.
        #expect(!holed.contains(try Geometry.parse("POLYGON ((1 1, 5 1, 5 5, 1 5, 1 1))").shape))
        #expect(holed.intersects(try Geometry.parse("LINESTRING (-1 5, 11 5)").shape))
        #expect(!holed.intersects(try Geometry.parse("POINT (3 3)").shape))
    }

    @Test func gridIndexAgreesWithTheDirectTest() throws {
        var generator = SystemRandomNumberGenerator()
        var shapes: [GeometryShape?] = [nil]
        for k in 0..<200 {
            let x = Double(k % 20) * 3, y = Double(k / 20) * 3
            shapes.append(try Geometry.parse("POLYGON ((\(x) \(y), \(x + 4) \(y), \(x + 2) \(y + 4), \(x) \(y)), (\(x + 1.5) \(y + 0.5), \(x + 2.5) \(y + 0.5), \(x + 2) \(y + 1.5), \(x + 1.5) \(y + 0.5)))").shape)
        }
        // Nested squares over everything: each would sit in every cell of a fine grid.
        for k in 0..<300 {
            let d = Double(k) * 0.01
            shapes.append(try Geometry.parse("POLYGON ((\(-1 - d) \(-1 - d), \(61 + d) \(-1 - d), \(61 + d) \(31 + d), \(-1 - d) \(-1 - d)))").shape)
        }
        let index = PolygonGridIndex(shapes)
        for _ in 0..<5000 {
            let p = Position(Double.random(in: -2...64, using: &generator), Double.random(in: -2...34, using: &generator))
            var found: [Int] = []
            index.forEachPolygon(containingX: p.x, y: p.y) { found.append($0) }
            let direct = shapes.indices.filter { shapes[$0]?.containsPoint(p) ?? false }
            #expect(found.sorted() == direct, "\(p)")
        }
    }

    /// FuzzGeometry's findings: coordinates of 1e45 or 6e200 made grid cell numbers trap.
    @Test func hugeCoordinatesDoNotTrap() throws {
        for text in ["MULTIPOLYGON (((702000 6200000, 7030001111111111111111111111111111111112 6200000, 703000 6200000)))",
                     "POLYGON ((700000 6200000, 701000 000000, 701000 620100, 0 6e200, 700000 6200000))"] {
            let shape = try Geometry.parse(text).shape
            let index = PolygonGridIndex([shape, nil])
            index.forEachPolygon(containingX: 0.5, y: 0.5) { _ in }
            index.forEachCandidate(meeting: shape.bounds) { _ in }
            _ = shape.area
        }
    }

    @Test func lambert93RoundTrip() throws {
        let (x, y) = try #require(Lambert93.fromWGS84(latitude: 43.6, longitude: 3.9))
        let (lat, lon) = try #require(Lambert93.toWGS84(x: x, y: y))
        #expect(abs(lat - 43.6) < 1e-9 && abs(lon - 3.9) < 1e-9)
    }
}
