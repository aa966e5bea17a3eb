import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

@Suite struct ExportTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
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

    @Test func failedExportLeavesTheOldFile() throws {
        let dir = try folder()
        try "ancien".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let session = Session.withDatasets()
        _ = session.failure("export (SELECT nope FROM nothing) to \(dir)/x.csv")
        _ = session.failure("export (SELECT 1) to \(dir)/missing-folder/x.csv")
        #expect(try String(contentsOfFile: dir + "/x.csv", encoding: .utf8) == "ancien")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.csv"])
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
        #expect(html.contains("id=\"chart-title-1\""))
        #expect(!html.contains("src=\"http"), "no external resource")
    }
}
