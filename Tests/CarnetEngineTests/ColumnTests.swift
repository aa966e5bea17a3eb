@testable import CarnetEngine
import CarnetTestSupport
import Testing

@Suite struct ColumnTests {
    @Test func validityBitmapAppendSetAndCount() {
        var bitmap = ValidityBitmap()
        for i in 0..<130 { bitmap.append(i % 3 != 0) }
        #expect(bitmap.count == 130)
        #expect(bitmap.nullCount == 44)
        #expect(!bitmap.isValid(0) && bitmap.isValid(1) && !bitmap.isValid(129))
        bitmap.set(0, valid: true)
        #expect(bitmap.nullCount == 43)
        bitmap.truncate(to: 64)
        #expect(bitmap.count == 64)
        #expect(bitmap.nullCount == 21)
        #expect(ValidityBitmap(count: 70, valid: true).validCount == 70)
        #expect(ValidityBitmap(count: 70, valid: false).validCount == 0)
    }

    @Test(arguments: Shapes.all.map { "\($0.rows)/\($0.nulls)" })
    func columnsKeepValuesAndNulls(_ shape: String) {
        let parts = shape.split(separator: "/")
        let rows = Int(parts[0])!, nulls = Double(parts[1])!
        for sample in [Sample.ints(rows, nulls: nulls, seed: 1), Sample.decimals(rows, nulls: nulls, seed: 2), Sample.texts(rows, nulls: nulls, seed: 3)] {
            #expect(sample.column.count == rows)
            #expect((0..<rows).map { sample.column.value(at: $0) } == sample.values)
            #expect(sample.column.nullCount == sample.values.filter(\.isNull).count)
            // A column without NULL carries no bitmap.
            #expect((sample.column.validity == nil) == (sample.column.nullCount == 0))
        }
    }

    @Test func stringBuilderSwitchesToPlainWhenValuesAreDistinct() {
        var repetitive = StringColumnBuilder()
        for i in 0..<100_000 { repetitive.append(i % 3 == 0 ? "Dépense" : "Recette") }
        let r = repetitive.build()
        #expect(r.isDictionaryEncoded)
        #expect(r.string(at: 3) == "Dépense" && r.string(at: 4) == "Recette")

        // 100,000 values repeating over 400,000 rows: still mostly new at row 130,000, but
        // they repeat, and the column stays encoded.
        var repeating = StringColumnBuilder()
        for i in 0..<400_000 { repeating.append("id\(i % 100_000)") }
        let many = repeating.build()
        #expect(many.isDictionaryEncoded)
        #expect(many.string(at: 123_456) == "id23456")

        var distinct = StringColumnBuilder()
        let n = StringColumnBuilder.decisionRows + 10
        for i in 0..<n { distinct.append("valeur \(i)") }
        let d = distinct.build()
        #expect(!d.isDictionaryEncoded)
        #expect(d.count == n)
        #expect(d.string(at: 0) == "valeur 0")
        #expect(d.string(at: n - 1) == "valeur \(n - 1)")
    }

    @Test func internerGivesOneCodePerDistinctString() {
        var interner = ByteStringInterner(capacity: 2)
        var codes: [String: UInt32] = [:]
        var g = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let word = "mot-\(Int.random(in: 0..<3000, using: &g))-é"
            var copy = word
            let code = copy.withUTF8 { interner.intern($0) }
            if let known = codes[word] { #expect(known == code) } else { codes[word] = code }
        }
        #expect(interner.count == codes.count)
        for (word, code) in codes { #expect(interner.values.string(at: Int(code)) == word) }
    }

    @Test func emptyTableAndHead() {
        let empty = Table()
        #expect(empty.rowCount == 0 && empty.columnCount == 0)
        let sample = Sample.texts(7, nulls: 0.5, seed: 9)
        let table = Table(columnNames: ["t"], columns: [sample.column])
        let head = table.head(3)
        #expect(head.rowCount == 3)
        #expect((0..<3).map { head.columns[0].value(at: $0) } == Array(sample.values.prefix(3)))
        #expect(table.head(100).rowCount == 7)
        #expect(table.head(0).rowCount == 0)
        #expect(table.columnIndex(named: "T") == 0)
    }

    @Test func sliceOfPlainStrings() {
        let column = Column(.string(StringColumn(["a", "bé", "c", "dd"])))
        let s = column.slice(1..<3)
        #expect(s.value(at: 0) == .string("bé"))
        #expect(s.value(at: 1) == .string("c"))
    }
}
