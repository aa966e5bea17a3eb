import CarnetEngine
import CarnetTestSupport
@testable import CarnetIO
import Foundation
import Testing

/// OpenDocument spreadsheets as LibreOffice writes them: stored values rather than displayed
/// text, mixed text in paragraphs, comments that are not values, merged and repeated cells, and
/// the empty rest of the sheet as one repeated row.
@Suite struct ODSTests {
    static let content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">
        <office:body><office:spreadsheet>
        <table:table table:name="Subventions 2023">
        <table:table-column table:number-columns-repeated="1024"/>
        <table:table-row>
          <table:table-cell office:value-type="string"><text:p>beneficiaire</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>montant</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>date_vote</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>part</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>renouvelee</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>code_commune</text:p></table:table-cell>
          <table:table-cell table:number-columns-repeated="1018"/>
        </table:table-row>
        <table:table-row>
          <table:table-cell office:value-type="string"><text:p>Club de voile de <text:span>Carnon</text:span></text:p><office:annotation><text:p>vérifié</text:p></office:annotation></table:table-cell>
          <table:table-cell office:value-type="currency" office:currency="EUR" office:value="1500.5"><text:p>1 500,50 €</text:p></table:table-cell>
          <table:table-cell office:value-type="date" office:date-value="2023-03-14"><text:p>14/03/2023</text:p></table:table-cell>
          <table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25 %</text:p></table:table-cell>
          <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>34154</text:p></table:table-cell>
        </table:table-row>
        <table:table-row table:number-rows-repeated="2">
          <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Médiathèque<text:s text:c="2"/>Lansargues</text:p><text:p>2e ligne</text:p></table:table-cell>
          <table:covered-table-cell/>
          <table:table-cell table:formula="of:=[.B2]*2" office:value-type="date" office:date-value="2023-06-01T10:30:00"><text:p>01/06/2023</text:p></table:table-cell>
          <table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="2"><text:p>1</text:p></table:table-cell>
          <table:table-cell office:value-type="string"><text:p>01004</text:p></table:table-cell>
        </table:table-row>
        <table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
        </table:table>
        <table:table table:name="Notes"><table:table-row><table:table-cell office:value-type="string"><text:p>seule</text:p></table:table-cell></table:table-row>
        <table:table-row><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row></table:table>
        </office:spreadsheet></office:body></office:document-content>
        """

    static func write(content: String, name: String = "classeur.ods") throws -> String {
        let path = try ScratchFolder.make("carnet-ods") + "/" + name
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
                z.writestr('content.xml', open(sys.argv[2]).read(), compress_type=zipfile.ZIP_DEFLATED)
            """
        let xml = path + ".content.xml"
        try content.write(toFile: xml, atomically: true, encoding: .utf8)
        _ = try Python3.run(script, arguments: [path, xml])
        return path
    }

    @Test func aLibreOfficeSheetLoadsWithItsStoredValues() throws {
        let path = try Self.write(content: Self.content)
        #expect(try TableReaders.reader(for: path).reader == ODSReader.self)
        #expect(try ODSReader.tableNames(path: path) == ["Subventions 2023", "Notes"])
        let (t, report) = try TableReaders.load(path: path)
        #expect(t.columnNames == ["beneficiaire", "montant", "date_vote", "part", "renouvelee", "code_commune"])
        #expect(t.rowCount == 3)
        #expect(t.strings("beneficiaire") == ["Club de voile de Carnon", "Médiathèque  Lansargues\n2e ligne", "Médiathèque  Lansargues\n2e ligne"])
        // The stored value, not the display (`1 500,50 €`); a covered (merged) cell is empty.
        #expect(t.strings("montant") == ["1500.5", nil, nil])
        #expect(t.column(named: "montant")?.type == .decimal(scale: 1))
        #expect(t.column(named: "date_vote")?.type == .timestamp)
        #expect(t.strings("date_vote").first == "2023-03-14 00:00:00")
        #expect(t.column(named: "part")?.type == .decimal(scale: 2))
        // A repeated value cell fills both its columns: `true` then 1, 1 is text.
        #expect(t.strings("renouvelee") == ["true", "1", "1"])
        #expect(t.column(named: "code_commune")?.type == .string)
        #expect(t.strings("code_commune") == ["34154", "01004", "01004"])
        #expect(report.reader == "ODS")
        #expect(report.format == "ODS sheet 'Subventions 2023' (1 of 2: Subventions 2023, Notes)")
        #expect(report.warnings.contains { $0.contains("1 merged cell range(s)") })
        #expect(!report.warnings.contains { $0.contains("empty row(s) at the end") })
        #expect(report.reproducingOptions == "sheet='Subventions 2023' header=true")
    }

    @Test func sheetsByNameOrNumber() throws {
        let path = try Self.write(content: Self.content)
        let (byName, report) = try TableReaders.load(path: path, options: LoadOptions(sheet: "notes"))
        #expect(byName.columnNames == ["seule"])
        #expect(byName.column(named: "seule")?.type == .int64)
        #expect(report.format?.contains("(2 of 2") == true)
        let (byNumber, _) = try TableReaders.load(path: path, options: LoadOptions(sheet: "2"))
        #expect(byNumber.columnNames == ["seule"])
        #expect(throws: LoadError.self) { try TableReaders.load(path: path, options: LoadOptions(sheet: "3")) }
        #expect(throws: LoadError.self) { try TableReaders.load(path: path, options: LoadOptions(sheet: "Budget")) }
    }

    /// What pandas writes with odfpy (`to_excel(engine="odf")`): another writer, the same table.
    @Test func aPandasWrittenFileLoads() throws {
        let (t, report) = try TableReaders.load(path: Fixture.folder + "/../pandas-odfpy.ods")
        #expect(t.columnNames == ["commune", "montant", "date", "actif", "code"])
        #expect(t.columns.map(\.type) == [.string, .decimal(scale: 2), .date, .bool, .string])
        #expect(t.strings("montant") == ["1200.50", "300.00", "12.25"])
        #expect(t.strings("code") == ["01004", "34154", "34344"])
        #expect(report.sheet == "Données")
    }

    /// The real ODS of the CNIG economic-sites standard (LibreOffice, 17 sheets).
    @Test func theCNIGStandardWorkbookLoads() throws {
        let path = Fixture.folder + "/../cnig-mcd-sites-economiques.ods"
        #expect(try ODSReader.tableNames(path: path)?.count == 17)
        let (t, _) = try TableReaders.load(path: path)
        #expect(t.rowCount == 11)
        #expect(t.strings("name").first == "pole_id")
    }
}
