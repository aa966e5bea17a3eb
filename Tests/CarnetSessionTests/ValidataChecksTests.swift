import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// Validata's French checks, as a schema's `custom_checks` asks for them, and the frictionless
/// JSON report that `validate … with report=FILE.json` writes.
@Suite struct ValidataChecksTests {
    @Test func siretAndSirenHaveTheirLuhnKey() {
        #expect(FrenchIdentifiers.isSIRET("23350001600040") && FrenchIdentifiers.isSIRET("55203253400646"))
        #expect(!FrenchIdentifiers.isSIRET("23350001600041") && !FrenchIdentifiers.isSIRET("2335000160004") && !FrenchIdentifiers.isSIRET("2,43E+13"))
        // La Poste's establishments: the digits' sum is a multiple of 5 instead.
        #expect(FrenchIdentifiers.isSIRET("35600000049837"))
        #expect(FrenchIdentifiers.isSIREN("732829320") && !FrenchIdentifiers.isSIREN("123456789") && !FrenchIdentifiers.isSIREN("７３２８２９３２０"))
    }

    @Test func phoneNumbersHoursAndPlaces() {
        #expect(FrenchIdentifiers.isPhoneNumber("04 67 12 34 56") && FrenchIdentifiers.isPhoneNumber("+33 4 67 12 34 56") && FrenchIdentifiers.isPhoneNumber("+262 262 12 34 56"))
        #expect(!FrenchIdentifiers.isPhoneNumber("4 67 12 34 56") && !FrenchIdentifiers.isPhoneNumber("00 67 12 34 56") && !FrenchIdentifiers.isPhoneNumber("mairie"))
        #expect(OpeningHours.isValid("Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00") && OpeningHours.isValid("24/7") && OpeningHours.isValid("Mo-Su 10:00-18:00; PH off"))
        #expect(!OpeningHours.isValid("lundi 8h-12h") && !OpeningHours.isValid("Mo-Fr 25:00-26:00"))
        // Mauguio, then the same point with latitude and longitude swapped, then La Réunion.
        #expect(FrenchIdentifiers.isInFrance(lon: 4.008, lat: 43.616) && !FrenchIdentifiers.isInFrance(lon: 43.616, lat: 4.008) && FrenchIdentifiers.isInFrance(lon: 55.45, lat: -21.1))
        let interval = CustomCheck(name: "year-interval-value", params: ["column": "p", "allow-year-only": true])
        #expect(interval.failure { _ in "2020/2022" } == nil && interval.failure { _ in "2022" } == nil)
        #expect(interval.failure { _ in "2022/2020" } != nil && interval.failure { _ in "20/22" } != nil)
        let sum = CustomCheck(name: "sum-columns-value", params: ["column": "total", "columns": ["a", "b"]])
        let row = ["total": "10.5", "a": "4", "b": "6.5"]
        #expect(sum.failure { row[$0] } == nil)
        #expect(sum.failure { ["total": "11", "a": "4", "b": "6.5"][$0] }?.field == "total")
    }

    func grants(_ rows: [[String]]) throws -> String {
        let header = "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide"
        let path = try ScratchFolder.make("carnet-validata") + "/subventions.csv"
        try ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let valid = ["Région Bretagne", "23350001600040", "2017-06-27", "2017-03-103", "Les Petits Débrouillards", "38047555800058", "W380475558",
                        "Animations", "47800.20", "aide en numéraire", "échelonné", "2017-03-14/2018-03-14", "12345", "non", "0.45", ""]

    @Test func theSchemasCustomChecksRunOnTheFile() throws {
        var badSiret = Self.valid
        badSiret[1] = "23350001600041"
        var neither = Self.valid
        neither[5] = ""
        neither[6] = ""
        let path = try grants([Self.valid, badSiret, neither])
        let session = Session()
        session.run("load \(path) as s")
        let out = session.run("validate s with Tests/Fixtures/schemas/scdl-subventions-2.1.1.json")
        #expect(out.contains("1  french-siret-value · idAttribuant") && out.contains("1  one-of-required · idBeneficiaire+rnaBeneficiaire"), "\(out)")
        let t = try #require(session.workspace.entry(named: "validation_errors")?.table)
        let found = (0..<t.rowCount).map { "\(t.columns[0].value(at: $0).plainText) \(t.columns[3].value(at: $0).plainText)" }
        #expect(found == ["3 french-siret-value", "4 one-of-required"])
    }

    /// frictionless reads the report back, with the errors its own validation finds.
    @Test func theJSONReportLoadsInFrictionless() throws {
        var wrong = Self.valid
        wrong[8] = "0x10"
        wrong[2] = "27/06/2017"
        let path = try grants([Self.valid, wrong, [String](Self.valid.dropLast(2))])
        let report = path.replacingOccurrences(of: ".csv", with: ".json")
        let session = Session()
        session.run("load \(path) as s")
        #expect(session.run("validate s with Tests/Fixtures/schemas/scdl-subventions-2.1.1.json report=\(report)").contains("report written to"))
        let script = """
            import json, sys, frictionless
            ours = frictionless.Report.from_descriptor(json.load(open(sys.argv[1])))
            schema = frictionless.Schema.from_descriptor(json.load(open(sys.argv[3])))
            theirs = frictionless.Resource(path=sys.argv[2].split('/')[-1], basepath='/'.join(sys.argv[2].split('/')[:-1]), schema=schema).validate()
            keys = ['rowNumber', 'fieldName', 'type']
            print(json.dumps({"valid": [ours.valid, theirs.valid], "ours": ours.flatten(keys), "theirs": theirs.flatten(keys), "sha": ours.tasks[0].stats.get('sha256')}))
            """
        let out = try Python3.runInTestVenv(script, arguments: [report, path, Repository.root + "/Tests/Fixtures/schemas/scdl-subventions-2.1.1.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((json["valid"] as? [Bool]) == [false, false])
        let ours = (json["ours"] as? [[Any]] ?? []).map { "\($0)" }, theirs = (json["theirs"] as? [[Any]] ?? []).map { "\($0)" }
        // The date, 0x10, then a short row: pourcentageSubvention required and missing, dispositifAide missing.
        #expect(ours.count == 5)
        #expect(ours == theirs)
        #expect((json["sha"] as? String)?.count == 64)
    }
}

/// The schemas Carnet ships, by name, and the suggestion of one when none is given.
@Suite struct SchemaCatalogueTests {
    @Test func theCatalogueHoldsTheReferenceSchemas() {
        #expect(SchemaCatalogue.names == ["cnig-etablissement", "cnig-pole-eco", "cnig-site-eco", "cnig-terrain-eco", "dae-atlasante-1.0.7",
                                          "scdl-budget-0.8.3", "scdl-equipements-0.1.5", "scdl-subventions-2.1.1"])
        for name in SchemaCatalogue.names { #expect((try? TableSchema(path: SchemaCatalogue.path(for: name)!)) != nil, "\(name)") }
    }

    @Test func validateWithoutASchemaSuggestsTheClosest() {
        let session = Session.withDatasets()
        session.run("load datasets/subventions-toulouse-2022.csv as t")
        let out = session.run("validate t")
        #expect(out.contains("  scdl-subventions-2.1.1  14 of 16 fields  Subventions (missing: rnaBeneficiaire, dispositifAide)"), "\(out)")
        #expect(out.hasSuffix("validate with the first: validate t with scdl-subventions-2.1.1\n"))
        session.run("load datasets/budget-primitif-2022-saint-malo-transport.csv as b")
        #expect(session.run("validate b").contains("scdl-budget-0.8.3  22 of 22 fields"))
        session.run("set locale fr")
        let french = session.run("validate t with scdl-subventions-2.1.1")
        #expect(french.hasPrefix("t n'est PAS conforme à scdl-subventions-2.1.1 (Subventions)\u{A0}: 3971 erreurs"), "\(french)")
        #expect(french.contains("absents de l'en-tête\u{A0}: rnaBeneficiaire, dispositifAide"))
        session.run("set locale en")
        // The Pays de l'Or budget was published "non standardisé": nothing matches.
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as p")
        #expect(session.run("validate p").hasPrefix("no schema given, and none of the 8 schemas"))
    }

    @Test func aCatalogueNameNeedsNoFileAndIsNoPath() throws {
        let session = Session.withDatasets()
        session.run("load datasets/budget-primitif-2022-saint-malo-transport.csv as b")
        #expect(session.run("validate b with scdl-budget-0.8.3").contains("against scdl-budget-0.8.3 (Budget des collectivités"))
        #expect(ValidateCommand.spec.pathWords(try CommandWords.split("b with scdl-budget-0.8.3")) == [])
        #expect(ValidateCommand.spec.pathWords(try CommandWords.split("b with schemas/budget.json")) == [2])
    }

    /// A Parquet file's values are typed: they are validated as the text of those values.
    @Test func aParquetFileIsValidatedByItsValues() throws {
        let dir = try ScratchFolder.make("carnet-validate-parquet")
        let schema = #"{"fields": [{"name": "id", "type": "integer", "constraints": {"required": true}}, {"name": "name", "type": "string"}, {"name": "v", "type": "number"}, {"name": "ok", "type": "boolean"}]}"#
        try schema.write(toFile: dir + "/schema.json", atomically: true, encoding: .utf8)
        let session = Session()
        session.run("load Tests/Fixtures/parquet/pyarrow-plain.parquet as p")
        #expect(session.run("validate p with \(dir)/schema.json").hasPrefix("p is valid against schema.json: 500 rows, 4 fields"))
    }
}
