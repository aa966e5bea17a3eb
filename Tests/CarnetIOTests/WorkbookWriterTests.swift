import CarnetEngine
import CarnetTestSupport
@testable import CarnetIO
import Foundation
import Testing

/// `export … to t.xlsx` / `t.ods`: what Carnet writes is read back by independent readers
/// (openpyxl, odfpy) with the same values and types, and by Carnet's own readers; what a
/// workbook cannot hold is refused before anything is written.
@Suite struct WorkbookWriterTests {
    /// Every type, NULLs, and text that XML and spreadsheets mistreat.
    static let table: Table = {
        var text = StringColumnBuilder()
        for s in ["Mauguio", "  deux espaces devant", "a\tb", "ligne 1\nligne 2", "<&> \"l'Or\"", "\u{1}contrôle", "", "Pérols  et   Carnon"] {
            if s.isEmpty { text.appendNull() } else { text.append(s) }
        }
        var nulls = ValidityBitmap(count: 8, valid: true)
        nulls.set(3, valid: false)
        var noText = ValidityBitmap(count: 8, valid: true)
        noText.set(6, valid: false)
        return Table(columnNames: ["nom", "n", "montant", "ratio", "actif", "jour", "instant", "grand"], columns: [
            Column(.string(text.build()), validity: noText),
            Column(.int64([1, -2, 3, 0, 42, 7, 8, 9]), validity: nulls),
            Column(.decimal([120_050, -5, 0, 99_999_999, 1, 2, 3, 4], scale: 2)),
            Column(.double([0.25, 1e-7, -3.5, 2.0, 1e15, 0, 0.1, 7.75])),
            Column(.bool([true, false, true, true, false, false, true, false])),
            Column(.date([CivilCalendar.days(year: 2024, month: 1, day: 31), CivilCalendar.days(year: 1900, month: 3, day: 1),
                          CivilCalendar.days(year: 2024, month: 2, day: 29), 0, 19_000, 20_000, 1, 2])),
            Column(.timestamp([Int64(CivilCalendar.days(year: 2023, month: 6, day: 1)) * CivilCalendar.microsecondsPerDay + 37_800_000_000,
                               0, 86_400_000_000, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000])),
            Column(.int64([9_007_199_254_740_993, 1, 2, 3, 4, 5, 6, 7])),
        ])
    }()

    func scratch(_ name: String) throws -> String { try ScratchFolder.make("carnet-export") + "/" + name }

    /// What openpyxl reads: each cell as [python type, value as text].
    static let openpyxl = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.worksheets[0]
        rows = [[None if c.value is None else [type(c.value).__name__, str(c.value)] for c in row] for row in ws.iter_rows()]
        print(json.dumps({"sheet": ws.title, "rows": rows, "frozen": ws.freeze_panes}))
        """

    @Test func openpyxlReadsTheValuesAndTypes() throws {
        let path = try scratch("export.xlsx")
        _ = try XLSXWriter.write(Self.table, sheet: "budget", to: path)
        let json = try JSONSerialization.jsonObject(with: Data(try Python3.runInTestVenv(Self.openpyxl, arguments: [path]).utf8)) as! [String: Any]
        #expect(json["sheet"] as? String == "budget")
        #expect(json["frozen"] as? String == "A2")
        let rows = json["rows"] as! [[Any]]
        func cell(_ r: Int, _ c: Int) -> [String]? { rows[r][c] as? [String] }
        #expect(rows.count == 9)
        #expect(cell(0, 0) == ["str", "nom"])
        #expect(cell(1, 0) == ["str", "Mauguio"])
        #expect(cell(2, 0) == ["str", "  deux espaces devant"])
        #expect(cell(4, 0) == ["str", "ligne 1\nligne 2"])
        #expect(cell(5, 0) == ["str", "<&> \"l'Or\""])
        #expect(cell(6, 0) == ["str", "\u{FFFD}contrôle"])
        #expect(cell(7, 0) == nil)
        #expect(cell(1, 1) == ["int", "1"])
        #expect(cell(4, 1) == nil)
        #expect(cell(1, 2) == ["float", "1200.5"])
        #expect(cell(2, 3) == ["float", "1e-07"])
        #expect(cell(1, 4) == ["bool", "True"])
        #expect(cell(1, 5) == ["datetime", "2024-01-31 00:00:00"])
        #expect(cell(2, 5) == ["datetime", "1900-03-01 00:00:00"])
        #expect(cell(3, 5) == ["datetime", "2024-02-29 00:00:00"])
        #expect(cell(1, 6) == ["datetime", "2023-06-01 10:30:00"])
        // Beyond 2^53 an integer is text: every digit kept.
        #expect(cell(1, 7) == ["str", "9007199254740993"])
    }

    /// What odfpy reads: each cell's value type and stored value, and its paragraphs' text.
    static let odfpy = """
        import json, sys
        from odf.opendocument import load
        from odf.table import Table, TableRow, TableCell
        from odf.namespaces import OFFICENS, TABLENS
        doc = load(sys.argv[1])
        sheet = doc.spreadsheet.getElementsByType(Table)[0]
        def text(node):
            out = ''
            for child in node.childNodes:
                if child.nodeType == child.TEXT_NODE: out += child.data
                elif child.qname[1] == 's': out += ' ' * int(child.attributes.get(('urn:oasis:names:tc:opendocument:xmlns:text:1.0', 'c'), 1))
                elif child.qname[1] == 'tab': out += '\\t'
                else: out += text(child)
            return out
        rows = []
        for row in sheet.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                n = int(cell.attributes.get((TABLENS, 'number-columns-repeated'), 1))
                kind = cell.attributes.get((OFFICENS, 'value-type'))
                value = cell.attributes.get((OFFICENS, 'value')) or cell.attributes.get((OFFICENS, 'date-value')) or cell.attributes.get((OFFICENS, 'boolean-value'))
                paragraphs = [text(p) for p in cell.childNodes if p.qname[1] == 'p']
                cells += [None if kind is None else [kind, value if value is not None else '\\n'.join(paragraphs)]] * n
            rows.append(cells)
        print(json.dumps({"sheet": sheet.getAttribute('name'), "rows": rows}))
        """

    @Test func odfpyReadsTheValuesAndTypes() throws {
        let path = try scratch("export.ods")
        _ = try ODSWriter.write(Self.table, sheet: "budget", to: path)
        let json = try JSONSerialization.jsonObject(with: Data(try Python3.runInTestVenv(Self.odfpy, arguments: [path]).utf8)) as! [String: Any]
        #expect(json["sheet"] as? String == "budget")
        let rows = json["rows"] as! [[Any]]
        func cell(_ r: Int, _ c: Int) -> [String]? { c < rows[r].count ? rows[r][c] as? [String] : nil }
        #expect(rows.count == 9)
        #expect(cell(0, 1) == ["string", "n"])
        #expect(cell(2, 0) == ["string", "  deux espaces devant"])
        #expect(cell(3, 0) == ["string", "a\tb"])
        #expect(cell(4, 0) == ["string", "ligne 1\nligne 2"])
        #expect(cell(8, 0) == ["string", "Pérols  et   Carnon"])
        #expect(cell(7, 0) == nil)
        #expect(cell(4, 1) == nil)
        #expect(cell(1, 2) == ["float", "1200.50"])
        #expect(cell(1, 4) == ["boolean", "true"])
        #expect(cell(1, 5) == ["date", "2024-01-31"])
        #expect(cell(1, 6) == ["date", "2023-06-01T10:30:00"])
        #expect(cell(1, 7) == ["float", "9007199254740993"])
    }

    /// Carnet reads back what it wrote: same names, types and values, in both formats.
    @Test(arguments: ["xlsx", "ods"]) func carnetReadsBackWhatItWrote(_ ext: String) throws {
        let path = try scratch("export.\(ext)")
        let writer = TableFileWriters.writer(forExtension: ext)!
        _ = try writer.write(Self.table, sheet: "budget", to: path)
        let (back, report) = try TableReaders.load(path: path)
        #expect(report.sheet == "budget")
        #expect(back.columnNames == Self.table.columnNames)
        for name in ["n", "montant", "actif", "jour", "instant"] {
            #expect(back.column(named: name)?.type == Self.table.column(named: name)?.type, "\(ext) \(name)")
            #expect(back.strings(name) == Self.table.strings(name), "\(ext) \(name)")
        }
        #expect(back.strings("nom") == Self.table.strings("nom").map { $0?.replacingEvery("\u{1}", with: "\u{FFFD}") })
    }

    @Test func whatASheetCannotHoldIsRefusedAndNothingIsWritten() throws {
        var long = StringColumnBuilder()
        long.append(String(repeating: "é", count: 32_768))
        let table = Table(columnNames: ["note"], columns: [Column(.string(long.build()))])
        for ext in ["xlsx", "ods"] {
            let path = try scratch("old.\(ext)")
            try "old".write(toFile: path, atomically: true, encoding: .utf8)
            #expect { try TableFileWriters.writer(forExtension: ext)!.write(table, sheet: "t", to: path) } throws: {
                "\($0)".contains("holds 32768 characters") && "\($0)".contains("export to .csv")
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
            #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))
        }
        #expect(throws: LoadError.self) { try XLSXWriter.write(Self.table, sheet: "t", to: "/nonexistent/folder/t.xlsx") }
    }

    @Test func theSameTableGivesTheSameBytes() throws {
        let a = try scratch("a.xlsx"), b = try scratch("b.xlsx")
        _ = try XLSXWriter.write(Self.table, sheet: "t", to: a)
        _ = try XLSXWriter.write(Self.table, sheet: "t", to: b)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
    }
}
