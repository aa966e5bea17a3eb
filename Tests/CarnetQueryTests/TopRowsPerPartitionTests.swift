import CarnetEngine
@testable import CarnetQuery
import CarnetTestSupport
import Testing

/// `row_number() … <= k` keeps each partition's first k rows without sorting the partitions
/// (TopRowsPerPartition): its rows, numbers and order must be the full window's, which the
/// same filter written as an OR (not recognised) still computes.
@Suite struct TopRowsPerPartitionTests {
    static let catalog: TableCatalog = {
        var random = SeededGenerator(seed: 5)
        let n = 3000
        var partValid = ValidityBitmap(), scoreValid = ValidityBitmap()
        var part: [Int64] = [], score: [Double] = [], amount: [Int64] = [], label: [String] = []
        for row in 0..<n {
            part.append(Int64.random(in: 0..<40, using: &random))
            partValid.append(row % 17 != 0)
            // Few distinct scores: many ties, kept in row order by the full sort.
            let s = Double(Int.random(in: 0..<12, using: &random)) / 2
            score.append(row % 101 == 0 ? .nan : s)
            scoreValid.append(row % 13 != 0)
            amount.append(Int64.random(in: -5...5, using: &random))
            label.append("l\(Int.random(in: 0..<7, using: &random))")
        }
        let t = Table(columnNames: ["part", "score", "amount", "label"], columns: [
            Column(.int64(part), validity: partValid), Column(.double(score), validity: scoreValid),
            Column(.int64(amount)), Column(.string(StringColumn(label))),
        ])
        return TableCatalog(names: ["t"]) { $0.lowercased() == "t" ? ("t", t) : nil }
    }()

    func rows(_ sql: String) throws -> [String] {
        guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog) else { return [] }
        return (0..<t.rowCount).map { r in t.columns.map { $0.isNull(r) ? "∅" : $0.value(at: r).plainText }.joined(separator: "|") }
    }

    @Test(arguments: [
        "ORDER BY amount DESC", "ORDER BY amount", "ORDER BY score DESC", "ORDER BY score NULLS FIRST",
        "ORDER BY label, amount DESC", "ORDER BY label DESC", "",
    ])
    func theFirstRowsOfEachPartitionAreTheWindowsOwn(order: String) throws {
        for (bound, other) in [("rn <= 2", "rn <= 2 OR rn < 0"), ("rn < 2", "rn < 2 OR rn < 0"), ("rn <= 3 AND label <> 'l0'", "(rn <= 3 OR rn < 0) AND label <> 'l0'")] {
            let inner = "SELECT part, score, amount, label, row_number() OVER (PARTITION BY part \(order)) AS rn FROM t"
            let fast = try rows("SELECT * FROM (\(inner)) s WHERE \(bound)")
            let full = try rows("SELECT * FROM (\(inner)) s WHERE \(other)")
            #expect(!fast.isEmpty && fast == full, "\(order) \(bound)")
        }
    }

    /// NaN goes after every number (before them descending), whichever sort runs: the column
    /// with NULLs sorts through the row comparator, without NULLs inline.
    @Test func nanSortsAfterEveryNumber() throws {
        for (sql, descending) in [("SELECT score FROM t WHERE score IS NOT NULL ORDER BY score", false),
                                  ("SELECT score FROM t ORDER BY score DESC NULLS LAST", true),
                                  ("SELECT coalesce(score, 0.0) AS s FROM t ORDER BY s", false)] {
            guard case .table(let t, _) = try QueryEngine.run(sql, catalog: Self.catalog), case .double(let v) = t.columns[0].buffer else {
                Issue.record("no table"); continue
            }
            let values = (0..<t.rowCount).filter { !t.columns[0].isNull($0) }.map { v[$0] }
            let nan = values.indices.filter { values[$0].isNaN }
            #expect(!nan.isEmpty)
            let numbers = values.filter { !$0.isNaN }
            #expect(nan == (descending ? Array(0..<nan.count) : Array((values.count - nan.count)..<values.count)), "\(sql)")
            #expect(numbers == (descending ? numbers.sorted(by: >) : numbers.sorted()), "\(sql)")
        }
    }
}
