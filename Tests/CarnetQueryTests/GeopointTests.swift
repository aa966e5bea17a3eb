import CarnetEngine
@testable import CarnetQuery
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct GeopointTests {
    /// Reference points computed with PROJ (pyproj 3, EPSG:2154 → EPSG:4326): Paris, Montpellier,
    /// Corsica, Brittany, Strasbourg, Mauguio, Nantes.
    static let reference: [(x: Double, y: Double, lat: Double, lon: Double)] = [
        (652381.0, 6862047.0, 48.856699082, 2.350999077),
        (770000.0, 6280000.0, 43.615592332, 3.866920790),
        (1240000.0, 6100000.0, 41.801095415, 9.489658550),
        (170000.0, 6780000.0, 47.905694197, -4.103456081),
        (1050000.0, 6840000.0, 48.565518045, 7.746459879),
        (780000.0, 6280500.0, 43.619032468, 3.990832128),
        (355000.0, 6690000.0, 47.220588601, -1.561433378),
    ]

    /// Distance in metres between two WGS84 points (haversine).
    static func metres(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let r = 6_371_008.8, toRad = Double.pi / 180
        let dLat = (b.0 - a.0) * toRad, dLon = (b.1 - a.1) * toRad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * toRad) * cos(b.0 * toRad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(h.squareRoot())
    }

    @Test func lambert93WithinAMetreOfPROJ() {
        for p in Self.reference {
            let (lat, lon) = Geopoint.lambert93ToWGS84(x: p.x, y: p.y)!
            #expect(Self.metres((lat, lon), (p.lat, p.lon)) < 1.0, "\(p)")
        }
    }

    @Test func sqlFunctions() throws {
        let catalog = TableCatalog(names: []) { _ in nil }
        guard case .table(let t, _) = try QueryEngine.run(
            "SELECT lat_of(l93_to_wgs84(652381.0, 6862047.0)), lon_of('43.5850789334, 1.43591944506'), lat_of('pas un point'), lat_of('95, 2')",
            catalog: catalog) else { Issue.record("no table"); return }
        #expect(abs(t.columns[0].value(at: 0).doubleValue - 48.856699) < 1e-5)
        #expect(t.columns[1].value(at: 0) == .double(1.43591944506))
        #expect(t.columns[2].isNull(0))
        #expect(t.columns[3].isNull(0))
    }
}

private extension Value {
    var doubleValue: Double {
        if case .double(let d) = self { return d }
        return .nan
    }
}
