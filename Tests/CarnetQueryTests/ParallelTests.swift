import CarnetEngine
@testable import CarnetQuery
import CarnetTestSupport
import Testing

/// Operators whose columns are computed on several threads (above `Parallel.threshold`
/// elements) give what a row-by-row computation in Swift gives.
@Suite struct ParallelTests {
    static let rows = 400_000

    static let table: Table = {
        var random = SeededGenerator(seed: 7)
        let a = (0..<rows).map { _ in Int64.random(in: -1000...1000, using: &random) }
        let b = (0..<rows).map { _ in Int64.random(in: 0...50, using: &random) }
        let k = (0..<rows).map { _ in Int64.random(in: 0..<500, using: &random) }
        return Table(columnNames: ["a", "b", "k"], columns: [Column(.int64(a)), Column(.int64(b)), Column(.int64(k))])
    }()

    static let lookup = Table(columnNames: ["k", "label"], columns: [
        Column(.int64((0..<250).map { Int64($0 * 2) })),
        Column(.string(StringColumn((0..<250).map { "k\($0 * 2)" }))),
    ])

    static let catalog = TableCatalog(names: ["t", "u"]) { name in
        switch name.lowercased() {
        case "t": ("t", table)
        case "u": ("u", lookup)
        default: nil
        }
    }

    static func ints(_ c: Column) -> [Int64] {
        guard case .int64(let v) = c.buffer else { return [] }
        return v
    }

    func run(_ sql: String) throws -> Table {
        guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog) else { throw QueryError("no table") }
        return t
    }

    @Test func projectionsAreComputedColumnByColumn() throws {
        let t = try run("SELECT a + 1, b * 2, a - b, k FROM t")
        let a = Self.ints(Self.table.columns[0]), b = Self.ints(Self.table.columns[1]), k = Self.ints(Self.table.columns[2])
        #expect(Self.ints(t.columns[0]) == a.map { $0 + 1 })
        #expect(Self.ints(t.columns[1]) == b.map { $0 * 2 })
        #expect(Self.ints(t.columns[2]) == zip(a, b).map { $0 - $1 })
        #expect(Self.ints(t.columns[3]) == k)
    }

    @Test func aggregatesAreComputedCallByCall() throws {
        let t = try run("SELECT k, sum(a), min(b), max(a), count(*) FROM t GROUP BY k ORDER BY k")
        let a = Self.ints(Self.table.columns[0]), b = Self.ints(Self.table.columns[1]), k = Self.ints(Self.table.columns[2])
        var sum: [Int64: Int64] = [:], low: [Int64: Int64] = [:], high: [Int64: Int64] = [:], count: [Int64: Int64] = [:]
        for row in 0..<Self.rows {
            sum[k[row], default: 0] += a[row]
            low[k[row]] = min(low[k[row]] ?? .max, b[row])
            high[k[row]] = max(high[k[row]] ?? .min, a[row])
            count[k[row], default: 0] += 1
        }
        let keys = sum.keys.sorted()
        #expect(Self.ints(t.columns[0]) == keys)
        #expect(Self.ints(t.columns[1]) == keys.map { sum[$0]! })
        #expect(Self.ints(t.columns[2]) == keys.map { low[$0]! })
        #expect(Self.ints(t.columns[3]) == keys.map { high[$0]! })
        #expect(Self.ints(t.columns[4]) == keys.map { count[$0]! })
    }

    @Test func joinsGatherBothSides() throws {
        let t = try run("SELECT t.a, t.k, u.label FROM t JOIN u ON t.k = u.k")
        let a = Self.ints(Self.table.columns[0]), k = Self.ints(Self.table.columns[2])
        let kept = (0..<Self.rows).filter { k[$0] % 2 == 0 }
        #expect(Self.ints(t.columns[0]) == kept.map { a[$0] })
        #expect(Self.ints(t.columns[1]) == kept.map { k[$0] })
        guard case .string(let labels) = t.columns[2].buffer else { Issue.record("labels"); return }
        #expect((0..<t.rowCount).allSatisfy { labels.string(at: $0) == "k\(k[kept[$0]])" })
    }

    /// Over 4096 rows an AND is filtered condition by condition; NULLs (every fifth b) must
    /// drop the row as the whole AND would.
    @Test func conjunctionsFilterConditionByCondition() throws {
        var random = SeededGenerator(seed: 11)
        let n = 20_000
        let a = (0..<n).map { _ in Int64.random(in: -100...100, using: &random) }
        let b = (0..<n).map { _ in Int64.random(in: 0...20, using: &random) }
        var validity = ValidityBitmap()
        for row in 0..<n { validity.append(row % 5 != 0) }
        let t = Table(columnNames: ["a", "b"], columns: [Column(.int64(a)), Column(.int64(b), validity: validity)])
        let catalog = TableCatalog(names: ["t"]) { $0.lowercased() == "t" ? ("t", t) : nil }
        guard case .table(let out, _) = try QueryEngine.run("SELECT a, b FROM t WHERE a > 10 AND (b < 15 OR b IS NULL) AND a <> 50 AND b <> 3",
                                                             catalog: catalog) else { Issue.record("no table"); return }
        let expected = (0..<n).filter { a[$0] > 10 && a[$0] != 50 && $0 % 5 != 0 && b[$0] < 15 && b[$0] != 3 }
        #expect(Self.ints(out.columns[0]) == expected.map { a[$0] })
        #expect(Self.ints(out.columns[1]) == expected.map { b[$0] })
    }

    /// A join whose sides are filtered tables reads its keys at the kept rows and gathers the
    /// other columns at the joined rows only (JoinInput): inner, left (NULLs for the unmatched)
    /// and anti joins against a hand computation, the facts over the morsel size.
    @Test func joinsOfFilteredTablesGatherTheJoinedRows() throws {
        let n = 300_000
        let fk = (0..<n).map { Int64($0 % 1000) }, amount = (0..<n).map { Int64($0 % 97) }
        let facts = Table(columnNames: ["k", "amount"], columns: [Column(.int64(fk)), Column(.int64(amount))])
        let dims = Table(columnNames: ["k", "label"], columns: [
            Column(.int64((0..<1000).map(Int64.init))), Column(.string(StringColumn((0..<1000).map { "d\($0)" }))),
        ])
        let catalog = TableCatalog(names: ["facts", "dims"]) { name in
            name.lowercased() == "facts" ? ("facts", facts) : name.lowercased() == "dims" ? ("dims", dims) : nil
        }
        func run(_ sql: String) throws -> Table {
            guard case .table(let t, _) = try QueryEngine.run(sql, catalog: catalog) else { throw QueryError("no table") }
            return t
        }
        let inner = try run("SELECT d.label, f.amount FROM facts f JOIN dims d ON f.k = d.k WHERE f.amount > 90 AND d.k % 3 = 0")
        let kept = (0..<n).filter { amount[$0] > 90 && fk[$0] % 3 == 0 }
        #expect(inner.rowCount == kept.count)
        guard case .string(let labels) = inner.columns[0].buffer else { Issue.record("labels"); return }
        #expect(Set((0..<inner.rowCount).map { "\(labels.string(at: $0))|\(inner.columns[1].value(at: $0).plainText)" })
                == Set(kept.map { "d\(fk[$0])|\(amount[$0])" }))
        let left = try run("SELECT d.k, f.amount FROM dims d LEFT JOIN (SELECT * FROM facts WHERE amount = 5 AND k < 10) f ON f.k = d.k WHERE d.k < 20 ORDER BY d.k, f.amount")
        // Keys 0..<10 each match the facts with amount 5; 10..<20 match none.
        let matches = (0..<10).map { k in (0..<n).filter { fk[$0] == Int64(k) && amount[$0] == 5 }.count }
        #expect(left.rowCount == matches.reduce(0, +) + 10)
        #expect((0..<left.rowCount).filter { left.columns[1].isNull($0) }.count == 10)
        let anti = try run("SELECT count(*) FROM dims d WHERE NOT EXISTS (SELECT * FROM facts f WHERE f.k = d.k AND f.amount = 96)")
        let withNinetySix = Set((0..<n).filter { amount[$0] == 96 }.map { fk[$0] })
        #expect(anti.columns[0].value(at: 0).plainText == String(1000 - withNinetySix.count))
    }

    @Test func theFirstErrorIsThrownAfterAllPiecesRan() {
        struct Failure: Error, Equatable { let i: Int }
        #expect(throws: Failure(i: 3)) {
            _ = try Parallel.map(8, work: Parallel.threshold) { i -> Int in
                if i == 3 || i == 6 { throw Failure(i: i) }
                return i
            }
        }
        #expect(Parallel.map(5, work: Parallel.threshold) { $0 * $0 } == [0, 1, 4, 9, 16])
    }
}
