import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// The HTML report people publish: real tables, no clutter, provenance kept aside, French
/// throughout in a French session, and a layout that fits a phone (checked in Chromium).
@Suite struct ReportTests {
    func budgetReport(_ options: String = "") throws -> (html: String, folder: String) {
        let folder = try ScratchFolder.make("report")
        let session = Session.withDatasets()
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as budget")
        session.run("set locale fr")
        session.run("note # Budget 2022")
        session.run("pivot budget rows section columns sens values sum(montant)")
        session.run("chart bar (SELECT libelle, sum(montant) AS montant FROM budget GROUP BY 1) x=libelle y=montant sort=desc top=12 unit=€ title=\"Budget primitif 2022 : les douze premiers chapitres, dépenses et recettes confondues\" to '\(folder)/budget.svg'")
        session.run("export report '\(folder)/report.html'\(options)")
        return (try String(contentsOfFile: folder + "/report.html", encoding: .utf8), folder)
    }

    @Test func tablesAreRealTablesWithoutClutter() throws {
        let (html, _) = try budgetReport()
        #expect(html.contains("<table>"))
        #expect(html.contains("<th class=\"num\">Dépense</th>"))
        #expect(html.contains("<td class=\"num\">106&#160;843&#160;500,00</td>"))
        // No drawn box, no type row, no row count; provenance only in the footer's details.
        let main = html.components(separatedBy: "<footer>")[0]
        #expect(!main.contains("┌") && !main.contains("decimal(2)") && !main.contains("rows ×") && !main.contains("lignes ×"))
        #expect(!main.contains("sha256"))
        #expect(html.contains("<details><summary>Provenance des données</summary>"))
        #expect(html.range(of: "SHA-256 <code>[0-9a-f]{64}</code>", options: .regularExpression) != nil)
        #expect(html.contains("<strong>budget</strong>\u{A0}: budget-primitif-2022-pays-de-lor.csv — 37 lignes × 5 colonnes"))
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("Fait avec Carnet"))
        #expect(!html.contains("Made with"))
        #expect(html.contains("<pre class=\"command\">"))
    }

    @Test func commandsCanBeHidden() throws {
        let (html, _) = try budgetReport(" with commands=false")
        #expect(!html.contains("<pre class=\"command\">"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<svg"))
    }

    /// Chromium lays the page out at 1280 and 390 pixels: the page never scrolls sideways (wide
    /// tables scroll in their own box) and no chart text is drawn smaller than 10 px.
    @Test func layoutFitsDesktopAndPhone() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Issue.record("chromium is missing: scripts/install-deps installs it")
            return
        }
        let (_, folder) = try budgetReport()
        // The report (folder/report.html) is measured inside an iframe of the exact width:
        // headless Chromium makes no window narrower than 500 px, so a 390 px window is 500 wide.
        for width in [1280, 390] {
            let probe = """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="page" src="report.html" style="width:\(width)px;height:900px;border:0"></iframe>
            <script>
            document.getElementById('page').addEventListener('load', () => {
              const frame = document.getElementById('page'), doc = frame.contentDocument;
              let min = 1e9, texts = 0;
              doc.querySelectorAll('figure svg').forEach(svg => {
                const box = svg.getBoundingClientRect();
                if (box.width === 0) return;
                const scale = box.width / svg.viewBox.baseVal.width;
                svg.querySelectorAll('text').forEach(t => { texts += 1; min = Math.min(min, parseFloat(t.getAttribute('font-size')) * scale); });
              });
              const out = document.createElement('pre');
              out.id = 'layout';
              out.textContent = JSON.stringify({scroll: doc.documentElement.scrollWidth, inner: frame.contentWindow.innerWidth, min: min, texts: texts});
              document.body.appendChild(out);
            });
            </script></body></html>
            """
            let page = folder + "/probe-\(width).html"
            try probe.write(toFile: page, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
                                 "--window-size=1400,1000", "--virtual-time-budget=3000", "--user-data-dir=\(folder)/chromium-\(width)",
                                 "--dump-dom", "file://" + page]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard let start = dom.range(of: "<pre id=\"layout\">"), let end = dom[start.upperBound...].range(of: "</pre>") else {
                Issue.record("width \(width): no layout measured (\(dom.prefix(200)))")
                continue
            }
            let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            let figures = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Double])
            #expect(figures["scroll"]! <= figures["inner"]!, "width \(width): the page is \(figures["scroll"]!) px wide in \(figures["inner"]!)")
            #expect(figures["texts"]! > 10, "width \(width): no chart text measured")
            #expect(figures["inner"]! == Double(width), "width \(width): measured at \(figures["inner"]!) px")
            #expect(figures["min"]! >= 10, "width \(width): chart text drawn at \(figures["min"]!) px")
        }
    }
}
