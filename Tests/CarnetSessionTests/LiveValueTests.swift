import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// `{{SELECT …}}` in notes: the value is written in, stored with its query, computed again on
/// replay; a changed value fails `--check` with the sentence before and after.
@Suite struct LiveValueTests {
    @Test func aNoteStoresTheQueryAndShowsTheValue() throws {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        session.run("set locale fr")
        let out = session.run("note Les ZAE comptent {{SELECT sum(nb_entreprises) FROM zae}} entreprises.")
        #expect(out.contains("Les ZAE comptent 912 entreprises."))
        #expect(session.document.text.contains("Les ZAE comptent <!--{{SELECT sum(nb_entreprises) FROM zae}}-->912<!--/--> entreprises."))
        // Money gets its unit, years none of their separators.
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as b")
        #expect(session.run("note {{SELECT sum(montant) FROM b WHERE sens = 'Recette'}}").contains("106 840 000\u{A0}€"))
        // A decimal with no fraction is written without one; one with a fraction keeps its digits.
        #expect(session.run("note {{SELECT 12.50 AS montant}}").contains(": 12,50\u{A0}€"))
        // `| UNIT` after the query names the unit; `||` stays SQL's concatenation.
        #expect(session.run("note {{SELECT sum(superficie_ha) AS s FROM zae | ha}}").contains("\u{A0}ha"))
        #expect(session.run("note {{SELECT round(12.345, 1) AS part | %}}").contains(": 12,3\u{A0}%"))
        #expect(session.run("note {{SELECT 'n°' || 130 AS x}}").contains(": n°130"))
        #expect(session.run("note {{SELECT 2022 AS annee}}").contains(": 2022"))
        #expect(session.failure("note {{SELECT zone FROM zae}}")?.message.contains("gives 16 row(s) × 1 column(s)") ?? false)
        #expect(session.failure("note {{SELECT nope FROM zae}}")?.message.contains("the live value {{SELECT nope FROM zae}} fails") ?? false)
        #expect(session.failure("note {{SELECT 1")?.message.contains("never closed") ?? false)
    }

    @Test func replayChecksAndRewritesTheValues() throws {
        let folder = try ScratchFolder.make("live")
        let csv = folder + "/zae.csv"
        try String(contentsOfFile: Repository.root + "/datasets/zae-pays-de-lor.csv", encoding: .utf8).write(toFile: csv, atomically: true, encoding: .utf8)
        let session = Session()
        session.baseDirectory = folder
        session.run("load zae.csv as zae")
        session.run("set locale fr")
        session.run("note Ecoparc compte {{SELECT nb_entreprises FROM zae WHERE zone = 'Ecoparc'}} des {{SELECT sum(nb_entreprises) FROM zae}} entreprises. Cette phrase ne change pas.")
        session.run("save zae.md")
        #expect(NotebookRunner().run(folder + "/zae.md").ok)
        var check = NotebookRunner()
        check.check = true
        #expect(check.run(folder + "/zae.md").ok)

        // Next year's file: Ecoparc has 150 companies instead of 130.
        let edited = try String(contentsOfFile: csv, encoding: .utf8).replacingOccurrences(of: "Ecoparc;130;", with: "Ecoparc;150;")
        try edited.write(toFile: csv, atomically: true, encoding: .utf8)
        let failed = check.run(folder + "/zae.md")
        #expect(!failed.ok)
        let message = try #require(failed.messages.first { $0.contains("a live value in the commentary changed") })
        #expect(message.contains("recorded: Ecoparc compte 130 des 912 entreprises."))
        #expect(message.contains("now:      Ecoparc compte 150 des 932 entreprises."))
        #expect(!message.contains("Cette phrase"))

        #expect(NotebookRunner().run(folder + "/zae.md").ok)
        let text = try String(contentsOfFile: folder + "/zae.md", encoding: .utf8)
        #expect(text.contains("-->150<!--/--> des <!--{{SELECT sum(nb_entreprises) FROM zae}}-->932<!--/--> entreprises."))
        #expect(check.run(folder + "/zae.md").ok)
    }

    @Test func theReportShowsValuesNotQueries() throws {
        let folder = try ScratchFolder.make("live-report")
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        session.run("note Les ZAE comptent {{SELECT sum(nb_entreprises) FROM zae}} entreprises.")
        session.run("export report '\(folder)/r.html'")
        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("Les ZAE comptent 912 entreprises."))
        #expect(!html.contains("{{"))
    }
}
