import CarnetEngine
@testable import CarnetIO
import Testing

/// The sniffer on one fixture per quirk (see Tests/Fixtures/csv/README.md).
@Suite struct SnifferFixtureTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var file: String
        var delimiter: String
        var encoding: TextEncoding
        var decimal: String
        var header: Bool
        var rows: Int
        var types: [DataType]
        var testDescription: String { file }
    }

    static let dec = DataType.decimal(scale: 2)

    static let expectations: [Expectation] = [
        .init(file: "semicolon-decimal-comma.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 7, types: [.string, dec, .int64]),
        .init(file: "comma-dot-decimal.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 5, types: [.string, dec, .decimal(scale: 3), .double]),
        .init(file: "tab-delimited.tsv", delimiter: "\t", encoding: .utf8, decimal: ".", header: true, rows: 5, types: [.string, .string, .int64, .decimal(scale: 2), .string]),
        .init(file: "pipe-delimited.csv", delimiter: "|", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, .int64, .decimal(scale: 2)]),
        .init(file: "lf.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, dec]),
        .init(file: "crlf.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, dec]),
        .init(file: "cr-only.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, dec]),
        .init(file: "no-final-newline.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 3, types: [.string, .string, .int64]),
        .init(file: "utf8-bom.csv", delimiter: ";", encoding: .utf8BOM, decimal: ",", header: true, rows: 3, types: [.string, .string, .int64]),
        .init(file: "windows-1252.csv", delimiter: ";", encoding: .windows1252, decimal: ",", header: true, rows: 5, types: [.string, .string, .int64, .string]),
        .init(file: "latin1.csv", delimiter: ";", encoding: .windows1252, decimal: ",", header: true, rows: 5, types: [.string, .string, .int64, .string]),
        .init(file: "leading-zero-ids.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 5, types: [.string, .string, .string, .string, .string, dec]),
        .init(file: "excel-scientific-ids.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 6, types: [.string, .string, .int64]),
        .init(file: "excel-int-as-float.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 5, types: [.string, .string, dec]),
        .init(file: "excel-coordinates-as-dates.csv", delimiter: ";", encoding: .utf8, decimal: ".", header: true, rows: 8, types: [.string, .double, .double]),
        .init(file: "dates-fr.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 5, types: [.string, .date, .int64]),
        .init(file: "dates-iso.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 5, types: [.string, .date, .int64]),
        .init(file: "datetimes.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 4, types: [.string, .timestamp, .timestamp]),
        .init(file: "booleans.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 5, types: [.string, .bool, .bool, .bool, .bool]),
        .init(file: "null-tokens.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 8, types: [.string, .string, dec]),
        .init(file: "ragged-rows.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 6, types: [.string, .string, .string, .int64]),
        .init(file: "multiline-quoted.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, .string, .string]),
        .init(file: "duplicate-header.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 3, types: [.string, .int64, .string, .string, .int64]),
        .init(file: "junk-prefix-header.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 3, types: [.string, .string, .int64]),
        .init(file: "comma-space.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, .string, dec]),
        .init(file: "no-header.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: false, rows: 5, types: [.int64, .double, .double, .int64]),
        .init(file: "header-only.csv", delimiter: ";", encoding: .utf8, decimal: ",", header: true, rows: 0, types: [.string, .string, .string]),
        .init(file: "invalid-utf8.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 4, types: [.string, .string, .string]),
        .init(file: "wide-accents.csv", delimiter: ",", encoding: .utf8, decimal: ".", header: true, rows: 8, types: [.string, .string, .string]),
    ]

    @Test(arguments: expectations)
    func sniffsDialectAndTypes(_ e: Expectation) throws {
        let (table, report) = try Fixture.load(e.file)
        #expect(report.dialect.delimiterName == (e.delimiter == "\t" ? "tab" : e.delimiter))
        #expect(report.dialect.encoding == e.encoding)
        #expect(String(UnicodeScalar(report.dialect.decimalMark)) == e.decimal)
        #expect(report.dialect.hasHeader == e.header)
        #expect(table.rowCount == e.rows)
        #expect(table.types == e.types)
    }

    /// Every fixture gives the same table whatever the size of the blocks it is read in, so
    /// records, quotes, CRLF pairs, BOMs and multi-byte letters cut by a block end are handled.
    @Test(arguments: expectations.map(\.file))
    func blockBoundariesDoNotMatter(_ file: String) throws {
        let (reference, _) = try Fixture.load(file)
        for blockSize in [1, 2, 3, 5, 7, 16, 64] {
            let (table, _) = try Fixture.load(file, blockSize: blockSize)
            #expect(table.dump == reference.dump, "block size \(blockSize)")
        }
    }
}
