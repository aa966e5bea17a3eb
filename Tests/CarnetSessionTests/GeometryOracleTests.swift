import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// Carnet's geometry beside shapely and pyproj (Tests/Fixtures/geometry/shapely_oracle.py):
/// 80 random polygons around the Hérault (a third with holes, a fifth multipolygons) and 6,000
/// points. The spatial join must find exactly the (polygon, point) pairs shapely's `contains`
/// finds, the row-by-row st_contains must agree on them and on as many misses, geodesic areas
/// must be within 0.5 % of pyproj's, centroids equal shapely's, and Lambert-93 equal PROJ's.
@Suite struct GeometryOracleTests {
    static func oracle() throws -> (Session, String) {
        let folder = try ScratchFolder.make("carnet-geometry")
        let script = try #require(Golden.read(Repository.root + "/Tests/Fixtures/geometry/shapely_oracle.py"))
        _ = try Python3.runInTestVenv(script, arguments: [folder, "7"])
        let session = Session()
        for (file, name) in [("polygons", "g"), ("points", "q"), ("contains", "want"), ("measures", "m"), ("lambert93", "l")] {
            session.run("load \(folder)/\(file).csv as \(name)")
        }
        return (session, folder)
    }

    static func rows(_ session: Session, _ sql: String) -> [[String]] {
        session.run("create table result as " + sql)
        guard let t = session.workspace.entry(named: "result")?.table else { return [] }
        return (0..<t.rowCount).map { r in t.columns.map { $0.value(at: r).plainText } }
    }

    @Test func spatialJoinFindsShapelysPairs() throws {
        let (session, _) = try Self.oracle()
        #expect(session.workspace.entry(named: "g")?.table.column(named: "wkt")?.type == .geometry)
        let want = Self.rows(session, "SELECT pid, qid FROM want ORDER BY pid, qid")
        #expect(want.count > 500, "the oracle found \(want.count) pairs")
        let joined = Self.rows(session, "SELECT g.pid, q.qid FROM g JOIN q ON st_contains(g.wkt, st_point(q.lon, q.lat)) ORDER BY 1, 2")
        #expect(joined == want)
        // The same condition in WHERE over a comma join, and st_within with the sides swapped.
        let within = Self.rows(session, "SELECT g.pid, q.qid FROM q, g WHERE st_within(st_point(q.lon, q.lat), g.wkt) ORDER BY 1, 2")
        #expect(within == want)
        #expect(session.run("explain SELECT * FROM g JOIN q ON st_contains(g.wkt, st_point(q.lon, q.lat))").contains("SpatialJoin"))
        // A LEFT join keeps the polygons without a point, counted 0.
        let counts = Self.rows(session, "SELECT g.pid, count(q.qid) FROM g LEFT JOIN q ON st_contains(g.wkt, st_point(q.lon, q.lat)) GROUP BY g.pid ORDER BY g.pid")
        let expected = Self.rows(session, "SELECT g.pid, count(w.qid) FROM g LEFT JOIN want w ON w.pid = g.pid GROUP BY g.pid ORDER BY g.pid")
        #expect(counts.count == 80 && counts == expected)
    }

    @Test func rowByRowContainsAgrees() throws {
        let (session, _) = try Self.oracle()
        // The pairs shapely found, and for each the next point, mostly a miss.
        let hits = Self.rows(session, """
            SELECT count(*), sum(CASE WHEN st_contains(g.wkt, st_point(q.lon, q.lat)) THEN 1 ELSE 0 END)
            FROM want w JOIN g ON g.pid = w.pid JOIN q ON q.qid = w.qid
            """)
        #expect(hits.first?[0] == hits.first?[1])
        let misses = Self.rows(session, """
            SELECT count(*) FROM want w JOIN g ON g.pid = w.pid JOIN q ON q.qid = w.qid + 1
            WHERE st_contains(g.wkt, st_point(q.lon, q.lat))
              AND NOT EXISTS (SELECT 1 FROM want x WHERE x.pid = w.pid AND x.qid = w.qid + 1)
            """)
        #expect(misses.first?[0] == "0")
    }

    @Test func areasCentroidsAndLambert93() throws {
        let (session, _) = try Self.oracle()
        let area = Self.rows(session, "SELECT max(abs(st_area(g.wkt) / m.area_m2 - 1)) FROM g JOIN m USING (pid)")
        let areaError = try #require(Double(area.first?[0] ?? ""))
        #expect(areaError < 0.005, "largest relative area difference \(areaError)")
        let centroid = Self.rows(session, """
            SELECT max(abs(st_x(st_centroid(g.wkt)) - m.centroid_x) + abs(st_y(st_centroid(g.wkt)) - m.centroid_y)) FROM g JOIN m USING (pid)
            """)
        #expect(try #require(Double(centroid.first?[0] ?? "")) < 1e-9)
        let l93 = Self.rows(session, """
            SELECT max(abs(st_x(st_transform(st_point(q.lon, q.lat), 'EPSG:4326', 'EPSG:2154')) - l.x)
                     + abs(st_y(st_transform(st_point(q.lon, q.lat), 'EPSG:4326', 'EPSG:2154')) - l.y)),
                   max(abs(st_x(st_transform(st_point(l.x, l.y), 'EPSG:2154', 'EPSG:4326')) - q.lon)
                     + abs(st_y(st_transform(st_point(l.x, l.y), 'EPSG:2154', 'EPSG:4326')) - q.lat))
            FROM q JOIN l USING (qid)
            """)
        // A millimetre in metres, a ten-millionth of a millimetre in degrees.
        #expect(try #require(Double(l93.first?[0] ?? "")) < 1e-3)
        #expect(try #require(Double(l93.first?[1] ?? "")) < 1e-11)
    }
}
