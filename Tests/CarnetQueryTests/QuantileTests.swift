import CarnetEngine
@testable import CarnetQuery
import CarnetTestSupport
import Testing

/// quantile_cont and median pick their ranks by selection, not by sorting each group: the
/// answers must be those of sorting, interpolated between the two nearest ranks.
@Suite struct QuantileTests {
    @Test(arguments: [0.0, 0.1, 0.25, 0.5, 0.9, 1.0])
    func quantilesAreThoseOfASortedGroup(_ q: Double) throws {
        var random = SeededGenerator(seed: 77)
        let rows = 20_000
        // Groups of 1 to ~400 rows, values with many repeats (ties around the pivots).
        let g = (0..<rows).map { _ in Int64.random(in: 0..<97, using: &random) }
        let v = (0..<rows).map { _ in Double(Int.random(in: -50...50, using: &random)) / 4 }
        let table = Table(columnNames: ["g", "v"], columns: [Column(.int64(g)), Column(.double(v))])
        let catalog = TableCatalog(names: ["t"]) { $0.lowercased() == "t" ? ("t", table) : nil }
        guard case .table(let t, _) = try QueryEngine.run("SELECT g, quantile_cont(v, \(q)) FROM t GROUP BY g ORDER BY g", catalog: catalog) else {
            Issue.record("no table")
            return
        }
        var byGroup: [Int64: [Double]] = [:]
        for row in 0..<rows { byGroup[g[row], default: []].append(v[row]) }
        for r in 0..<t.rowCount {
            guard case .int64(let k) = t.columns[0].value(at: r), case .double(let got) = t.columns[1].value(at: r) else { Issue.record("types"); return }
            let sorted = byGroup[k]!.sorted()
            let position = q * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
            let expected = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
            #expect(abs(got - expected) <= 1e-12, "group \(k)")
        }
    }
}
