@testable import CarnetEngine
import Testing
import CarnetTestSupport

/// Grouping, sorting and gathering against row-by-row references on seeded tables.
@Suite struct KernelTests {
    static let shapes = Shapes.all.map { "\($0.rows)/\($0.nulls)" }

    static func samples(_ shape: String) -> [Sample] {
        let p = shape.split(separator: "/")
        let rows = Int(p[0])!, nulls = Double(p[1])!
        return [Sample.ints(rows, nulls: nulls, seed: 21), Sample.texts(rows, nulls: nulls, seed: 22), Sample.decimals(rows, nulls: nulls, seed: 23)]
    }

    @Test(arguments: shapes)
    func groupsMatchValueEquality(_ shape: String) {
        let s = Self.samples(shape)
        let rows = s[0].values.count
        // Texts alone (direct path), texts with ints (hashed path), and all three.
        for keys in [[s[1]], [s[1], s[0]], [s[0], s[1], s[2]]] {
            let groups = GroupKeyEncoder.encode(keys.map(\.column), rowCount: rows)
            var reference: [[Value]: Int32] = [:]
            for row in 0..<rows {
                let tuple = keys.map { $0.values[row] }
                if let g = reference[tuple] { #expect(groups.groupOfRow[row] == g) } else { reference[tuple] = groups.groupOfRow[row] }
            }
            #expect(groups.groupCount == reference.count)
            for (g, first) in groups.firstRow.enumerated() { #expect(groups.groupOfRow[Int(first)] == Int32(g)) }
        }
    }

    @Test(arguments: shapes)
    func sortMatchesAReferenceSort(_ shape: String) {
        let s = Self.samples(shape)
        let rows = s[0].values.count
        for (descending, nullsFirst) in [(false, false), (true, true), (false, true)] {
            let order = RowComparator.sortedRows([RowComparator(s[1].column, descending: descending, nullsFirst: nullsFirst),
                                                  RowComparator(s[0].column, descending: false, nullsFirst: false)], rowCount: rows)
            func key(_ v: Value) -> (Int, String) {
                if case .string(let t) = v { return (nullsFirst ? 1 : 0, t) }
                return (nullsFirst ? 0 : 1, "")
            }
            let expected = (0..<rows).sorted { a, b in
                let ka = key(s[1].values[a]), kb = key(s[1].values[b])
                if ka.0 != kb.0 { return ka.0 < kb.0 }
                if ka.1 != kb.1 { return descending ? Array(ka.1.utf8).lexicographicallyPrecedes(Array(kb.1.utf8)) == false : Array(ka.1.utf8).lexicographicallyPrecedes(Array(kb.1.utf8)) }
                let ia = s[0].values[a], ib = s[0].values[b]
                switch (ia, ib) {
                case (.int64(let x), .int64(let y)) where x != y: return x < y
                case (.null, .int64): return false
                case (.int64, .null): return true
                default: return a < b
                }
            }
            #expect(order.map(Int.init) == expected, "desc \(descending) nullsFirst \(nullsFirst)")
        }
    }

    @Test(arguments: shapes)
    func gatherKeepsValuesAndMakesNulls(_ shape: String) {
        for sample in Self.samples(shape) {
            let rows = sample.values.count
            let indices: [Int32] = (0..<rows).reversed().map { Int32($0) } + [-1]
            let gathered = sample.column.gather(indices)
            #expect((0..<rows).map { gathered.value(at: $0) } == sample.values.reversed())
            #expect(gathered.value(at: rows) == .null)
        }
    }

    /// Top-N (ORDER BY … LIMIT) gives exactly the first rows of the stable full sort, ties and
    /// NULLs included, for every count.
    @Test(arguments: shapes)
    func topRowsArePrefixesOfTheFullSort(_ shape: String) {
        let s = Self.samples(shape)
        let rows = s[0].values.count
        for (descending, nullsFirst) in [(false, false), (true, true)] {
            let keys = [RowComparator(s[2].column, descending: descending, nullsFirst: nullsFirst)]
            let full = RowComparator.sortedRows(keys, rowCount: rows)
            for count in Set([0, 1, 2, 3, 10, rows / 5, rows / 3, rows, rows + 5]) {
                #expect(RowComparator.topRows(keys, rowCount: rows, count: count) == Array(full.prefix(count)), "count \(count)")
            }
        }
    }

    @Test func concatenateWidensNumbers() {
        let c = Column.concatenate([Column(.int64([1, 2])), Column(.decimal([150], scale: 2))])
        #expect(c.type == .decimal(scale: 2))
        #expect((0..<3).map { c.value(at: $0).plainText } == ["1.00", "2.00", "1.50"])
    }

    @Test func castsConvertOrFail() throws {
        let text = Column(.string(StringColumn(["12", "7.5", "x"])))
        #expect(throws: CastFailure.self) { try ValueCasting.cast(text, to: .double) }
        let ok = try ValueCasting.cast(Column(.string(StringColumn(["12", "7.5"]))), to: .decimal(scale: 1))
        #expect((0..<2).map { ok.value(at: $0).plainText } == ["12.0", "7.5"])
        let rounded = try ValueCasting.cast(Column(.decimal([125, -125], scale: 2)), to: .decimal(scale: 1))
        #expect((0..<2).map { rounded.value(at: $0).plainText } == ["1.3", "-1.3"])
        #expect(ValueCasting.parse("04/03/2022", as: .date) == .date(CivilCalendar.days(year: 2022, month: 3, day: 4)))
    }
}

/// Regressions found by the differential test against SQLite.
@Suite struct KernelRegressionTests {
    /// Gathering NULL rows (-1) out of an empty text column used to index an empty dictionary.
    @Test func nullRowsFromAnEmptyTextColumn() {
        let empty = Column(.string(StringColumnBuilder().build()))
        let gathered = empty.gather([-1, -1])
        #expect(gathered.value(at: 0) == .null)
        guard case .string(let s) = gathered.buffer, case .dictionary(let codes, let values) = s.storage else { Issue.record("not dictionary"); return }
        #expect(codes.allSatisfy { Int($0) < values.count })
        #expect(GroupKeyEncoder.encode([gathered], rowCount: 2).groupCount == 1)
    }
}

/// Grouping of more than a million rows, which is cut into hash partitions numbered on several
/// threads: the numbers must be those of one pass in row order (first appearance).
@Suite struct PartitionedGroupingTests {
    @Test func numbersGroupsInOrderOfFirstAppearance() {
        let rows = PartitionedGrouping.minimumRows + 12_345
        var random = SeededGenerator(seed: 41)
        // Two key columns with many combinations (most rows a group of their own), one with NULLs.
        let a = (0..<rows).map { _ in Int64.random(in: 0..<1_000, using: &random) }
        let b = (0..<rows).map { _ in Int64.random(in: -5_000..<5_000, using: &random) }
        var validity = ValidityBitmap(count: rows, valid: true)
        for row in stride(from: 0, to: rows, by: 97) { validity.set(row, valid: false) }
        let columns = [Column(.int64(a)), Column(.int64(b), validity: validity)]
        let groups = GroupKeyEncoder.encode(columns, rowCount: rows)
        struct Key: Hashable { var a: Int64; var b: Int64? }
        var seen: [Key: Int32] = [:]
        var expected = [Int32](repeating: 0, count: rows)
        for row in 0..<rows {
            let key = Key(a: a[row], b: validity.isValid(row) ? b[row] : nil)
            if let g = seen[key] { expected[row] = g } else { expected[row] = Int32(seen.count); seen[key] = expected[row] }
        }
        #expect(seen.count > 500_000)
        #expect(groups.groupCount == seen.count)
        #expect(groups.groupOfRow == expected)
        #expect(groups.firstRow.enumerated().allSatisfy { groups.groupOfRow[Int($0.element)] == Int32($0.offset) })
    }
}

/// Plain text keys of a million rows or more are interned on several threads: grouping by them
/// must still number groups in order of first appearance.
@Suite struct PartitionedInterningTests {
    @Test func textGroupsAreNumberedInOrderOfFirstAppearance() {
        let rows = PartitionedGrouping.minimumRows + 777
        var random = SeededGenerator(seed: 43)
        let texts = (0..<rows).map { _ in "clé-\(Int.random(in: 0..<300_000, using: &random))" }
        let column = Column(.string(StringColumn(storage: .plain(StringArena(texts)))))
        let groups = GroupKeyEncoder.encode([column], rowCount: rows)
        var seen: [String: Int32] = [:]
        var expected = [Int32](repeating: 0, count: rows)
        for (row, text) in texts.enumerated() {
            if let g = seen[text] { expected[row] = g } else { expected[row] = Int32(seen.count); seen[text] = expected[row] }
        }
        #expect(groups.groupCount == seen.count)
        #expect(groups.groupOfRow == expected)
    }
}

/// Join keys of a narrow range are numbered by an array (DenseJoinKeys), wide ones by hashing:
/// both must give each side the numbers of one pass in row order over the side numbered first.
@Suite struct JoinKeyNumberingTests {
    static func reference(first: [Int64?], then second: [Int64?]) -> (first: [Int32], second: [Int32]) {
        var seen: [Int64: Int32] = [:]
        let a = first.map { v -> Int32 in
            guard let v else { return -1 }
            if let g = seen[v] { return g }
            seen[v] = Int32(seen.count)
            return seen[v]!
        }
        return (a, second.map { v in v.flatMap { seen[$0] } ?? -1 })
    }

    static func column(_ values: [Int64?]) -> Column {
        var validity = ValidityBitmap(count: values.count, valid: true)
        for (row, v) in values.enumerated() where v == nil { validity.set(row, valid: false) }
        return Column(.int64(values.map { $0 ?? 0 }), validity: validity)
    }

    @Test(arguments: [(1_000, Int64(500)), (300_000, Int64(5_000)), (2_000, Int64(1) << 40)])
    func bothSidesGetTheNumbersOfOnePass(rows: Int, spread: Int64) {
        var random = SeededGenerator(seed: UInt64(rows))
        let small = (0..<rows / 10).map { i -> Int64? in i % 13 == 0 ? nil : Int64.random(in: -spread...spread, using: &random) }
        let large = (0..<rows).map { i -> Int64? in i % 17 == 0 ? nil : Int64.random(in: -spread...spread, using: &random) }
        // The smaller side is numbered first, whichever side it is.
        let keys = GroupKeyEncoder.numberJoinKeys(build: [Self.column(small)], buildCount: small.count, probe: [Self.column(large)], probeCount: large.count)
        let expected = Self.reference(first: small, then: large)
        #expect(keys.build == expected.first)
        #expect(keys.probe == expected.second)
        let swapped = GroupKeyEncoder.numberJoinKeys(build: [Self.column(large)], buildCount: large.count, probe: [Self.column(small)], probeCount: small.count)
        #expect(swapped.probe == expected.first)
        #expect(swapped.build == expected.second)
    }
}
