import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// Under `set locale fr`, what Carnet itself writes in a chart, a drafted note and a report is
/// French: no English word of Carnet's own reaches a French publication.
@Suite struct FrenchSessionTests {
    static let englishWords = ["count", "row", "rows", "column", "columns", "shown", "wrote", "chart", "Other", "drawn", "Made",
                               "categories", "Source:", "largest", "smallest", "exceeds", "hidden", "points in", "value", "from", "to", "of", "and"]

    /// Whole words of `text` that are on the English list.
    static func english(in text: String) -> [String] {
        let words = text.split(whereSeparator: { !$0.isLetter && $0 != ":" }).map { $0.hasSuffix(":") && $0 != "Source:" ? String($0.dropLast()) : String($0) }
        return englishWords.filter { w in words.contains(w) }
    }

    static func texts(ofSVG svg: String) -> String {
        var out: [String] = []
        var rest = svg[...]
        for tag in ["<text ", "<title", "<desc"] {
            rest = svg[...]
            while let open = rest.range(of: tag), let start = rest[open.upperBound...].firstIndex(of: ">"),
                  let close = rest[start...].range(of: "</") {
                out.append(String(rest[rest.index(after: start)..<close.lowerBound]))
                rest = rest[close.upperBound...]
            }
        }
        return out.joined(separator: "\n")
    }

    @Test func chartsNotesAndReportHaveNoEnglishWord() throws {
        let folder = try ScratchFolder.make("french")
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        session.run("load datasets/equipements-pays-de-lor-illustratif.csv as equipements")
        session.run("set locale fr")
        session.run("note # Zones d'activités")
        var svgs: [String] = []
        let charts = [
            "chart bar zae x=zone y=nb_entreprises top=5 source=\"Pays de l'Or\"",
            "chart histogram zae x=superficie_ha bins=4",
            "chart donut (SELECT EQUIP_TYPE, count(*) AS n FROM equipements GROUP BY 1) x=EQUIP_TYPE y=n top=4",
            "chart column equipements x=EQUIP_TYPE",
            "chart map equipements color=EQUIP_TYPE label=EQUIP_NOM",
        ]
        for (i, chart) in charts.enumerated() {
            let text = session.run(chart + " to '\(folder)/c\(i).svg'")
            #expect(Self.english(in: text.replacingOccurrences(of: "\(folder)/", with: "")).isEmpty, "\(chart): \(Self.english(in: text))\n\(text)")
            svgs.append(try String(contentsOfFile: "\(folder)/c\(i).svg", encoding: .utf8))
        }
        for (chart, svg) in zip(charts, svgs) {
            let words = Self.english(in: Self.texts(ofSVG: svg))
            #expect(words.isEmpty, "\(chart): \(words)")
        }
        let note = session.run("summarize zae")
        #expect(Self.english(in: note).isEmpty, "\(note)")
        session.run("show zae limit 3")
        session.run("export report '\(folder)/r.html'")
        var html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        // The commands are the user's (they read `chart bar … x=zone`), the SVGs were checked.
        while let open = html.range(of: "<pre class=\"command\">"), let close = html[open.upperBound...].range(of: "</pre>") {
            html.removeSubrange(open.lowerBound..<close.upperBound)
        }
        while let open = html.range(of: "<svg"), let close = html[open.upperBound...].range(of: "</svg>") {
            html.removeSubrange(open.lowerBound..<close.upperBound)
        }
        html = html.components(separatedBy: "<style>")[0] + (html.components(separatedBy: "</style>").last ?? "")
        var visible = ""
        var inTag = false
        for ch in html { if ch == "<" { inTag = true } else if ch == ">" { inTag = false; visible.append(" ") } else if !inTag { visible.append(ch) } }
        #expect(Self.english(in: visible).isEmpty, "\(Self.english(in: visible))")
        #expect(visible.contains("Provenance des données"))
        #expect(visible.contains("16 lignes × 3 colonnes"))
    }
}
