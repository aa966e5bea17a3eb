import Foundation
import CarnetEngine
@testable import CarnetQuery
import Testing

/// Queries over small in-memory tables: results, types, plans and errors.
@Suite struct QueryEngineTests {
    static let people: Table = {
        var names = StringColumnBuilder()
        for n in ["Ana", "Bo", "Chloé", "Dan", "Ève"] { names.append(n) }
        var validity = ValidityBitmap()
        for v in [true, true, false, true, true] { validity.append(v) }
        return Table(columnNames: ["nom", "age", "solde", "ville"], columns: [
            Column(.string(names.build())),
            Column(.int64([30, 25, 40, 25, 35]), validity: validity),
            Column(.decimal([1050, -200, 0, 999, 12345], scale: 2)),
            Column(.string(StringColumn(["Mauguio", "Carnon", "Mauguio", "Palavas", "Carnon"]))),
        ])
    }()

    static let catalog = TableCatalog(names: ["people"]) { name in
        name.lowercased() == "people" ? ("people", people) : nil
    }

    func rows(_ sql: String) throws -> [[String]] {
        guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog) else { return [] }
        return (0..<t.rowCount).map { r in t.columns.map { $0.isNull(r) ? "∅" : $0.value(at: r).plainText } }
    }

    func type(_ sql: String) throws -> DataType? {
        guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog) else { return nil }
        return t.columns.first?.type
    }

    @Test func resultTypesFollowTheDocumentedRules() throws {
        #expect(try type("SELECT age + 1 FROM people") == .int64)
        #expect(try type("SELECT age / 2 FROM people") == .double)
        #expect(try type("SELECT solde + age FROM people") == .decimal(scale: 2))
        #expect(try type("SELECT solde * solde FROM people") == .decimal(scale: 4))
        #expect(try type("SELECT sum(solde) FROM people") == .decimal(scale: 2))
        #expect(try type("SELECT avg(age) FROM people") == .double)
        #expect(try type("SELECT count(*) FROM people") == .int64)
        #expect(try type("SELECT round(solde, 1) FROM people") == .decimal(scale: 1))
    }

    @Test func filtersGroupsAndOrders() throws {
        #expect(try rows("SELECT nom FROM people WHERE age > 26 ORDER BY nom") == [["Ana"], ["Ève"]])
        #expect(try rows("SELECT ville, count(*), sum(solde) FROM people GROUP BY ville ORDER BY ville") ==
                [["Carnon", "2", "121.45"], ["Mauguio", "2", "10.50"], ["Palavas", "1", "9.99"]])
        #expect(try rows("SELECT age FROM people ORDER BY age NULLS FIRST") == [["∅"], ["25"], ["25"], ["30"], ["35"]])
        #expect(try rows("SELECT age FROM people ORDER BY age DESC") == [["∅"], ["35"], ["30"], ["25"], ["25"]])
        #expect(try rows("SELECT DISTINCT age FROM people ORDER BY 1") == [["25"], ["30"], ["35"], ["∅"]])
        #expect(try rows("SELECT count(DISTINCT ville), count(age), min(nom), max(solde) FROM people") == [["3", "4", "Ana", "123.45"]])
    }

    @Test func aggregateOverNoRowsGivesOneRow() throws {
        #expect(try rows("SELECT count(*), sum(age) FROM people WHERE age > 100") == [["0", "∅"]])
        #expect(try rows("SELECT ville, count(*) FROM people WHERE age > 100 GROUP BY ville") == [])
    }

    @Test func joins() throws {
        #expect(try rows("SELECT a.nom, b.nom FROM people a JOIN people b ON a.age = b.age AND a.nom < b.nom") == [["Bo", "Dan"]])
        #expect(try rows("SELECT a.nom, b.nom FROM people a LEFT JOIN people b ON a.age = b.age + 5 ORDER BY 1, 2") ==
                [["Ana", "Bo"], ["Ana", "Dan"], ["Bo", "∅"], ["Chloé", "∅"], ["Dan", "∅"], ["Ève", "Ana"]])
        #expect(try rows("SELECT count(*) FROM people CROSS JOIN people p2") == [["25"]])
    }

    @Test func windows() throws {
        #expect(try rows("SELECT nom, row_number() OVER (PARTITION BY ville ORDER BY nom) FROM people ORDER BY nom") ==
                [["Ana", "1"], ["Bo", "1"], ["Chloé", "2"], ["Dan", "1"], ["Ève", "2"]])
        #expect(try rows("SELECT nom, sum(age) OVER (ORDER BY age) FROM people WHERE age IS NOT NULL ORDER BY nom") ==
                [["Ana", "80"], ["Bo", "50"], ["Dan", "50"], ["Ève", "115"]])
    }

    @Test func explainShowsThePlan() throws {
        guard case .plan(let text) = try QueryEngine.run("explain SELECT ville, count(*) FROM people WHERE age > 1 GROUP BY ville", catalog: Self.catalog) else {
            Issue.record("no plan"); return
        }
        #expect(text.contains("HashAggregate"))
        #expect(text.contains("Filter #0 > 1"))
        #expect(text.contains("Scan people (5 rows) age, ville"), "\(text)")
    }

    @Test func errorsNameWhatIsWrong() {
        func message(_ sql: String) -> String? {
            do { _ = try QueryEngine.run(sql, catalog: Self.catalog); return nil } catch let e as QueryError { return e.message + " | " + (e.hint ?? "") } catch { return "\(error)" }
        }
        #expect(message("SELECT agee FROM people")?.contains("did you mean age?") == true)
        #expect(message("SELECT * FROM peple")?.contains("did you mean people?") == true)
        #expect(message("SELECT nom + 1 FROM people")?.contains("needs numbers") == true)
        #expect(message("SELECT sum(nom) FROM people")?.contains("sum needs numbers, not text") == true)
        #expect(message("SELECT nom FROM people a JOIN people b ON a.age = b.age")?.contains("ambiguous") == true)
        #expect(message("SELECT nom, count(*) FROM people")?.contains("must appear in GROUP BY") == true)
        #expect(message("SELECT CAST(nom AS integer) FROM people")?.contains("cannot convert 'Ana' to integer") == true)
        #expect(message("SELECT sum(count(*)) FROM people")?.contains("cannot contain another aggregate") == true)
    }

    /// Callers decide by the error's kind, not its words: the correlated-subquery hint goes
    /// with a missing column or table only, whatever the message says.
    @Test func errorsCarryTheirKind() throws {
        func error(_ sql: String) -> QueryError? {
            do { _ = try QueryEngine.run(sql, catalog: Self.catalog); return nil } catch { return error as? QueryError }
        }
        #expect(error("SELECT FROM people")?.kind == .syntax)
        #expect(error("SELECT 'open FROM people")?.kind == .syntax)
        #expect(error("let x")?.kind == .syntax)
        #expect(error("SELECT agee FROM people")?.kind == .unknownColumn)
        #expect(error("SELECT x.age FROM people")?.kind == .unknownTable)
        #expect(error("SELECT * FROM peple")?.kind == .unknownTable)
        #expect(error("SELECT nom FROM people ORDER BY 2")?.kind == .invalid)
        #expect(error("SELECT sqrtt(age) FROM people")?.kind == .unknownFunction)
        #expect(error("SELECT nom + 1 FROM people")?.kind == .invalid)
        // Compared in WHERE or in a select list, a subquery reading the outer row is
        // decorrelated; in a grouped query's select list, not.
        #expect(try rows("SELECT nom FROM people p WHERE age = (SELECT max(age) FROM people WHERE ville = p.ville) ORDER BY nom") == [["Ana"], ["Dan"], ["Ève"]])
        // In the select list: NULL-free here, and a count of no row is 0.
        #expect(try rows("SELECT nom, (SELECT max(age) FROM people q WHERE q.ville = p.ville), (SELECT count(*) FROM people q WHERE q.ville = p.ville AND q.age > 30) FROM people p ORDER BY nom")
                == [["Ana", "30", "0"], ["Bo", "35", "1"], ["Chloé", "30", "0"], ["Dan", "25", "0"], ["Ève", "35", "1"]])
        let outer = error("SELECT ville, (SELECT max(age) FROM people WHERE ville = p.ville) FROM people p GROUP BY ville")
        #expect(outer?.kind == .unknownTable)
        #expect(outer?.hint?.contains("as an aggregate over equalities in WHERE or the select list") == true)
        let misspelt = error("SELECT nom FROM people WHERE age = (SELECT maxx(age) FROM people)")
        #expect(misspelt?.kind == .unknownFunction)
        #expect(misspelt?.hint?.contains("correlated") == false)
    }

    @Test func divisionByZeroWarns() throws {
        guard case .table(let t, let warnings) = try QueryEngine.run("SELECT age % 0 FROM people", catalog: Self.catalog) else { return }
        #expect(t.columns[0].nullCount == 5)
        #expect(warnings.map(\.english) == ["division by zero gives NULL"])
        #expect(warnings.map(\.french) == ["une division par zéro donne NULL"])
    }

    /// Ctrl-C: the check between operators stops the query with an `.interrupted` error, at
    /// whichever operator it comes; a query that is not stopped is not disturbed.
    @Test func aCancelledQueryStopsWithAnInterruptedError() throws {
        let sql = "SELECT p.ville, count(*) FROM people p JOIN people q ON p.ville = q.ville WHERE p.age > 1 GROUP BY p.ville ORDER BY 1"
        for allowed in 0..<6 {
            let checks = Counter()
            do {
                _ = try QueryEngine.run(sql, catalog: Self.catalog, isCancelled: { checks.next() > allowed })
                Issue.record("not stopped after \(allowed) check(s)")
            } catch let error as QueryError {
                #expect(error.kind == .interrupted)
                #expect(error.message.hasPrefix("interrupted"))
            }
        }
        guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog, isCancelled: { false }) else { Issue.record("no table"); return }
        #expect(t.rowCount > 0)
    }
}

/// Counts calls, from any thread.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
