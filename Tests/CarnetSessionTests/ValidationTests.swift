import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

@Suite struct ValidationTests {
    static let schemas = "Tests/Fixtures/schemas"

    func errors(_ session: Session) -> [(Int?, String, String?, String)] {
        guard let t = session.workspace.entry(named: "validation_errors")?.table else { return [] }
        return (0..<t.rowCount).map { r in
            (t.columns[0].isNull(r) ? nil : Int(t.columns[0].value(at: r).plainText),
             t.columns[1].value(at: r).plainText,
             t.columns[2].isNull(r) ? nil : t.columns[2].value(at: r).plainText,
             t.columns[3].value(at: r).plainText)
        }
    }

    /// Validation reads the file again as text, and reads the sheet the table came from (it used
    /// to read the first sheet whatever was loaded).
    @Test func validationReadsTheSheetThatWasLoaded() throws {
        let session = Session.withDatasets()
        session.run("load Tests/Fixtures/marches-publics-2015.xlsx with sheet=2 as m")
        let source = try TableSource.parse("m", offset: 0, session: session, usage: "")
        let raw = try ValidateCommand.rawTable(source, session: session)
        let loaded = session.workspace.entry(named: "m")!.table
        #expect(raw.columnNames == loaded.columnNames)
        #expect(raw.rowCount == loaded.rowCount)
        #expect(raw.columns.allSatisfy { $0.type == .string })
    }

    @Test func daeValidExamplePasses() {
        let session = Session.withDatasets()
        session.run("load \(Self.schemas)/dae-exemple-valide.csv as ok")
        #expect(session.run("validate ok with \(Self.schemas)/dae-1.0.0.json").hasPrefix("ok is valid against dae-1.0.0.json"))
        #expect(errors(session).isEmpty)
    }

    @Test func daeInvalidExampleFailsWithTheRightErrors() {
        let session = Session.withDatasets()
        session.run("load \(Self.schemas)/dae-exemple-invalide.csv as bad")
        #expect(session.run("validate bad with \(Self.schemas)/dae-1.0.0.json").contains("is NOT valid"))
        let found = errors(session)
        func has(_ row: Int, _ field: String, _ value: String, _ error: String) -> Bool {
            found.contains { $0.0 == row && $0.1 == field && $0.2 == value && $0.3 == error }
        }
        #expect(has(3, "lat_coor1", "148.8521329", "maximum"))
        #expect(has(3, "com_cp", "753500", "pattern"))
        #expect(has(2, "acc", "intérieur", "enum"))
        #expect(has(4, "acc_lib", "ouie", "type (boolean)"))
        #expect(has(2, "dtpr_bat", "2019-13-30", "type (date)"))
        // The email format is part of the type, as frictionless checks it: before the pattern.
        #expect(has(3, "site_email", "p.nom@@domaine.fr", "type (string/email)"))
    }

    @Test func toulouseGrantsDefectsAreReported() {
        let session = Session.withDatasets()
        session.run("load datasets/subventions-toulouse-2022.csv as t")
        let summary = session.run("validate t with \(Self.schemas)/scdl-subventions-2.1.1.json")
        let found = errors(session)
        #expect(found.filter { $0.1 == "idAttribuant" && $0.3 == "pattern" && $0.2 == "2,43E+13" }.count == 396)
        // By position, as the spec reads a header: the file lacks rnaBeneficiaire, so `objet`
        // stands where it should be, and the file's last column is one too many.
        #expect(found.contains { $0.0 == nil && $0.1 == "rnaBeneficiaire" && $0.2 == "objet" && $0.3 == "incorrect-label" })
        #expect(found.contains { $0.0 == nil && $0.1 == "type" && $0.3 == "extra-label" })
        #expect(summary.contains("missing from the header: rnaBeneficiaire, dispositifAide"))
        #expect(summary.contains("not in the schema: secteur, catégorie, type"))
        #expect(session.run("count validation_errors by error").contains("pattern"))
    }

    @Test func badSchemasAreClearErrors() throws {
        let dir = try ScratchFolder.make("carnet-schema")
        try "{ not json".write(toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
        try "{\"name\": \"x\"}".write(toFile: dir + "/other.json", atomically: true, encoding: .utf8)
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        #expect(session.failure("validate zae with \(dir)/broken.json")?.message.contains("is not valid JSON") == true)
        #expect(session.failure("validate zae with \(dir)/other.json")?.message.contains("is not a Table Schema") == true)
        #expect(session.failure("validate zae with \(dir)/absent.json")?.message.contains("no such schema") == true)
        #expect(session.failure("validate zae schema.json")?.message.contains("with SCHEMA.json") == true)
        #expect(session.run("validate zae").hasPrefix("no schema given"))
    }
}

@Suite struct CoordinateTests {
    @Test func spreadsheetDatesAreListedAndRepairsProposed() {
        let session = Session.withDatasets()
        session.run("load Tests/Fixtures/csv/excel-coordinates-as-dates.csv as c")
        let described = session.run("describe c")
        #expect(described.contains("latitude line 6: '12/02/1900'; longitude line 4: '04-mai'"))
        session.settings.output = .csv
        #expect(session.run("repair c longitude").contains("4,04-mai,4.05 or 4.5,"))
        #expect(session.run("repair c latitude").contains("6,12/02/1900,43.?,"))
        #expect(session.run("repair c nom").contains("has no value that a spreadsheet turned into a date"))
    }

    @Test func swappedCoordinatesAreReported() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-swap-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "nom,latitude,longitude\na,3.98,43.61\nb,4.07,43.65\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = Session()
        let out = session.run("load \(path) as s")
        #expect(out.contains("latitude and longitude look swapped: 2 of 2 point(s)"))
    }

    @Test func lambert93IsConvertedOnLoad() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-l93-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "nom;x;y\nParis;652381;6862047\nMauguio;780000;6280500\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = Session()
        #expect(session.run("load \(path) as raw").contains("hold metres, not degrees"))
        session.run("load \(path) as l with crs=2154")
        let t = session.workspace.entry(named: "l")!.table
        let lat = t.column(named: "y")!.doubleValues()!, lon = t.column(named: "x")!.doubleValues()!
        #expect(abs(lat[0] - 48.856699082) < 1e-5 && abs(lon[0] - 2.350999077) < 1e-5)
        #expect(abs(lat[1] - 43.619032468) < 1e-5 && abs(lon[1] - 3.990832128) < 1e-5)
    }
}

@Suite struct SchemaLoadTests {
    @Test func schemaTypesTheColumnsItNames() {
        let session = Session.withDatasets()
        let out = session.run("load datasets/subventions-toulouse-2022.csv as t with schema=Tests/Fixtures/schemas/scdl-subventions-2.1.1.json")
        #expect(out.contains("datesPeriodeVersement  text        (from the schema)"))
        let t = session.workspace.entry(named: "t")!.table
        #expect(t.column(named: "notificationUE")?.type == .bool)
        #expect(t.column(named: "montant")?.type == .decimal(scale: 2))
        #expect(t.column(named: "secteur")?.type == .string)
    }
}
