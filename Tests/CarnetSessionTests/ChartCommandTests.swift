import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// The charts of the Pays de l'Or samples, one command each, as text and SVG goldens.
@Suite struct ChartCommandTests {
    static let pavKinds = """
        (SELECT longitude, latitude, CASE WHEN type LIKE 'D%' THEN 'Déchèterie' WHEN type LIKE '%verre%' AND type NOT LIKE '%papier%' THEN 'Verre' WHEN type LIKE '%papier%' THEN 'Papier et emballages' ELSE 'Autre' END AS type FROM pav)
        """

    static let charts: [(name: String, command: String)] = [
        ("budget-by-category", "chart bar budget x=libelle y=montant series=sens sort=desc title='Budget primitif 2022 : dépenses et recettes par chapitre' source='Pays de l''Or (reconstitué d''après les graphiques publiés)'"),
        ("zae-companies", "chart bar zae x=zone y=nb_entreprises sort=desc title='Entreprises par zone d''activités' source='Pays de l''Or (reconstitué)'"),
        ("zae-areas", "chart histogram zae x=superficie_ha bins=6 title='Superficie des zones d''activités (ha)'"),
        ("pav-map", "chart map \(pavKinds) color=type title='Points d''apport volontaire'"),
    ]

    /// A chart is drawn once per width: the notebook's copy (recorded as the command runs) is
    /// handed to a terminal of the same width, and another width draws it anew, once.
    @Test func aChartIsDrawnOncePerWidth() throws {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        guard case .success(let output, recorded: true) = session.execute("chart bar zae x=zone y=nb_entreprises"),
              case .chart(let drawing) = output.blocks.first else {
            Issue.record("no chart"); return
        }
        #expect(drawing.drawingCount == 1)  // the notebook's, at Session.notebookWidth
        let notebook = session.document.cells.last?.output ?? ""
        let terminal = TextRendering.chart(drawing, settings: session.settings, width: Session.notebookWidth, colors: false)
        #expect(notebook.contains(terminal))
        #expect(drawing.drawingCount == 1)
        let narrow = TextRendering.chart(drawing, settings: session.settings, width: 60, colors: false)
        #expect(narrow != terminal)
        _ = TextRendering.chart(drawing, settings: session.settings, width: 60, colors: false)
        #expect(drawing.drawingCount == 2)
    }

    @Test(arguments: charts.map(\.name))
    func paysDeLOrCharts(_ name: String) throws {
        let session = Session.withDatasets()
        session.settings.locale = .fr
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as budget")
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        session.run("load datasets/points-apport-volontaire-pays-de-lor.csv as pav")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-charts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let command = Self.charts.first { $0.name == name }!.command + " to \(folder)/\(name).svg"
        let text = session.run(command, width: 90)
        Golden.check(text.replacingOccurrences(of: folder, with: "FOLDER"), named: "chart-\(name).txt")
        let svg = try String(contentsOfFile: "\(folder)/\(name).svg", encoding: .utf8)
        Golden.check(svg, named: "chart-\(name).svg")
    }

    @Test func chartErrorsAreCommandErrors() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        #expect(session.failure("chart bars zae x=zone")?.hint == "did you mean bar?")
        #expect(session.failure("chart bar zae x=zone y=zone")?.message.contains("needs numbers") == true)
        #expect(session.failure("chart bar zae x=zone y=nb_entreprises to /nonexistent/folder/x.svg")?.message.contains("does not exist") == true)
        #expect(session.failure("chart bar zae x=zone y=nb_entreprises to x.png")?.message.contains("SVG") == true)
        #expect(session.failure("chart bar zae x=zone colour2=x")?.message.contains("no option") == true)
        #expect(session.failure("chart bar (SELECT * FROM zae WHERE nb_entreprises > 1000) x=zone y=nb_entreprises")?.message.contains("nothing to draw") == true)
    }
}
