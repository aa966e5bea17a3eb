@testable import CarnetSession
import CarnetTestSupport
import Testing

/// A replayed load whose file changed says how before the diff: rows, columns, types, dialect.
@Suite struct DriftTests {
    @Test func driftReportNamesEveryChange() {
        let recorded = """
        loaded zae: 16 rows × 3 columns from zae.csv (376 B)
          delimiter ';' · encoding UTF-8 · decimal ',' · header yes · line ends LF
          zone            text
          nb_entreprises  integer
          superficie_ha   integer
          sha256 1be8502d557270df…
        """
        let fresh = """
        loaded zae: 14 rows × 3 columns from zae.csv (350 B)
          delimiter ',' · encoding Windows-1252 · decimal '.' · header yes · line ends CRLF
          zone            text
          nb_entreprises  double
          commune         text
          sha256 99e8502d557270df…
        """
        let drift = NotebookRunner.changedInput(recorded: recorded, fresh: fresh) ?? ""
        #expect(drift.contains("zae.csv changed since this notebook was saved: 16 → 14 rows (-2)"))
        #expect(drift.contains("columns added: commune"))
        #expect(drift.contains("columns removed: superficie_ha"))
        #expect(drift.contains("column nb_entreprises: integer → double"))
        #expect(drift.contains("read differently: delimiter ';'"))
        #expect(NotebookRunner.changedInput(recorded: recorded, fresh: recorded) == nil)
        // NULL counts come from the recorded input lines, matched by column name.
        let nulls = NotebookRunner.changedInput(recorded: recorded, fresh: fresh, nulls: ([0, 0, 2], [0, 3, 1])) ?? ""
        #expect(nulls.contains("column nb_entreprises: 0 → 3 NULLs"))
        #expect(!nulls.contains("column zone:") && !nulls.contains("column commune: "))
    }

    /// Under `set locale fr` the load report is French, and a French notebook's drift is found
    /// the same way.
    @Test func frenchLoadReportsAndTheirDrift() throws {
        let session = Session.withDatasets()
        session.run("set locale fr")
        let report = session.run("load datasets/zae-pays-de-lor.csv as zae")
        #expect(report.hasPrefix("chargé zae\u{A0}: 16 lignes × 3 colonnes depuis zae-pays-de-lor.csv (376 o)\n  séparateur ';' · encodage UTF-8 · décimale ',' · en-tête oui · fins de ligne LF\n"), "\(report)")
        #expect(!report.contains("loaded") && !report.contains("delimiter"))
        let fresh = report.replacingEvery("16 lignes", with: "17 lignes").replacingEvery("sha256 1be8", with: "sha256 2be8")
        let drift = NotebookRunner.changedInput(recorded: report, fresh: fresh) ?? ""
        #expect(drift.contains("zae-pays-de-lor.csv changed since this notebook was saved: 16 → 17 rows (+1)"), "\(drift)")
    }

    /// Load warnings come in the session's language: readers write both.
    @Test func frenchLoadMessages() {
        let session = Session.withDatasets()
        session.run("set locale fr")
        let report = session.run("load datasets/subventions-toulouse-2022.csv as t")
        #expect(report.contains("attention\u{A0}: colonne 'idAttribuant'\u{A0}: 396 identifiant(s) en notation scientifique"), "\(report)")
        #expect(!report.contains("warning:") && !report.contains("scientific notation ("))
        #expect(report.contains("idAttribuant           text        (notation scientifique)"), "\(report)")
        let workbook = session.run("load Tests/Fixtures/marches-publics-2015.xlsx as m")
        #expect(workbook.contains("  feuille XLSX 'Problemes' (1 sur 2\u{A0}: Problemes, Ajout_SIRET_geoloc) · en-tête oui"), "\(workbook)")
        #expect(workbook.contains("attention\u{A0}: 966 ligne(s) vide(s) en fin de feuille laissée(s) de côté"))
        session.run("set locale en")
        let english = session.run("load datasets/subventions-toulouse-2022.csv as t")
        #expect(english.contains("warning: column 'idAttribuant': 396 identifier(s) in scientific notation"))
        #expect(english.contains("(scientific notation)"))
    }

    /// A replay of a file whose blanks grew says so before the diff, from the recorded `nulls=`.
    @Test func nullCountsAreRecordedAndCompared() throws {
        let folder = try ScratchFolder.make("drift-nulls")
        try "zone;n\nA;1\nB;2\nC;3\n".write(toFile: folder + "/z.csv", atomically: true, encoding: .utf8)
        let session = Session()
        session.baseDirectory = folder
        session.run("load z.csv as z")
        #expect(session.document.text.contains("nulls=\"0,0\""))
        session.run("save z.md")
        try "zone;n\nA;1\nB;\nC;\n".write(toFile: folder + "/z.csv", atomically: true, encoding: .utf8)
        var check = NotebookRunner()
        check.check = true
        let result = check.run(folder + "/z.md")
        #expect(!result.ok)
        #expect(result.messages.contains { $0.contains("column n: 0 → 2 NULLs") }, "\(result.messages)")
    }

    @Test func loadsRecordTheirInputStructured() throws {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        let text = session.document.text
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("<!-- carnet-input ") })
        let record = try #require(InputRecord(line: String(line)))
        #expect(record.file == "zae-pays-de-lor.csv" && record.rows == 16 && record.columns == 3 && record.bytes == 376)
        #expect(record.sha256.count == 64 && record.carnet == CarnetVersion.current)
        #expect(record.options == "delimiter=';' decimal=',' encoding=utf8 header=true")
        // Read back from the notebook, and used to pin the replay.
        let parsed = try NotebookDocument(parsing: text)
        #expect(parsed.cells.first?.input == record)
        #expect(parsed.text == text)
        #expect(NotebookRunner.pinningDialect("load x.csv as x", recorded: nil, input: record) == "load x.csv as x with delimiter=';' decimal=',' encoding=utf8 header=true")
        let tricky = InputRecord(carnet: "1", file: "a \"b\" --> c.csv", sha256: "00", bytes: 1, rows: 2, columns: 3, options: "delimiter='\\'")
        #expect(InputRecord(line: tricky.line.trimmingLineEnd()) == tricky)
        let counted = InputRecord(carnet: "1", file: "a.csv", sha256: "00", bytes: 1, rows: 2, columns: 3, options: "", nulls: [0, 4, 1])
        #expect(InputRecord(line: counted.line.trimmingLineEnd())?.nulls == [0, 4, 1])
        #expect(!tricky.line.dropLast(5).contains("-->"))
    }

    /// Found by FuzzNotebook: a marker with nothing after it crashed the parser (the end of the
    /// comment was looked for inside the marker itself).
    @Test func emptyOrBrokenInputLinesAreProse() throws {
        for text in ["```carnet\nx\n```\n\n```carnet-output\ny\n```\n<!-- carnet-input -->\n",
                     "```carnet\nx\n```\n\n```carnet-output\ny\n```\n<!-- carnet-input rows=\"3 -->\n",
                     "```carnet\nx\n```\n\n```carnet-output\ny\n```\n<!-- carnet-input carnet=1 file=\"a\" sha256=0 bytes=x rows=1 columns=1 options=\"\" -->\n"] {
            let doc = try NotebookDocument(parsing: text)
            #expect(doc.text == text)
            #expect(doc.cells.first?.input == nil)
        }
        let found = Golden.read(Repository.root + "/Tests/Fixtures/fuzz-notebook-input-marker.md") ?? ""
        #expect(!found.isEmpty)
        if let doc = try? NotebookDocument(parsing: found) { #expect(doc.text == found) }
    }
}
