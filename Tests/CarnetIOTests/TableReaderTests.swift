import CarnetEngine
@testable import CarnetIO
import Foundation
import Testing

/// The reader interface: a file's format comes from its extension and its bytes, every format
/// goes through the same type inference, and the report says which format and sheet were read
/// so that a replay reads the same.
@Suite struct TableReaderTests {
    static let marches = Fixture.folder + "/../marches-publics-2015.xlsx"

    func copy(_ path: String, as name: String) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return TemporaryFile.write(bytes, name: name)
    }

    @Test func theExtensionAndTheBytesChooseTheReader() throws {
        #expect(try TableReaders.reader(for: Fixture.path("lf.csv")).reader == CSVReader.self)
        #expect(try TableReaders.reader(for: Self.marches).reader == XLSXReader.self)
        // No extension, or one no format claims: the bytes decide, without a warning.
        let bare = try copy(Self.marches, as: "classeur")
        #expect(try TableReaders.reader(for: bare).reader == XLSXReader.self)
        #expect(try TableReaders.reader(for: bare).warning == nil)
        let text = TemporaryFile.write(Array("a;b\n1;2\n".utf8), name: "export.dat")
        #expect(try TableReaders.reader(for: text).reader == CSVReader.self)
    }

    /// A workbook saved under a `.csv` name loads as the workbook it is, and says so.
    @Test func theBytesWinOverAWrongExtension() throws {
        let misnamed = try copy(Self.marches, as: "marches.csv")
        let (table, report) = try TableReaders.load(path: misnamed)
        #expect(table.rowCount == 33)
        #expect(report.reader == "XLSX")
        #expect(report.warnings.first == "the file is named .csv but holds XLSX: read as XLSX")
    }

    @Test func theReportNamesTheSheetSoThatAReplayReadsTheSame() throws {
        let (_, first) = try TableReaders.load(path: Self.marches)
        #expect(first.sheet == "Problemes")
        #expect(first.reproducingOptions == "sheet='Problemes' header=true")
        let (second, report) = try TableReaders.load(path: Self.marches, options: LoadOptions(sheet: "2"))
        #expect(report.sheet == "Ajout_SIRET_geoloc")
        #expect(report.format?.contains("(2 of 2: ") == true)
        let (again, _) = try TableReaders.load(path: Self.marches, options: LoadOptions(sheet: "Ajout_SIRET_geoloc"))
        #expect(again.columnNames == second.columnNames && again.rowCount == second.rowCount)
        #expect(throws: LoadError.self) { try TableReaders.load(path: Fixture.path("lf.csv"), options: LoadOptions(sheet: "1")) }
    }

    /// The cells of a sheet and the same cells as CSV text give the same types and values:
    /// one inference for every format.
    @Test func aGridAndTheSameCSVGiveTheSameTable() throws {
        let rows: [[String?]] = [
            ["code_commune", "montant", "date", "part", "actif", "note"],
            ["34192", "1200.50", "2024-01-31", "0.25", "oui", nil],
            ["34022", "15", "2024-02-29", "1.5", "non", "à revoir"],
            ["01004", nil, "2024-03-01", "2", "oui", "ok"],
        ]
        var grid = CellGrid(rows: rows)
        var options = LoadOptions()
        options.decimalMark = UInt8(ascii: ".")
        let fromGrid = try grid.table(options: options, path: "grid", monitor: .none)
        let csv = rows.map { $0.map { $0 ?? "" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let (fromCSV, _) = try CSVReader.load(path: TemporaryFile.write(Array(csv.utf8)), options: options)
        #expect(fromGrid.table.columnNames == fromCSV.columnNames)
        #expect(fromGrid.table.columns.map(\.type) == fromCSV.columns.map(\.type))
        #expect(fromGrid.table.columns.map(\.type) == [.string, .decimal(scale: 2), .date, .decimal(scale: 2), .bool, .string])
        for c in 0..<fromCSV.columnCount {
            for r in 0..<fromCSV.rowCount {
                #expect(fromGrid.table.columns[c].value(at: r) == fromCSV.columns[c].value(at: r))
            }
        }
    }

    /// A value that does not fit the sampled type widens its column and the column is built again.
    @Test func aGridColumnWidensLikeACSVColumn() throws {
        var rows: [[String?]] = [["n"]]
        for k in 0..<(TypeInference.sampleRecords + 10) { rows.append([String(k)]) }
        rows.append(["12.5"])
        var grid = CellGrid(rows: rows)
        let loaded = try grid.table(options: LoadOptions(), path: "grid", monitor: .none)
        #expect(loaded.table.columns[0].type == .decimal(scale: 1))
        #expect(loaded.rereads == 1)
        #expect(loaded.table.columns[0].value(at: loaded.table.rowCount - 1) == .decimal(125, scale: 1))
    }
}

/// Title lines above the header, in CSV and in a sheet, and `skip=` to say where the header is.
@Suite struct TitleRowTests {
    @Test func aTitleLineAboveTheHeaderIsLeftOut() throws {
        let text = "Budget primitif 2022 - Pays de l'Or\n\nsection;sens;montant\nFonctionnement;Dépense;1 200,50\nInvestissement;Recette;300,00\nFonctionnement;Recette;12,00\n"
        let path = TemporaryFile.write(Array(text.utf8))
        let (t, report) = try CSVReader.load(path: path)
        #expect(t.columnNames == ["section", "sens", "montant"])
        #expect(t.rowCount == 3)
        #expect(t.column(named: "montant")?.type == .decimal(scale: 2))
        #expect(report.skipped == 2)
        #expect(report.warnings.first == "the first 2 line(s) look like a title above the header ('Budget primitif 2022 - Pays de l'Or'): left out — load with skip=0 to keep them")
        #expect(report.reproducingOptions.hasSuffix(" skip=2"))
        // The reproducing options read the same table without guessing.
        var pinned = LoadOptions()
        pinned.skip = 2
        let (again, quiet) = try CSVReader.load(path: path, options: pinned)
        #expect(again.columnNames == t.columnNames && again.rowCount == 3)
        #expect(!quiet.warnings.contains { $0.contains("title") })
        var none = LoadOptions()
        none.skip = 0
        #expect(try CSVReader.load(path: path, options: none).0.columnCount == 1)
        // A title written with trailing delimiters, as spreadsheets export it.
        let (padded, _) = try CSVReader.load(path: TemporaryFile.write(Array("Titre;;\nnom;nb;ville\na;1;x\nb;2;y\n".utf8)))
        #expect(padded.columnNames == ["nom", "nb", "ville"])
    }

    @Test func noTitleNoSkip() throws {
        let (t, report) = try CSVReader.load(path: TemporaryFile.write(Array("nom;nb\na;1\nb;\n;3\n".utf8)))
        #expect(t.rowCount == 3)
        #expect(report.skipped == 0)
        let (single, _) = try CSVReader.load(path: TemporaryFile.write(Array("nom\na\nb\nc\n".utf8)))
        #expect(single.rowCount == 3)
    }

    @Test func aSheetWithATitleInA1AndTheHeaderOnRow3() throws {
        let path = try WorkbookMaker.write(rows: [
            ["Subventions versées en 2023", nil, nil], [nil, nil, nil],
            ["beneficiaire", "montant", "code_commune"],
            ["Club de voile", "1500.5", "34154"], ["Médiathèque", "300", "34022"],
        ])
        let (t, report) = try XLSXReader.load(path: path, options: LoadOptions())
        #expect(t.columnNames == ["beneficiaire", "montant", "code_commune"])
        #expect(t.rowCount == 2)
        #expect(t.column(named: "montant")?.type == .decimal(scale: 1))
        #expect(report.skipped == 2)
        #expect(report.warnings.contains { $0.hasPrefix("the first 2 row(s) look like a title above the header ('Subventions versées en 2023')") })
        #expect(report.reproducingOptions == "sheet='Feuil1' header=true skip=2")
        var byRow = LoadOptions()
        byRow.skip = 2
        let (same, _) = try XLSXReader.load(path: path, options: byRow)
        #expect(same.columnNames == t.columnNames && same.rowCount == 2)
        byRow.skip = 9
        #expect(throws: LoadError.self) { try XLSXReader.load(path: path, options: byRow) }
    }
}
