import CarnetEngine
@testable import CarnetIO
import Testing

/// French files write `nd`, `NC` or `secret` where a number is missing, and activity codes
/// (`57.10`) that look like decimals: numbers stay numbers, codes stay text, and the load says
/// what it did.
@Suite struct MissingMarkerAndCodeTests {
    func load(_ text: String) throws -> (Table, LoadReport) {
        try CSVReader.load(path: TemporaryFile.write(Array(text.utf8)))
    }

    @Test func markersAmongNumbersAreNulls() throws {
        let (t, report) = try load("commune;population;montant\nMauguio;17000;1 200,50\nCarnon;nd;n.c.\nLa Grande-Motte;NC;300,00\nCandillargues;secret;s.o.\nLansargues;3100;N.D.\n")
        #expect(t.column(named: "population")?.type == .int64)
        #expect(t.column(named: "montant")?.type == .decimal(scale: 2))
        #expect(t.strings("population") == ["17000", nil, nil, nil, "3100"])
        #expect(t.column(named: "montant")?.nullCount == 3)
        #expect(report.warnings.contains("column 'population': 3 value(s) mean “not available” ('nd', 'NC', 'secret'): read as NULL among the numbers"))
        #expect(report.warnings.contains { $0.hasPrefix("column 'montant': 3 value(s) mean “not available” ('n.c.', 's.o.', 'N.D.')") })
    }

    @Test func markersInTextStayText() throws {
        let (t, report) = try load("sigle,ville\nNC,Nouméa\nND,Paris\nsecret,Lyon\n")
        #expect(t.column(named: "sigle")?.type == .string)
        #expect(t.strings("sigle") == ["NC", "ND", "secret"])
        #expect(!report.warnings.contains { $0.contains("not available") })
        // Numbers and words that are not markers: text, as before.
        let (mixed, _) = try load("n\n1\nbeaucoup\n3\n")
        #expect(mixed.column(named: "n")?.type == .string)
    }

    @Test func markersInASheetAreNullsToo() throws {
        var grid = CellGrid(rows: [["effectif"], ["12"], ["nd"], ["7"]])
        let loaded = try grid.table(options: LoadOptions(), path: "grid", monitor: .none)
        #expect(loaded.table.columns[0].type == .int64)
        #expect(loaded.table.columns[0].nullCount == 1)
        #expect(loaded.warnings.contains { $0.english.contains("1 value(s) mean “not available” ('nd')") })
    }

    @Test func activityCodesStayText() throws {
        // Named as codes (NAF, APE, SIRENE's activitePrincipale…).
        let (named, _) = try load("siren,activitePrincipaleUniteLegale,code_ape,naf,ca\n123456789,62.01,62.01,62.01,12.5\n223456789,57.10,57.10,57.10,3.25\n")
        for column in ["activitePrincipaleUniteLegale", "code_ape", "naf"] {
            #expect(named.column(named: column)?.type == .string, "\(column)")
        }
        #expect(named.strings("naf") == ["62.01", "57.10"])
        #expect(named.column(named: "ca")?.type == .decimal(scale: 2))
        // A leading zero: no quantity is written `01.11`.
        let (zero, _) = try load("activite;surface\n01.11;10\n57.10;12\n")
        #expect(zero.column(named: "activite")?.type == .string)
        #expect(zero.strings("activite") == ["01.11", "57.10"])
        // `57.10` with a dot in a file that writes decimals with a comma.
        let (french, report) = try load("commune;montant;activite\nMauguio;1 200,50;57.10\nCarnon;300,25;62.01\n")
        #expect(french.column(named: "activite")?.type == .string)
        #expect(report.columns.first { $0.name == "activite" }?.note == "identifier: NAF codes")
        #expect(french.column(named: "montant")?.type == .decimal(scale: 2))
    }

    @Test func quantitiesAndCoordinatesStayNumbers() throws {
        let (t, _) = try load("prix,montant_compte,lat\n12.50,10.25,43.61\n13.75,11.50,43.58\n")
        #expect(t.column(named: "prix")?.type == .decimal(scale: 2))
        #expect(t.column(named: "montant_compte")?.type == .decimal(scale: 2))
        #expect(t.column(named: "lat")?.type == .double)
        let (french, _) = try load("commune;montant;latitude;prix\nMauguio;1 200,50;43.61;12.50\nCarnon;300,25;43.58;13.75\n")
        #expect(french.column(named: "latitude")?.type == .double)
        #expect(french.column(named: "prix")?.type.isNumeric == true)
    }
}
