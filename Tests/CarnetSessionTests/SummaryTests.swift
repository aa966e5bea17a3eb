import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// `summarize` drafts commentary people publish: every sentence must be true of the data, or
/// be left out.
@Suite struct SummaryTests {
    func draft(_ commands: [String], _ summarize: String, locale: String = "fr") -> String {
        let session = Session.withDatasets()
        session.run("set locale \(locale)")
        for c in commands { session.run(c) }
        return session.run(summarize).split(separator: "\n").first.map(String.init) ?? ""
    }

    @Test func expensesAndRevenuesAreNeverAddedTogether() {
        let text = draft(["load datasets/budget-primitif-2022-pays-de-lor.csv as b"], "summarize b x=section series=sens")
        #expect(!text.contains("213 683 500"), "\(text)")   // expenses + revenues
        #expect(text.contains("Dépense\u{A0}: 106 843 500\u{A0}€"))
        #expect(text.contains("Recette\u{A0}: 106 840 000\u{A0}€"))
        #expect(text.contains("Le solde Dépense − Recette est de 3 500\u{A0}€."))
        // Shares of each series' own total: 76 900 000 / 106 843 500 = 72.0 %.
        #expect(text.contains("Pour Dépense, la plus grande part revient à Fonctionnement (76 900 000\u{A0}€, 72\u{A0}%)"), "\(text)")
    }

    @Test func grantsAreNotATimeSeries() {
        for file in ["subventions-principales-pays-de-lor", "subventions-toulouse-2022"] {
            let text = draft(["load datasets/\(file).csv as s"], "summarize s")
            #expect(!text.contains("passe de") && !text.contains("+"), "\(file): \(text)")
            #expect(text.contains("€"), "\(file): the unit comes from the montant column")
        }
    }

    @Test func aChangeOverTimeNeedsOneValuePerPeriod() {
        let years = "SELECT 2019 AS annee, 100 AS visiteurs UNION ALL SELECT 2020, 90 UNION ALL SELECT 2021, 130 UNION ALL SELECT 2022, 150"
        let text = draft(["let t = \(years)"], "summarize t unit=€")
        #expect(text.contains("De 2019 à 2022, visiteurs passe de 100\u{A0}€ à 150\u{A0}€ (évolution\u{A0}: 50\u{A0}%)."), "\(text)")
        #expect(text.contains("le plus bas 2020 (90\u{A0}€)"))
        #expect(!text.contains("2 0") && !text.contains("plus grande part"))
        // Two rows for 2022: the first and last rows are not two periods' values.
        let session = Session()
        session.run("let t = SELECT 2021 AS annee, 'a' AS k, 5 AS v UNION ALL SELECT 2022, 'a', 10 UNION ALL SELECT 2022, 'b', 500")
        #expect(session.failure("summarize t x=annee y=v")?.message.contains("several rows for one period") ?? false)
        // Per series, each period has one value again.
        #expect(session.run("summarize t x=annee y=v series=k").contains("From 2021 to 2022, v (a) goes from 5 to 10 (change: 100"))
        // A year is never "the largest value".
        let categories = draft(["let t = SELECT 'Mauguio' AS commune, 2018 AS annee, 40 AS places UNION ALL SELECT 'Carnon', 2021, 12"], "summarize t")
        #expect(categories.contains("La plus grande part revient à Mauguio (40, 76,9\u{A0}%)"), "\(categories)")
        #expect(!categories.contains("2018 ("))
    }

    @Test func theDraftIsANoteInTheNotebook() throws {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as z")
        session.run("summarize z")
        #expect(LiveValues.shown(try LiveValues.pieces(session.document.text)).contains("The total of nb_entreprises is 912 (16 rows)."))
        #expect(session.document.text.contains("<!--{{SELECT sum(\"nb_entreprises\") AS total FROM \"z\"}}-->912<!--/-->"))
    }

    /// Every number, name and share in the draft is a live value: on next year's file the note
    /// follows the data, and `--check` names the sentence that changed.
    @Test func theDraftFollowsTheData() throws {
        let folder = try ScratchFolder.make("summary-live")
        let csv = folder + "/budget.csv"
        let original = try String(contentsOfFile: Repository.root + "/datasets/budget-primitif-2022-pays-de-lor.csv", encoding: .utf8)
        try original.write(toFile: csv, atomically: true, encoding: .utf8)
        let session = Session()
        session.baseDirectory = folder
        session.run("set locale fr")
        session.run("load budget.csv as b")
        let draft = session.run("summarize b x=section series=sens")
        #expect(draft.contains("Le solde Dépense − Recette est de 3 500\u{A0}€."), "\(draft)")
        session.run("save budget.md")
        var check = NotebookRunner()
        check.check = true
        #expect(check.run(folder + "/budget.md").ok)

        // Next year's file: one investment expense grows by 60 million, so expenses now exceed
        // revenues by far more, and investment becomes the larger part of the expenses.
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ";").map(String.init)
        let (sens, section, montant) = (header.firstIndex(of: "sens")!, header.firstIndex(of: "section")!, header.firstIndex(of: "montant")!)
        let row = try #require(lines.indices.first { i in
            let f = lines[i].split(separator: ";", omittingEmptySubsequences: false)
            return i > 0 && f.count == header.count && f[sens] == "Dépense" && f[section] == "Investissement"
        })
        var fields = lines[row].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let old = Decimal(string: fields[montant].replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: ""))!
        fields[montant] = "\(old + 60_000_000)".replacingOccurrences(of: ".", with: ",")
        var edited = lines
        edited[row] = fields.joined(separator: ";")
        try edited.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)

        let failed = check.run(folder + "/budget.md")
        #expect(!failed.ok)
        let message = spaced(try #require(failed.messages.first { $0.contains("a live value in the commentary changed") }))
        #expect(message.contains("Le solde Dépense − Recette est de 60 003 500 €."), "\(message)")
        #expect(NotebookRunner().run(folder + "/budget.md").ok)
        let text = try String(contentsOfFile: folder + "/budget.md", encoding: .utf8)
        let note = spaced(LiveValues.shown(try LiveValues.pieces(text)))
        // 89 943 500 of 166 843 500 expenses: investment is now the largest part (53,9 %).
        #expect(note.contains("Pour Dépense, la plus grande part revient à Investissement (89 943 500 €, 53,9 %)"), "\(note)")
        #expect(note.contains("Dépense : 166 843 500 €"))
        #expect(check.run(folder + "/budget.md").ok)
    }

    /// French numbers group with narrow no-break spaces and end units with no-break spaces.
    func spaced(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{A0}", with: " ")
    }

    @Test func decimalsInAnEnglishTimeSeries() {
        let text = draft([], "summarize (SELECT * FROM (SELECT 2019 AS annee, 98.5 AS depenses UNION ALL SELECT 2020, 101.2 UNION ALL SELECT 2023, 110.1) t)", locale: "en")
        #expect(text.contains("From 2019 to 2023, depenses goes from 98.50\u{A0}€ to 110.10\u{A0}€ (change: 11.8\u{A0}%)."), "\(text)")
    }

    @Test func englishSessionsGetEnglishSentences() {
        let text = draft(["load datasets/zae-pays-de-lor.csv as z"], "summarize z", locale: "en")
        #expect(text == "The total of nb_entreprises is 912 (16 rows). The largest share is Fréjorgues Est et Ouest (400, 43.9\u{A0}%); the smallest, Extension Les … (0, 0\u{A0}%).")
    }

    /// On every example dataset the draft either holds true sentences in French or is refused
    /// with a reason; the totals it states are checked against SQLite.
    @Test func everyExampleDataset() throws {
        let cases: [(file: String, summarize: String, sql: String?)] = [
            ("zae-pays-de-lor", "summarize t", "SELECT sum(nb_entreprises) FROM t"),
            ("subventions-principales-pays-de-lor", "summarize t", "SELECT sum(montant) FROM t"),
            ("subventions-toulouse-2022", "summarize t", nil),
            ("eaje-pays-de-lor-illustratif", "summarize t", "SELECT sum(places) FROM t"),
            ("budget-primitif-2022-pays-de-lor", "summarize t series=sens", nil),
            ("budget-primitif-2022-saint-malo-transport", "summarize t series=BGT_CODRD", nil),
            ("equipements-pays-de-lor-illustratif", "summarize (SELECT EQUIP_TYPE, count(*) AS n FROM t GROUP BY 1)", "SELECT count(*) FROM t"),
            ("points-apport-volontaire-pays-de-lor", "summarize (SELECT type, count(*) AS n FROM t GROUP BY 1)", "SELECT count(*) FROM t"),
            ("defibrillateurs-toulouse", "summarize (SELECT commune, count(*) AS n FROM t GROUP BY 1)", "SELECT count(*) FROM t"),
        ]
        for c in cases {
            let text = draft(["load datasets/\(c.file).csv as t"], c.summarize)
            #expect(!text.isEmpty, "\(c.file)")
            for english in ["The total", "largest", "smallest", "exceeds", "rows)"] {
                #expect(!text.contains(english), "\(c.file): \(text)")
            }
            if let sql = c.sql {
                let expected = try SQLiteOracle.scalar(file: Repository.root + "/datasets/\(c.file).csv", query: sql)
                #expect(text.contains(" \(expected)") || text.contains(" \(expected)\u{A0}"), "\(c.file): total \(expected) missing in \(text)")
            }
        }
        let session = Session.withDatasets()
        session.run("load datasets/equipements-pays-de-lor-illustratif.csv as e")
        #expect(session.failure("summarize e")?.message.contains("no numeric column") ?? false)
    }
}

/// A value computed by SQLite (python3's sqlite3) from a CSV file, formatted as French text.
enum SQLiteOracle {
    static func scalar(file: String, query: String) throws -> String {
        let script = """
        import csv, sqlite3, sys, io
        data = open(sys.argv[1], 'rb').read()
        try: raw = data.decode('utf-8-sig')
        except UnicodeDecodeError: raw = data.decode('cp1252')  # as Carnet reads French Excel files
        delimiter = ';' if raw.split('\\n')[0].count(';') > raw.split('\\n')[0].count(',') else ','
        rows = list(csv.reader(io.StringIO(raw), delimiter=delimiter))
        header = [h.lstrip('# ') for h in rows[0]]
        db = sqlite3.connect(':memory:')
        db.execute('CREATE TABLE t (%s)' % ', '.join('"%s"' % h for h in header))
        def number(v):
            s = v.replace('\\u00a0', '').replace(' ', '').replace(',', '.')
            try: return float(s)
            except ValueError: return v if v != '' else None
        db.executemany('INSERT INTO t VALUES (%s)' % ', '.join('?' * len(header)), [[number(v) for v in r[:len(header)]] + [None] * (len(header) - len(r)) for r in rows[1:] if r])
        v = db.execute(sys.argv[2]).fetchone()[0]
        whole = int(round(v * 100)) % 100 == 0
        text = '{:,.0f}'.format(v) if whole else '{:,.2f}'.format(v)
        print(text.replace(',', ' ').replace('.', ','))
        """
        return try Python3.run(script, arguments: [file, query]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
