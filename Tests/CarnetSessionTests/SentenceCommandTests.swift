import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// `count`, `aggregate` and `pivot` build their query tree around the clauses as typed: the
/// results agree with SQLite, an error's caret lands in the command, and a clause cannot carry
/// SQL into the rest of the generated query.
@Suite struct SentenceCommandTests {
    static let budget = "datasets/budget-primitif-2022-pays-de-lor.csv"

    func csvRows(_ session: Session, _ command: String) -> [[String]] {
        session.run("set output csv")
        defer { session.run("set output table") }
        return session.run(command).split(whereSeparator: \.isNewline).map { line in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Cells equal as text, or as numbers within a cent (SQLite sums in binary floating point).
    func expectSame(_ carnet: [[String]], _ sqlite: [[String]], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(carnet.count == sqlite.count, "rows: \(carnet) vs \(sqlite)", sourceLocation: sourceLocation)
        for (a, b) in zip(carnet, sqlite) {
            #expect(a.count == b.count, "\(a) vs \(b)", sourceLocation: sourceLocation)
            for (x, y) in zip(a, b) {
                if let dx = Double(x), let dy = Double(y) {
                    #expect(abs(dx - dy) < 0.01, "\(x) vs \(y) in \(a)", sourceLocation: sourceLocation)
                } else {
                    #expect(x == y, "\(a) vs \(b)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func resultsAgreeWithSQLite() throws {
        let session = Session.withDatasets()
        session.run("load \(Self.budget) as budget")
        let file = Repository.root + "/" + Self.budget

        let counted = csvRows(session, "count budget by sens, section")
        #expect(counted.first == ["sens", "section", "count", "percent"])
        expectSame(Array(counted.dropFirst()), try SQLiteRows.query(file: file, """
            SELECT sens, section, count(*) AS n, round(100.0 * count(*) / (SELECT count(*) FROM t), 1)
            FROM t GROUP BY sens, section ORDER BY n DESC, sens, section
            """))
        expectSame(Array(csvRows(session, "count budget").dropFirst()), try SQLiteRows.query(file: file, "SELECT count(*) FROM t"))

        let aggregated = csvRows(session, "aggregate budget sum(montant) AS total, count(*), max(montant) by sens where section = 'Fonctionnement'")
        #expect(aggregated.first == ["sens", "total", "count(*)", "max(montant)"])
        expectSame(Array(aggregated.dropFirst()), try SQLiteRows.query(file: file, """
            SELECT sens, sum(montant), count(*), max(montant) FROM t WHERE section = 'Fonctionnement' GROUP BY sens ORDER BY sens
            """))

        // Every cell of the cross table, its Total column and its Total row.
        let grid = csvRows(session, "pivot budget rows section columns sens values sum(montant)")
        let columns = Array(grid[0].dropFirst().dropLast())
        #expect(grid[0].first == "section" && grid[0].last == "Total")
        for row in grid.dropFirst() {
            let label = row[0]
            let condition = label == "Total" ? "1 = 1" : "section = '\(label)'"
            for (k, sens) in columns.enumerated() {
                let expected = try SQLiteRows.query(file: file, "SELECT coalesce(sum(montant), '') FROM t WHERE \(condition) AND sens = '\(sens)'")
                expectSame([[row[k + 1]]], expected)
            }
            expectSame([[row.last!]], try SQLiteRows.query(file: file, "SELECT sum(montant) FROM t WHERE \(condition)"))
        }
    }

    @Test func errorsPointIntoTheCommandAsTyped() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        func caret(_ line: String) -> String? {
            guard let error = session.failure(line), let at = error.position else { return nil }
            return String(line.dropFirst(at).prefix(8))
        }
        #expect(caret("count zae by zon") == "zon")
        #expect(caret("count zae by zone, nb_entreprise") == "nb_entre")
        #expect(caret("aggregate zae summ(nb_entreprises)") == "summ(nb_")
        #expect(caret("aggregate zae sum(nb_entreprises) by zone where nb_entreprises >> 3") == "> 3")
        #expect(caret("aggregate (SELECT zonee FROM zae) count(*)") == "zonee FR")
        #expect(caret("pivot zae rows zone columns superficie values sum(nb_entreprises)") == "superfic")
        #expect(caret("pivot zae rows zone columns superficie_ha values sum(nb_entreprises) extra") == "extra")
        #expect(caret("count zae by") == "by")
        #expect(session.failure("count zae by zon")?.kind == .unknownName)
        #expect(session.failure("count zae by zone,")?.kind == .syntax)
    }

    /// A clause is parsed as what it is: a `where` condition cannot add a GROUP BY to the query
    /// (pasted into SQL text, it used to run as a grouped query).
    @Test func aClauseCannotReachIntoTheGeneratedQuery() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        #expect(session.failure("aggregate zae count(*) where nb_entreprises > 0 GROUP BY zone")?.message.contains("unexpected GROUP") == true)
        #expect(session.failure("count zae by zone ORDER BY zone")?.message == "`by` is given twice")
        #expect(session.failure("pivot zae rows zone columns zone values count(*) FROM zae")?.message.contains("unexpected FROM") == true)
    }
}

/// Rows computed by SQLite (python3's sqlite3) from a semicolon CSV with French numbers, as text.
enum SQLiteRows {
    static func query(file: String, _ query: String) throws -> [[String]] {
        let script = """
        import csv, sqlite3, sys, json
        rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig'), delimiter=';'))
        db = sqlite3.connect(':memory:')
        db.execute('CREATE TABLE t (%s)' % ', '.join('"%s"' % h for h in rows[0]))
        def value(v):
            s = v.replace('\\u00a0', '').replace(' ', '').replace(',', '.')
            try: return float(s)
            except ValueError: return v if v != '' else None
        db.executemany('INSERT INTO t VALUES (%s)' % ', '.join('?' * len(rows[0])), [[value(v) for v in r] for r in rows[1:] if r])
        out = [['' if v is None else (repr(v) if isinstance(v, float) else str(v)) for v in r] for r in db.execute(sys.argv[2])]
        print(json.dumps(out))
        """
        let printed = try Python3.run(script, arguments: [file, query])
        guard let rows = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String]] else { throw SQLiteFailed(query: query) }
        return rows
    }

    struct SQLiteFailed: Error { var query: String }
}
