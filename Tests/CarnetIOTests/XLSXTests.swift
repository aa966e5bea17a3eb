import CarnetEngine
@testable import CarnetIO
import Foundation
import Testing

@Suite struct XLSXTests {
    static let marches = Fixture.folder + "/../marches-publics-2015.xlsx"

    @Test func realMessyWorkbookLoads() throws {
        #expect(try XLSXReader.tableNames(path: Self.marches) == ["Problemes", "Ajout_SIRET_geoloc"])
        let (table, report) = try XLSXReader.load(path: Self.marches, options: LoadOptions())
        #expect(table.rowCount == 33)
        #expect(table.column(named: "PUBLICATION_DATE")?.type == .date)
        #expect(table.strings("PUBLICATION_DATE").first == "2021-04-15")
        #expect(table.column(named: "LIEU_EXEC_CODE")?.type == .string)
        #expect(table.strings("LIEU_EXEC_CODE").first == "59230")
        #expect(table.strings("MONTANT").first == "15 000- 89 999,99")
        #expect(report.format?.hasPrefix("XLSX sheet 'Problemes'") == true)
        #expect(report.warnings.contains { $0.contains("966 empty row(s)") })
        let (second, _) = try XLSXReader.load(path: Self.marches, options: LoadOptions(sheet: "2"))
        #expect(second.columnCount == 11)
    }

    @Test func serialDatesInBothSystems() {
        #expect(XLSXSheet.dateText(serial: 44301, uses1904: false) == "2021-04-15")
        #expect(XLSXSheet.dateText(serial: 1, uses1904: false) == "1900-01-01")
        #expect(XLSXSheet.dateText(serial: 61, uses1904: false) == "1900-03-01")
        #expect(XLSXSheet.dateText(serial: 0, uses1904: true) == "1904-01-01")
        #expect(XLSXSheet.dateText(serial: 44301.5, uses1904: false) == "2021-04-15 12:00:00")
        #expect(XLSXWorkbook.isDateFormat(14, custom: nil))
        #expect(XLSXWorkbook.isDateFormat(164, custom: "dd/mm/yyyy"))
        #expect(!XLSXWorkbook.isDateFormat(164, custom: "#,##0.00\\ \"€\""))
        #expect(!XLSXWorkbook.isDateFormat(164, custom: "[Red]0.00"))
    }

    @Test func badWorkbooksGetClearMessages() throws {
        func message(_ bytes: [UInt8]) -> String {
            let path = TemporaryFile.write(bytes, name: "book.xlsx")
            do { _ = try XLSXReader.load(path: path, options: LoadOptions()); return "" } catch { return "\(error)" }
        }
        #expect(message(Array("nom;montant\na;1\n".utf8)).contains("not a zip archive"))
        #expect(message([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).contains("encrypted workbook or an old .xls"))
        #expect(message([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]).contains("damaged"))
        #expect(throws: LoadError.self) { try XLSXReader.load(path: Self.marches, options: LoadOptions(sheet: "Nope")) }
        #expect(throws: LoadError.self) { try XLSXReader.load(path: "/nonexistent.xlsx", options: LoadOptions()) }
    }
}

/// Inputs the fuzzers found crashing, kept as regressions.
@Suite struct XLSXFuzzRegressionTests {
    @Test func cellReferencesOutsideExcelLimitsAreIgnored() {
        #expect(XLSXSheet.reference("C12")! == (3, 12))
        #expect(XLSXSheet.reference("XFD1048576")! == (16_384, 1_048_576))
        #expect(XLSXSheet.reference("AAAAAAAAAAAAAAAAAAAAAAAAAAAAA1") == nil)
        #expect(XLSXSheet.reference("A99999999999999999999") == nil)
        #expect(XLSXSheet.reference("1A") == nil)
    }
}
