import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// `param NAME = VALUE` and `carnet run -P NAME=VALUE --output`: last year's analysis replayed on
/// this year's file into a new notebook, its commentary's live values computed anew.
@Suite struct ParameterTests {
    @Test func substitutionInCommandsNotInRecords() {
        #expect(Parameters.substitute("load $fichier as t; ${annee}x $inconnu $", ["fichier": "a.csv", "annee": "2023"]) == "load a.csv as t; 2023x $inconnu $")
        let session = Session.withDatasets()
        session.run("param fichier = datasets/zae-pays-de-lor.csv")
        session.run("load $fichier as zae")
        #expect(session.workspace.entry(named: "zae")?.table.rowCount == 16)
        #expect(session.document.cells.map(\.command).contains("load $fichier as zae"))
        #expect(session.failure("param 2x = 1") != nil)
    }

    @Test func replayOnNextYearsFileIntoANewNotebook() throws {
        let folder = try ScratchFolder.make("params")
        let source = try String(contentsOfFile: Repository.root + "/datasets/zae-pays-de-lor.csv", encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/nb", withIntermediateDirectories: true)
        try source.write(toFile: folder + "/data/zae-2022.csv", atomically: true, encoding: .utf8)
        try source.replacingOccurrences(of: "Ecoparc;130;", with: "Ecoparc;150;").write(toFile: folder + "/data/zae-2023.csv", atomically: true, encoding: .utf8)

        let session = Session()
        session.baseDirectory = folder
        session.run("param fichier = data/zae-2022.csv")
        session.run("param annee = 2022")
        session.run("load $fichier as zae")
        session.run("set locale fr")
        session.run("note En $annee, les ZAE comptent {{SELECT sum(nb_entreprises) FROM zae}} entreprises.")
        session.run("count zae")
        session.run("save nb/zae.md")

        var check = NotebookRunner()
        check.check = true
        #expect(check.run(folder + "/nb/zae.md").ok, "\(check.run(folder + "/nb/zae.md").messages)")

        var next = NotebookRunner()
        next.parameters = ["fichier": "../data/zae-2023.csv", "annee": "2023"]
        next.outputPath = folder + "/nb/zae-2023.md"
        let report = next.run(folder + "/nb/zae.md")
        #expect(report.ok, "\(report.messages)")
        let old = try String(contentsOfFile: folder + "/nb/zae.md", encoding: .utf8)
        let new = try String(contentsOfFile: folder + "/nb/zae-2023.md", encoding: .utf8)
        #expect(old.contains("En <!--{{$annee}}-->2022<!--/-->, les ZAE comptent <!--{{SELECT sum(nb_entreprises) FROM zae}}-->912<!--/--> entreprises."))
        #expect(new.contains("En <!--{{$annee}}-->2023<!--/-->, les ZAE comptent <!--{{SELECT sum(nb_entreprises) FROM zae}}-->932<!--/--> entreprises."))
        #expect(new.contains("param fichier = ../data/zae-2023.csv\n"))
        #expect(new.contains("from zae-2023.csv"))
        // The new notebook stands on its own: it replays identically without -P.
        #expect(check.run(folder + "/nb/zae-2023.md").ok)

        var unknown = NotebookRunner()
        unknown.parameters = ["nope": "1"]
        let refused = unknown.run(folder + "/nb/zae.md")
        #expect(!refused.ok)
        #expect(refused.messages.first?.contains("the notebook has no `param nope = …` (its parameters: fichier, annee)") ?? false)
    }
}
