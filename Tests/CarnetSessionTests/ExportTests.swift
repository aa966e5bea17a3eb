import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

@Suite struct ExportTests {
    func folder() throws -> String {
        try ScratchFolder.make("carnet-export")
    }

    @Test func tablesInEveryFormat() throws {
        let dir = try folder()
        let session = Session.withDatasets()
        session.run("load datasets/subventions-principales-pays-de-lor.csv as s")
        session.run("export (SELECT * FROM s LIMIT 2) to \(dir)/s.csv")
        session.run("export (SELECT * FROM s LIMIT 2) to \(dir)/fr.csv with dialect=fr")
        session.run("export (SELECT * FROM s LIMIT 2) to \(dir)/s.json")
        session.run("export (SELECT * FROM s LIMIT 2) to \(dir)/s.ndjson")
        #expect(try String(contentsOfFile: dir + "/s.csv", encoding: .utf8) == "objet,montant\r\nRemboursements titres-restaurants,116000.00\r\nAide à l'insertion,109000.00\r\n")
        let french = try Data(contentsOf: URL(fileURLWithPath: dir + "/fr.csv"))
        #expect(Array(french.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: french.dropFirst(3), as: UTF8.self) == "objet;montant\r\nRemboursements titres-restaurants;116000,00\r\nAide à l'insertion;109000,00\r\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/s.json"))) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.first?["objet"] as? String == "Remboursements titres-restaurants")
        #expect(try String(contentsOfFile: dir + "/s.ndjson", encoding: .utf8).split(separator: "\n").count == 2)
    }

    /// A table sent to colleagues in spreadsheets, and read back: the same rows and the same total.
    @Test func workbooksForColleagues() throws {
        let dir = try folder()
        let session = Session.withDatasets()
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as budget")
        let total = session.run("SELECT sum(montant) AS total FROM budget")
        for ext in ["xlsx", "ods"] {
            let said = session.run("export budget to \(dir)/budget.\(ext)")
            #expect(said.hasPrefix("wrote budget.\(ext): "), "\(said)")
            session.run("load \(dir)/budget.\(ext) as back_\(ext)")
            #expect(session.run("SELECT sum(montant) AS total FROM back_\(ext)") == total)
            #expect(session.workspace.entry(named: "back_\(ext)")?.report?.sheet == "budget")
            #expect(session.workspace.entry(named: "back_\(ext)")?.table.column(named: "chapitre")?.type == .string)
        }
        session.run("export (SELECT libelle FROM budget LIMIT 1) to \(dir)/q.xlsx")
        #expect(session.workspace.entry(named: "budget") != nil)
        session.run("load \(dir)/q.xlsx as q")
        #expect(session.workspace.entry(named: "q")?.report?.sheet == "q")
    }

    /// A loaded GeoJSON goes back out with its geometries as they were (a polygon stays a
    /// polygon), its properties beside them.
    @Test func geoJSONGeometriesRoundTrip() throws {
        let dir = try folder()
        let session = Session.withDatasets()
        session.run("load Tests/Fixtures/pav-sample.geojson as p")
        let said = session.run("export p to \(dir)/p.geojson")
        #expect(said.contains("3 rows"), "\(said)")
        session.run("load \(dir)/p.geojson as back")
        let before = session.workspace.entry(named: "p")!.table, after = session.workspace.entry(named: "back")!.table
        #expect(after.columnNames == before.columnNames)
        for name in ["geometry", "code", "volume", "insee"] {
            #expect((0..<3).map { after.column(named: name)!.value(at: $0) } == (0..<3).map { before.column(named: name)!.value(at: $0) }, "\(name)")
        }
        #expect(after.column(named: "geometry")!.type == .geometry)
        #expect(after.column(named: "geometry")!.value(at: 2).plainText.hasPrefix("POLYGON (("))
    }

    /// An HTML map is one file: Leaflet inlined, the table's geometries and the background's
    /// outlines as GeoJSON, no markup from the data or the title, no script cut short.
    @Test func htmlMapIsOneFileWithItsDataAndBackground() throws {
        let dir = try folder()
        let session = Session.withDatasets()
        session.run("load Tests/Fixtures/geometry/zones.csv as zones")
        session.run("load Tests/Fixtures/pav-sample.geojson as p")
        let said = session.run("export p to \(dir)/carte.html with background=zones title=\"PAV </script><b>x</b>\"")
        #expect(said.contains("carte.html"), "\(said)")
        let html = try String(contentsOfFile: dir + "/carte.html", encoding: .utf8)
        #expect(html.contains("L.geoJSON(background"))
        #expect(html.contains("\"type\":\"Polygon\""), "the polygon of the sample stays a polygon")
        #expect(html.contains("tile.openstreetmap.org"))
        #expect(!html.contains("<b>x</b>"), "the title is escaped")
        #expect(html.components(separatedBy: "</script>").count == 3, "exactly two script elements, neither cut short")
        #expect(!html.contains("src=\"http"), "nothing is loaded but tiles")
        let error = session.failure("export p to \(dir)/x.html with background=nulle")
        #expect(error?.message.contains("no table") == true)
    }

    @Test func failedExportLeavesTheOldFile() throws {
        let dir = try folder()
        try "ancien".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let session = Session.withDatasets()
        _ = session.failure("export (SELECT nope FROM nothing) to \(dir)/x.csv")
        _ = session.failure("export (SELECT 1) to \(dir)/missing-folder/x.csv")
        #expect(try String(contentsOfFile: dir + "/x.csv", encoding: .utf8) == "ancien")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.csv"])
    }

    /// A write killed before its rename leaves `NAME.tmp-PID`; the next write to NAME removes
    /// those whose process is gone, and only those.
    /// A killed workbook export leaves its zip and its spooled sheet: the next export sweeps both.
    @Test func temporaryFilesOfKilledWorkbookExportsAreSwept() throws {
        let dir = try folder()
        let dead = [dir + "/x.xlsx.tmp-2147483646", dir + "/x.xlsx.tmp-2147483646.sheet1"]
        let alive = dir + "/x.xlsx.tmp-\(getppid()).sheet1"
        for path in dead + [alive] { try "half".write(toFile: path, atomically: false, encoding: .utf8) }
        let session = Session()
        session.run("export (SELECT 1 AS n) to \(dir)/x.xlsx")
        for path in dead { #expect(!FileManager.default.fileExists(atPath: path), "\(path)") }
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: dir + "/x.xlsx"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tmp-\(getpid())") }.isEmpty)
    }

    @Test func temporaryFilesOfKilledWritesAreSwept() throws {
        let dir = try folder()
        let dead = dir + "/x.csv.tmp-2147483646"  // above any pid_max: no such process
        let alive = dir + "/x.csv.tmp-\(getppid())"
        let other = dir + "/y.csv.tmp-2147483646"
        for path in [dead, alive, other] { try "half".write(toFile: path, atomically: false, encoding: .utf8) }
        let session = Session()
        session.run("export (SELECT 1 AS n) to \(dir)/x.csv")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(FileManager.default.fileExists(atPath: dir + "/x.csv"))
    }

    @Test func reportEscapesProseAndDataAndInlinesCharts() throws {
        let dir = try folder()
        let session = Session()
        session.baseDirectory = dir
        session.run("note # Rapport <script>alert(1)</script>\nUn lien [sûr](https://data.gouv.fr) et un [piège](javascript:alert(1)), du **gras** & des \"guillemets\".")
        session.run("let t = SELECT '<b>A & B</b>' AS nom, 3 AS n")
        session.run("chart bar t x=nom y=n title='Titre <i>' to chart.svg")
        session.run("export report report.html")
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(!html.contains("<script>"))
        #expect(html.contains("<h1>Rapport &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(html.contains("<a href=\"https://data.gouv.fr\">sûr</a>"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<strong>gras</strong> &amp; des &quot;guillemets&quot;"))
        #expect(html.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("id=\"chart-title-1w\"") && html.contains("id=\"chart-title-1n\""))
        #expect(!html.contains("src=\"http"), "no external resource")
    }
}

@Suite struct GeoJSONExportTests {
    /// The structure a GeoJSON validator checks (RFC 7946): a FeatureCollection of Features with
    /// Point geometries in longitude, latitude order, within range, and properties objects.
    static func validate(_ data: Data) throws -> Int {
        let root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        let features = try #require(root["features"] as? [[String: Any]])
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let coordinates = try #require(geometry["coordinates"] as? [Double])
            #expect(coordinates.count == 2)
            #expect(abs(coordinates[0]) <= 180 && abs(coordinates[1]) <= 90)
            #expect(feature["properties"] is [String: Any])
        }
        return features.count
    }

    @Test func dropOffPointsAndDefibrillatorsBecomeValidGeoJSON() throws {
        let dir = try ScratchFolder.make("carnet-geojson")
        let session = Session.withDatasets()
        session.run("load datasets/points-apport-volontaire-pays-de-lor.csv as pav")
        session.run("export pav to \(dir)/pav.geojson")
        #expect(try Self.validate(Data(contentsOf: URL(fileURLWithPath: dir + "/pav.geojson"))) == 233)
        let pav = try String(contentsOfFile: dir + "/pav.geojson", encoding: .utf8)
        #expect(pav.contains("\"coordinates\":[3.8985631,43.6086416]"), "longitude first")

        session.run("load datasets/defibrillateurs-toulouse.csv as dae")
        let out = session.run("export (SELECT nom_site, lat_of(\"Geo Point\") AS latitude, lon_of(\"Geo Point\") AS longitude FROM dae) to \(dir)/dae.geojson")
        #expect(out.hasPrefix("wrote dae.geojson: 93 rows"))
        #expect(try Self.validate(Data(contentsOf: URL(fileURLWithPath: dir + "/dae.geojson"))) == 93)

        let skipped = session.run("export (SELECT 'a' AS nom, NULL AS lat, 3.5 AS lon UNION ALL SELECT 'b', 43.5, 3.9) to \(dir)/one.geojson")
        #expect(skipped.contains("1 row(s) without valid coordinates were left out"))
        #expect(try Self.validate(Data(contentsOf: URL(fileURLWithPath: dir + "/one.geojson"))) == 1)
    }
}

@Suite struct SafeExportTests {
    @Test func formulasAreNeutralisedOnRequest() throws {
        let dir = try ScratchFolder.make("carnet-safe")
        let session = Session()
        session.run("let t = SELECT '=HYPERLINK(\"http://x\")' AS a, '-2' AS b, 'ok' AS c, -3 AS n")
        let out = session.run("export t to \(dir)/safe.csv with safe=true")
        #expect(out.contains("2 cell(s) starting with = + - or @ were prefixed"))
        #expect(try String(contentsOfFile: dir + "/safe.csv", encoding: .utf8) == "a,b,c,n\r\n\"'=HYPERLINK(\"\"http://x\"\")\",'-2,ok,-3\r\n")
        session.run("export t to \(dir)/plain.csv")
        #expect(try String(contentsOfFile: dir + "/plain.csv", encoding: .utf8).contains("\"=HYPERLINK("))
        #expect(session.run("help export").contains("safe=true"))
    }
}

/// Data never acts on the terminal: escape sequences, bidi overrides and line breaks in cells are
/// shown as visible symbols.
@Suite struct TerminalSafetyTests {
    @Test func hostileCellsAreSanitisedInDrawnTables() {
        var names = StringColumnBuilder()
        for v in ["\u{1B}[31mrouge\u{1B}[0m", "abc\u{202E}def", "deux\nlignes", "\u{07}bip"] { names.append(v) }
        let session = Session()
        session.workspace.put(NamedTable(name: "h", table: Table(columnNames: ["x\u{1B}]0;title\u{07}"], columns: [Column(.string(names.build()))]), source: nil, report: nil))
        let drawn = session.run("show h")
        #expect(!drawn.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(drawn.contains("deux↵lignes"))
        session.settings.output = .markdown
        #expect(!session.run("show h").unicodeScalars.contains { $0.value == 0x1B })
    }

    /// Markdown output (`set output markdown`, `export … to .md`) keeps data as text when the
    /// file is rendered: no HTML, no emphasis, no links, no broken columns.
    @Test func hostileCellsStayTextInMarkdown() throws {
        let dir = try ScratchFolder.make("carnet-markdown")
        let session = Session()
        session.run("let t = SELECT '<script>alert(1)</script>' AS a, '*gras* _x_ [lien](javascript:alert(1))' AS b, 'a|b & `c`' AS c")
        session.run("export t to \(dir)/t.md")
        let text = try String(contentsOfFile: dir + "/t.md", encoding: .utf8)
        #expect(text.contains(#"\<script\>alert(1)\</script\>"#))
        #expect(text.contains(#"\*gras\* \_x\_ \[lien\](javascript:alert(1))"#))
        #expect(text.contains(#"a\|b \& \`c\`"#))
        #expect(!text.contains("<script>"))
        // Every row still has its three cells.
        #expect(text.split(separator: "\n").allSatisfy { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 4 })
    }
}

