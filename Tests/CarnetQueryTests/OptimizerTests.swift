import CarnetEngine
@testable import CarnetQuery
import Testing

/// The optimizer's rules, seen through `explain` and through results that must not move.
@Suite struct OptimizerTests {
    /// Communes, their EPCI, the EPCI's département: a chain of keys as TPC-H's nation/region.
    static let catalog: TableCatalog = {
        let communes = Table(columnNames: ["insee", "nom", "epci"], columns: [
            Column(.string(StringColumn(["34154", "34192", "34198", "34344"]))),
            Column(.string(StringColumn(["Mauguio", "Palavas", "Pérols", "La Grande-Motte"]))),
            Column(.int64([243400470, 243400017, 243400017, 243400470])),
        ])
        let epci = Table(columnNames: ["siren", "libelle", "dep"], columns: [
            Column(.int64([243400470, 243400017])),
            Column(.string(StringColumn(["Pays de l'Or", "Montpellier Méditerranée"]))),
            Column(.string(StringColumn(["34", "34"]))),
        ])
        let departements = Table(columnNames: ["code", "nom_dep"], columns: [
            Column(.string(StringColumn(["34", "30"]))),
            Column(.string(StringColumn(["Hérault", "Gard"]))),
        ])
        let tables = ["communes": communes, "epci": epci, "departements": departements]
        return TableCatalog(names: Array(tables.keys)) { name in tables[name.lowercased()].map { (name.lowercased(), $0) } }
    }()

    func plan(_ sql: String) throws -> String {
        guard case .plan(let text) = try QueryEngine.run("explain " + sql, catalog: Self.catalog) else { return "" }
        return text
    }

    func rows(_ sql: String) throws -> [String] {
        guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog) else { return [] }
        return (0..<t.rowCount).map { r in t.columns.map { $0.isNull(r) ? "∅" : $0.value(at: r).plainText }.joined(separator: "|") }
    }

    @Test func aCommaJoinWithAWhereEqualityIsAHashJoin() throws {
        let text = try plan("SELECT c.nom, e.libelle FROM communes c, epci e WHERE c.epci = e.siren AND c.nom <> 'Palavas'")
        #expect(text.contains("HashJoin INNER on #1 = right.#0"), "\(text)")
        // The condition on communes alone filters it before the join, and only the columns
        // the query reads are scanned.
        #expect(text.contains("Filter #0 <> 'Palavas'\n        Scan communes (4 rows) nom, epci"), "\(text)")
        // The join's output holds the two columns read above it, not its key columns.
        #expect(text.contains("Project #0 AS c2, #3 AS c5\n    HashJoin INNER"))
        #expect(!text.contains("CROSS"))
        #expect(try rows("SELECT c.nom, e.libelle FROM communes c, epci e WHERE c.epci = e.siren AND c.nom <> 'Palavas' ORDER BY 1") ==
                ["La Grande-Motte|Pays de l'Or", "Mauguio|Pays de l'Or", "Pérols|Montpellier Méditerranée"])
    }

    /// Written order communes, départements, epci: départements has nothing to join communes on,
    /// so epci comes first, and the result keeps the written column order.
    @Test func joinsAreOrderedSoThatEachHasKeys() throws {
        let sql = "SELECT * FROM communes c, departements d, epci e WHERE c.epci = e.siren AND e.dep = d.code"
        let text = try plan(sql)
        #expect(!text.contains("CROSS"), "\(text)")
        #expect(text.split(separator: "\n").filter { $0.contains("HashJoin INNER on") }.count == 2)
        #expect(try rows(sql + " ORDER BY c.insee").first == "34154|Mauguio|243400470|34|Hérault|243400470|Pays de l'Or|34")
        #expect(try rows(sql).count == 4)
    }

    @Test func aLeftJoinKeepsItsUnmatchedRows() throws {
        // The WHERE condition on the right side must not move below the LEFT join.
        let sql = "SELECT d.nom_dep, e.libelle FROM departements d LEFT JOIN epci e ON e.dep = d.code WHERE e.libelle IS NULL"
        #expect(try rows(sql) == ["Gard|∅"])
        let text = try plan(sql)
        #expect(text.contains("HashJoin LEFT on #0 = right.#1"), "\(text)")
        // The IS NULL filter stays above the join (columns the join's key alone read are
        // not in its output, so the filter's position differs from the written one).
        let lines = text.split(separator: "\n")
        let filter = lines.firstIndex { $0.contains("IS NULL") }, join = lines.firstIndex { $0.contains("HashJoin LEFT") }
        #expect(text.hasPrefix("Project") && filter != nil && join != nil && filter! < join!, "\(text)")
    }

    @Test func onConditionsOnOneSideOfAnInnerJoinFilterThatSide() throws {
        let text = try plan("SELECT * FROM communes c JOIN epci e ON c.epci = e.siren AND e.libelle = 'Pays de l''Or'")
        #expect(text.contains("HashJoin INNER on #2 = right.#0\n"), "\(text)")
        #expect(text.contains("    Filter #1 = 'Pays de l'Or'\n      Scan epci"))
        // Below a LEFT join, a condition on the right side filters it; one on the left must not.
        let left = "SELECT d.nom_dep, e.libelle FROM departements d LEFT JOIN epci e ON e.dep = d.code AND d.code = '30' AND e.libelle LIKE 'Pays%'"
        let leftPlan = try plan(left)
        #expect(leftPlan.contains("HashJoin LEFT on #0 = right.#1 filter #0 = '30'"), "\(leftPlan)")
        #expect(leftPlan.contains("Filter #0 LIKE 'Pays%'"))
        #expect(try rows(left + " ORDER BY 1") == ["Gard|∅", "Hérault|∅"])
    }

    /// Subqueries that read the outer row are semi and anti joins, with hash keys.
    @Test func correlatedExistsAndInAreSemiAndAntiJoins() throws {
        let exists = "SELECT e.libelle FROM epci e WHERE EXISTS (SELECT * FROM communes c WHERE c.epci = e.siren AND c.nom LIKE 'P%') ORDER BY 1"
        #expect(try rows(exists) == ["Montpellier Méditerranée"])
        let text = try plan(exists)
        #expect(text.contains("HashJoin SEMI on #0 = right.#0"), "\(text)")
        // The column only the filter reads stops at the filter: the join gathers epci alone.
        #expect(text.contains("Project #1 AS c3\n          Filter #0 LIKE 'P%'"), "\(text)")
        let anti = "SELECT d.nom_dep FROM departements d WHERE NOT EXISTS (SELECT * FROM epci e WHERE e.dep = d.code)"
        #expect(try rows(anti) == ["Gard"])
        let antiPlan = try plan(anti)
        #expect(antiPlan.contains("HashJoin ANTI on #0 = right.#0"), "\(antiPlan)")
        #expect(try rows("SELECT nom FROM communes c WHERE epci IN (SELECT siren FROM epci e WHERE e.dep = '34' AND e.siren = c.epci) ORDER BY 1").count == 4)
        // Not referring to the outer query: run once, as before.
        #expect(try rows("SELECT count(*) FROM communes WHERE EXISTS (SELECT * FROM departements WHERE code = '30')") == ["4"])
        #expect(throws: QueryError.self) {
            try QueryEngine.run("SELECT * FROM communes c WHERE epci NOT IN (SELECT siren FROM epci e WHERE e.siren = c.epci)", catalog: Self.catalog)
        }
    }

    /// A correlated aggregate joined on its keys is computed over the rows whose keys the
    /// filtered outer table has (TPC-H Q17): a semi join below the grouping.
    @Test func aGroupedSubqueryIsCutToTheOuterKeys() throws {
        // Forty communes, twenty per EPCI: the one EPCI the filter keeps (measured on the
        // table, FilterSample) is far fewer rows than the communes grouped.
        let communes = Table(columnNames: ["insee", "epci"], columns: [
            Column(.string(StringColumn((0..<40).map { "34\(100 + $0)" }))),
            Column(.int64((0..<40).map { $0 % 2 == 0 ? 243400470 : 243400017 })),
        ])
        let tables = ["communes": communes, "epci": try #require(Self.catalog.lookup("epci")?.table)]
        let catalog = TableCatalog(names: Array(tables.keys)) { name in tables[name.lowercased()].map { (name.lowercased(), $0) } }
        let sql = "SELECT e.libelle, (SELECT count(*) FROM communes c WHERE c.epci = e.siren) AS n FROM epci e WHERE e.libelle LIKE 'Pays%'"
        guard case .plan(let text) = try QueryEngine.run("explain " + sql, catalog: catalog),
              case .table(let t, _) = try QueryEngine.run(sql, catalog: catalog) else { Issue.record("no plan or no table"); return }
        #expect(text.contains("HashAggregate keys [#0] aggregates [count(*)]\n          HashJoin SEMI"), "\(text)")
        #expect(t.rowCount == 1 && t.columns[1].value(at: 0).plainText == "20")
        // Four communes for one of two EPCI: not worth a semi join, the answer is the same.
        #expect(try rows(sql) == ["Pays de l'Or|2"])
        #expect(try rows("SELECT e.libelle, (SELECT count(*) FROM communes c WHERE c.epci = e.siren) AS n FROM epci e ORDER BY 1") ==
                ["Montpellier Méditerranée|2", "Pays de l'Or|2"])
    }

    /// A column IN a subquery's few values keeps few rows: enough for the grouped subquery
    /// joined on that table's keys to be cut to them first (TPC-H Q20's parts of a name).
    @Test func aFewValuesOfASubqueryMakeASmallTable() throws {
        let facts = Table(columnNames: ["k", "v"], columns: [
            Column(.int64((0..<800).map { Int64($0 % 200) })), Column(.int64((0..<800).map { Int64($0 % 7) })),
        ])
        let dims = Table(columnNames: ["k", "label"], columns: [
            Column(.int64((0..<200).map(Int64.init))), Column(.string(StringColumn((0..<200).map { "d\($0)" }))),
        ])
        // Ten values: by its form alone (10 % a value) the IN would keep every row of dims.
        let chosen: [Int64] = [3, 11, 26, 50, 77, 98, 120, 151, 176, 199]
        let picked = Table(columnNames: ["k"], columns: [Column(.int64(chosen))])
        let tables = ["facts": facts, "dims": dims, "picked": picked]
        let catalog = TableCatalog(names: Array(tables.keys)) { name in tables[name.lowercased()].map { (name.lowercased(), $0) } }
        let sql = "SELECT d.label FROM dims d WHERE d.k IN (SELECT k FROM picked) AND d.k > (SELECT sum(v) FROM facts f WHERE f.k = d.k) ORDER BY 1"
        guard case .plan(let text) = try QueryEngine.run("explain " + sql, catalog: catalog),
              case .table(let t, _) = try QueryEngine.run(sql, catalog: catalog) else { Issue.record("no plan or no table"); return }
        #expect(text.contains("aggregates [sum(#1)]\n") && text.contains("HashJoin SEMI"), "\(text)")
        // Each k has four facts, v = row % 7 over rows k, k + 200, …: the sums by hand.
        let sums = (0..<200).map { k in stride(from: k, to: 800, by: 200).reduce(0) { $0 + $1 % 7 } }
        let expected = chosen.map(Int.init).filter { $0 > sums[$0] }.map { "d\($0)" }.sorted()
        #expect((0..<t.rowCount).map { t.columns[0].value(at: $0).plainText } == expected)
    }

    /// TPC-H's Q19 writes its join equality in every branch of an OR.
    @Test func conditionsSharedByEveryBranchOfAnOrAreTakenOut() throws {
        let sql = "SELECT c.nom FROM communes c, epci e WHERE (c.epci = e.siren AND c.nom LIKE 'M%') OR (c.epci = e.siren AND e.dep = '30') ORDER BY 1"
        let text = try plan(sql)
        #expect(text.contains("HashJoin INNER on #1 = right.#0 filter (#0 LIKE 'M%' OR #3 = '30')"), "\(text)")
        #expect(try rows(sql) == ["Mauguio"])
        // A branch that holds nothing but the shared condition makes the OR true.
        #expect(try plan("SELECT * FROM communes c, epci e WHERE c.epci = e.siren OR (c.epci = e.siren AND e.dep = '30')").contains("HashJoin INNER on #2 = right.#0\n"))
    }

    @Test func aCastOfALiteralIsALiteral() throws {
        let text = try plan("SELECT * FROM epci WHERE siren > CAST('243400000' AS integer)")
        #expect(text.contains("Filter #0 > 243400000"), "\(text)")
        #expect(try rows("SELECT CAST('2024-01-31' AS date) + interval '1' month") == ["2024-02-29"])
    }
}

/// Filters straight over a table are measured on a sample of its rows, not guessed from their form.
@Suite struct FilterSampleTests {
    static let facts = Table(columnNames: ["v", "d"], columns: [
        Column(.int64((0..<100_000).map { Int64($0 % 100) })),
        Column(.int64((0..<100_000).map { Int64($0 % 7) })),
    ])

    @Test func anEqualityKeepsTheShareOfRowsItMatches() throws {
        let scan = QueryPlan.scan(name: "facts", table: Self.facts)
        // One value in a hundred: about 1,000 rows (a rule of thumb would say 10,000).
        let equal = QueryPlan.filter(scan, .comparison(.equal, .column(0, .int64), .literal(.int64(7), .int64)))
        let rows = try #require(FilterSample.estimatedRows(equal))
        #expect(rows > 500 && rows < 2000, "\(rows)")
        // Six values in seven, under a projection.
        let range = QueryPlan.filter(.project(scan, [.column(1, .int64)], names: ["d"]), .comparison(.less, .column(0, .int64), .literal(.int64(6), .int64)))
        let most = try #require(FilterSample.estimatedRows(range))
        #expect(most > 80_000 && most < 92_000, "\(most)")
    }

    @Test func aSmallTableIsCountedExactly() throws {
        let small = Table(columnNames: ["v"], columns: [Column(.int64((0..<300).map { Int64($0 % 30) }))])
        let none = QueryPlan.filter(.scan(name: "small", table: small), .comparison(.equal, .column(0, .int64), .literal(.int64(99), .int64)))
        #expect(FilterSample.estimatedRows(none) == 0)
        let some = QueryPlan.filter(.scan(name: "small", table: small), .comparison(.greaterOrEqual, .column(0, .int64), .literal(.int64(27), .int64)))
        #expect(FilterSample.estimatedRows(some) == 30)
        // Not filters over a table: no measure.
        #expect(FilterSample.estimatedRows(.scan(name: "small", table: small)) == nil)
    }
}
