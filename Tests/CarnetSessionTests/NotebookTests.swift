import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

@Suite struct NotebookTests {
    static func folder() throws -> String {
        let path = try ScratchFolder.make("carnet-nb")
        try FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/charts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.dataset("zae-pays-de-lor.csv"), toPath: path + "/data/zae.csv")
        return path
    }

    @Test func parsingAndWritingBackIsIdentical() throws {
        let text = """
        # Titre\r
        Du texte *libre*, avec un bloc d'un autre langage :

        ```sql
        SELECT 1
        ```

        ```carnet
        load data/zae.csv as zae
        ```

        ```carnet-output
        loaded zae
        ```
        <!-- carnet-chart -->![Zones](charts/zae.svg)
        Fin sans saut de ligne
        """
        let doc = try NotebookDocument(parsing: text)
        #expect(doc.text == text)
        #expect(doc.cells.count == 1)
        #expect(doc.cells[0].command == "load data/zae.csv as zae")
        #expect(doc.cells[0].output == "loaded zae\n")
        #expect(doc.cells[0].chart?.path == "charts/zae.svg")
        #expect(doc.cells[0].line == 8)
    }

    @Test func brokenFenceNamesItsLine() {
        #expect { try NotebookDocument(parsing: "intro\n\n```carnet\nshow zae\n") } throws: {
            ($0 as? NotebookDocument.FormatError)?.line == 3
        }
        #expect { try NotebookDocument(parsing: "```carnet\nshow zae\n```\n```carnet-output\nx\n") } throws: {
            ($0 as? NotebookDocument.FormatError)?.line == 4
        }
    }

    @Test func outputsWithBackticksGetALongerFence() throws {
        var doc = NotebookDocument()
        doc.append(.init(command: "echo ```", output: "```\n", chart: nil, line: 0, raw: nil))
        let reread = try NotebookDocument(parsing: doc.text)
        #expect(reread.cells.first?.output == "```\n")
    }

    @Test func saveOpenAndCheckReplayTheSameResults() throws {
        let root = try Self.folder()
        let session = Session()
        session.baseDirectory = root
        session.run("load data/zae.csv as zae")
        session.run("note ## Zones\nLes zones **principales**.")
        session.run("chart bar zae x=zone y=nb_entreprises top=3 to charts/zae.svg")
        session.run("let grandes = SELECT * FROM zae WHERE nb_entreprises > 50")
        _ = session.execute("show nothing")  // failures are not recorded
        #expect(session.document.cells.count == 3)
        session.run("save notebook.md")
        let text = try String(contentsOfFile: root + "/notebook.md", encoding: .utf8)
        #expect(text.contains("```carnet\nload data/zae.csv as zae\n```"))
        #expect(text.contains("## Zones\nLes zones **principales**."))
        #expect(text.contains("<!-- carnet-chart -->![bar chart](charts/zae.svg)"))

        // Opened in another session: the same tables.
        let other = Session()
        other.run("open \(root)/notebook.md")
        #expect(other.workspace.entry(named: "grandes")?.table.rowCount == 4)
        #expect(other.baseDirectory == root)

        var runner = NotebookRunner()
        runner.check = true
        let report = runner.run(root + "/notebook.md")
        #expect(report.ok, "\(report.messages)")

        // The data changes: the check says which file and by how many rows.
        let csv = root + "/data/zae.csv"
        try (try String(contentsOfFile: csv, encoding: .utf8) + "Nouvelle;3;4\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let changed = runner.run(root + "/notebook.md")
        #expect(!changed.ok)
        #expect(changed.messages.contains { $0.contains("zae.csv changed since this notebook was saved: 16 → 17 rows") })
        #expect(changed.messages.contains { $0.contains("-loaded zae: 16 rows") && $0.contains("+loaded zae: 17 rows") })

        // A plain run rewrites the outputs; the check then passes.
        runner.check = false
        #expect(runner.run(root + "/notebook.md").ok)
        runner.check = true
        #expect(runner.run(root + "/notebook.md").ok)
    }

    @Test func savedPathsAreRelativeToTheNotebook() throws {
        let root = try Self.folder()
        try FileManager.default.createDirectory(atPath: root + "/sessions", withIntermediateDirectories: true)
        let session = Session()
        session.baseDirectory = root
        session.run("load data/zae.csv as zae")
        session.run("save sessions/zae.md")
        let text = try String(contentsOfFile: root + "/sessions/zae.md", encoding: .utf8)
        #expect(text.contains("load ../data/zae.csv as zae"))
        var runner = NotebookRunner()
        runner.check = true
        #expect(runner.run(root + "/sessions/zae.md").ok)
    }

    @Test func replayedNotebooksMayNotWriteOutsideTheirFolder() throws {
        let root = try Self.folder()
        try """
        ```carnet
        load data/zae.csv as zae
        ```

        ```carnet
        chart bar zae x=zone y=nb_entreprises to ../escape.svg
        ```
        """.write(toFile: root + "/nb.md", atomically: true, encoding: .utf8)
        let report = NotebookRunner().run(root + "/nb.md")
        #expect(!report.ok)
        #expect(report.messages.first?.contains("nb.md:5:") == true)
        #expect(report.messages.first?.contains("writes outside its own folder") == true)
        var trusting = NotebookRunner()
        trusting.allowOutside = true
        #expect(trusting.run(root + "/nb.md").ok)
    }

    @Test func openStopsAtAFailingCommandAndKeepsWhatRan() throws {
        let root = try Self.folder()
        try "```carnet\nload data/zae.csv as zae\n```\n\n```carnet\nshow missing\n```\n\n```carnet\ntables\n```\n".write(toFile: root + "/nb.md", atomically: true, encoding: .utf8)
        let session = Session()
        let error = session.failure("open \(root)/nb.md")
        #expect(error?.message.contains("nb.md:5: `show missing` failed") == true)
        #expect(session.workspace.entry(named: "zae") != nil)
        #expect(session.document.cells.count == 1)
    }

    @Test func undoRestoresTheStateBefore() throws {
        let root = try Self.folder()
        let session = Session()
        session.baseDirectory = root
        session.run("load data/zae.csv as zae")
        session.run("set locale fr")
        session.run("drop zae")
        #expect(session.workspace.entry(named: "zae") == nil)
        #expect(session.run("undo").contains("undid: drop zae"))
        #expect(session.workspace.entry(named: "zae") != nil)
        #expect(session.settings.locale == .fr)
        #expect(session.run("history") == "1  load data/zae.csv as zae\n2  set locale fr\n")
    }

    @Test func journalKeepsCommandsAndNotesForRecovery() throws {
        let root = try Self.folder()
        let session = Session()
        session.baseDirectory = root
        session.journal = Journal(path: root + "/journal-1.md")
        session.run("load data/zae.csv as zae")
        session.run("note Commentaire")
        session.run("count zae")
        #expect(Journal.entries(at: root + "/journal-1.md") == ["load data/zae.csv as zae", "note Commentaire", "count zae"])
    }

    @Test func sha256MatchesTheStandardVectors() throws {
        #expect(FileFingerprint.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(FileFingerprint.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let path = try Self.folder() + "/big.bin"
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(FileFingerprint.sha256(path) == FileFingerprint.sha256(bytes))
    }

    @Test func pinnedDialectOnReplay() {
        let output = "loaded t: 1 row × 1 column from t.csv (5 B)\n  delimiter ';' · encoding Windows-1252 · decimal ',' · header yes · line ends LF\n"
        #expect(NotebookRunner.pinningDialect("load t.csv as t", recorded: output) == "load t.csv as t with delimiter=';' encoding=cp1252 decimal=',' header=true")
        #expect(NotebookRunner.pinningDialect("load t.csv with delimiter=','", recorded: output) == "load t.csv with delimiter=','")
    }
}

/// Inputs the fuzzers found crashing, kept as regressions.
@Suite struct FuzzRegressionTests {
    @Test func notebookImageLinkWithParenthesisBeforeTheBracket() throws {
        for text in ["```carnet\nx\n```\n```carnet-output\ny\n```\n<!-- carnet-chart -->![a)](\n",
                     "```carnet\nx\n```\n```carnet-output\ny\n```\n<!-- carnet-chart -->![a]\n",
                     "```carnet\nx\n```\n```carnet-output\ny\n```\n<!-- carnet-chart -->![)](x)\n"] {
            let doc = try NotebookDocument(parsing: text)
            #expect(doc.text == text)
        }
        let found = Golden.read(Repository.root + "/Tests/Fixtures/fuzz-notebook-image-link.md") ?? ""
        if let doc = try? NotebookDocument(parsing: found) { #expect(doc.text == found) }
    }
}

extension FuzzRegressionTests {
    /// A date literal with an 18-digit year overflowed the day count.
    @Test func hugeYearInADateLiteralIsAnError() {
        let session = Session()
        #expect(session.failure("SELECT DATE '202299999999999999-12-31'")?.message.contains("is not a valid date") == true)
        #expect(session.failure("SELECT CAST('99999999999-01-01' AS date)")?.message.contains("cannot convert") == true)
        // FuzzSQL: a 13-digit minute overflowed the microsecond count.
        #expect(session.failure("SELECT TIMESTAMP '2022-04-04 12:9999999999955 30:00'")?.message.contains("is not a valid time") == true)
        #expect(session.failure("SELECT TIMESTAMP '2022-04-04 24:00:00'")?.message.contains("is not a valid time") == true)
        #expect(session.run("SELECT TIMESTAMP '2022-04-04 12:30'").contains("2022-04-04"))
    }
}
