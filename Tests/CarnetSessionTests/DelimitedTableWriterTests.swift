import CarnetEngine
import CarnetSession
import Testing

/// CSV and TSV as other programs read them back: fields quoted exactly when RFC 4180 needs it
/// (and on edge spaces, which readers trim), quotes doubled, NULL as an empty field.
@Suite struct DelimitedTableWriterTests {
    static let table = Table(columnNames: ["texte", "n", "montant", "jour"], columns: [
        Column(.string(StringColumn(["simple", "a,b", "dit \"oui\"", "deux\nlignes", " avant", "après ", "tab\there", "é;à"]))),
        Column(.int64([1, -2, 3, 4, 5, 6, 7, 8]), validity: {
            var v = ValidityBitmap(count: 8, valid: true)
            v.set(2, valid: false)
            return v
        }()),
        Column(.decimal([1250, -5, 0, 100, 1, 2, 3, 4], scale: 2)),
        Column(.date([0, 1, 2, 3, 4, 5, 6, 7])),
    ])

    @Test func commaSeparatedQuotesWhatRFC4180Needs() {
        let csv = DelimitedTableWriter().render(Self.table)
        let expected = [
            "texte,n,montant,jour",
            "simple,1,12.50,1970-01-01",
            "\"a,b\",-2,-0.05,1970-01-02",
            "\"dit \"\"oui\"\"\",,0.00,1970-01-03",
            "\"deux\nlignes\",4,1.00,1970-01-04",
            "\" avant\",5,0.01,1970-01-05",
            "\"après \",6,0.02,1970-01-06",
            "tab\there,7,0.03,1970-01-07",
            "é;à,8,0.04,1970-01-08",
        ].map { $0 + "\r\n" }.joined()
        #expect(csv == expected)
    }

    @Test func otherDelimitersQuoteTheirOwn() {
        let tsv = DelimitedTableWriter(delimiter: "\t").render(Self.table)
        #expect(tsv.contains("\r\n\"tab\there\"\t7\t0.03\t1970-01-07\r\n"))
        #expect(tsv.contains("\r\na,b\t-2\t"))
        let semicolons = DelimitedTableWriter(delimiter: ";").render(Self.table)
        #expect(semicolons.contains("\r\n\"é;à\";8;0.04;1970-01-08\r\n"))
    }
}
