@testable import CarnetCharts
import CarnetEngine
import CarnetTestSupport
import Testing

/// Maps with polygons: a choropleth and points over a background of outlines, drawn as text and
/// SVG against goldens (looked at once as PNG), and the classes checked against their definition.
@Suite struct MapLayerTests {
    static func geometries(_ wkt: [String?]) -> Column {
        let values = wkt.map { $0.map { try! Geometry.parse($0) } }
        var validity = ValidityBitmap(count: values.count, valid: true)
        for (i, v) in values.enumerated() where v == nil { validity.set(i, valid: false) }
        return Column(.geometry(GeometryColumn(values)), validity: validity)
    }

    /// Four made-up communes around the Étang de l'Or: one with a hole, one in two parts, one without a value.
    static let communes = Table(columnNames: ["nom", "population", "geometry"], columns: [
        Column(.string(StringColumn(["Mauguio", "Lansargues", "Candillargues", "Palavas"]))),
        Column(.double([17_000, 3_000, 1_500, 0]), validity: { var v = ValidityBitmap(count: 4, valid: true); v.set(3, valid: false); return v }()),
        geometries([
            "POLYGON ((3.93 43.56, 4.02 43.56, 4.02 43.64, 3.93 43.64, 3.93 43.56), (3.97 43.59, 3.99 43.59, 3.99 43.61, 3.97 43.61, 3.97 43.59))",
            "POLYGON ((4.02 43.60, 4.10 43.60, 4.10 43.68, 4.02 43.68, 4.02 43.60))",
            "MULTIPOLYGON (((4.02 43.56, 4.08 43.56, 4.08 43.60, 4.02 43.60, 4.02 43.56)), ((4.09 43.55, 4.11 43.55, 4.11 43.57, 4.09 43.55)))",
            "POLYGON ((3.88 43.51, 3.95 43.51, 3.95 43.56, 3.88 43.56, 3.88 43.51))",
        ]),
    ])

    static let places = Table(columnNames: ["nom", "lat", "lon"], columns: [
        Column(.string(StringColumn(["Mairie", "Port", "Gare"]))),
        Column(.double([43.6158, 43.5300, 43.6500])),
        Column(.double([3.9862, 3.9302, 4.0700])),
    ])

    @Test func choroplethGoldens() throws {
        var request = ChartRequest(kind: .map)
        request.color = "population"; request.classes = 3; request.label = "nom"; request.title = "Population (exemple)"
        let spec = try ChartBuilder.build(request, table: Self.communes, locale: .fr)
        let classes = try #require(spec.mapLayers.classes)
        #expect(classes.bounds.count == 3 && classes.missing == 1)
        #expect(spec.mapLayers.shapes.map(\.fill) == [2, 1, 0, nil])
        Golden.check(TextChartRenderer(width: 72).render(spec) + "\n", named: "choropleth.txt")
        Golden.check(TextChartRenderer(width: 72, style: TextStyle(unicode: false)).render(spec) + "\n", named: "choropleth-ascii.txt")
        let svg = SVGChartRenderer().render(spec)
        Golden.check(svg, named: "choropleth.svg")
        #expect(svg.contains("fill-rule=\"evenodd\""))
        #expect(svg.contains("1 500 – "), "class bounds in the locale: \(spec.accessibleDescription)")
    }

    @Test func pointsOverABackgroundGoldens() throws {
        var request = ChartRequest(kind: .map)
        request.label = "nom"
        let spec = try ChartBuilder.build(request, table: Self.places, background: Self.communes, locale: .fr)
        #expect(spec.mapLayers.background.count == 4 && spec.mapLayers.shapes.isEmpty)
        Golden.check(TextChartRenderer(width: 72).render(spec) + "\n", named: "map-background.txt")
        Golden.check(SVGChartRenderer().render(spec), named: "map-background.svg")
    }

    @Test func quantileAndEqualClassesFollowTheirDefinitions() {
        let values = (1...10).map(Double.init)
        let (q, qClass) = MapClasses.make(values, count: 5, method: .quantile)
        // numpy.percentile(1…10, [20, 40, 60, 80]) = 2.8, 4.6, 6.4, 8.2.
        let expected = [(1.0, 2.8), (2.8, 4.6), (4.6, 6.4), (6.4, 8.2), (8.2, 10.0)]
        #expect(q.bounds.count == 5 && zip(q.bounds, expected).allSatisfy { abs($0.0 - $1.0) < 1e-12 && abs($0.1 - $1.1) < 1e-12 })
        #expect(qClass.map { $0! } == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        let (e, eClass) = MapClasses.make(values + [.nan], count: 3, method: .equal)
        #expect(e.bounds.map(\.1) == [4, 7, 10] && e.missing == 1)
        #expect(eClass == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, nil])
        // Repeated values: breaks that coincide merge, fewer classes rather than empty ones.
        let (r, _) = MapClasses.make([1, 1, 1, 1, 1, 1, 1, 1, 2, 3], count: 5, method: .quantile)
        #expect(r.bounds.count < 5 && r.bounds.allSatisfy { $0.0 < $0.1 })
    }

    @Test func aBackgroundWithoutGeometryIsRefusedWithAHint() {
        #expect(throws: ChartError.self) { try ChartBuilder.build(ChartRequest(kind: .map), table: Self.places, background: Self.places, locale: .en) }
    }
}
