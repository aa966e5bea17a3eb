import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// Where the Table Schema spec (and frictionless, which follows it) decides, `validate` decides
/// the same, each on a real schema from schema.data.gouv.fr or the CNIG standard.
@Suite struct ValidationConformanceTests {
    static let schemas = "Tests/Fixtures/schemas"

    /// (row, field, error) of validating CSV text against a schema.
    func findings(_ csv: String, _ schema: String) throws -> [(Int?, String, String)] {
        let path = try ScratchFolder.make("carnet-validate") + "/data.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let session = Session.withDatasets()
        session.run("load \(path) as t")
        session.run("validate t with \(Self.schemas)/\(schema)")
        guard let t = session.workspace.entry(named: "validation_errors")?.table else { return [] }
        return (0..<t.rowCount).map { r in
            (t.columns[0].isNull(r) ? nil : Int(t.columns[0].value(at: r).plainText), t.columns[1].value(at: r).plainText, t.columns[3].value(at: r).plainText)
        }
    }

    /// A CSV with every field of a schema, in order: one row per dictionary, each cell its
    /// value there or else the field's example from the schema.
    func csv(_ schema: String, _ rows: [[String: String]]) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.schemas)/\(schema)"))
        let fields = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["fields"] as? [[String: Any]])
        func quoted(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        let names = fields.map { $0["name"] as! String }
        let examples: [String] = fields.map { field in
            switch field["example"] {
            case let text as String: return text
            case let number as NSNumber: return number.stringValue
            case let object?: return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            case nil: return ""
            }
        }
        var lines = [names.map(quoted).joined(separator: ",")]
        for row in rows { lines.append(zip(names, examples).map { quoted(row[$0.0] ?? $0.1) }.joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A valid SCDL grants row, with one cell replaced.
    func grant(_ replacing: [String: String] = [:]) -> String {
        let fields = ["nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire",
                      "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide"]
        let valid = ["Région Bretagne", "23350001600040", "2017-06-27", "2017-03-103", "Les Petits Débrouillards", "38047555800058", "W380475558",
                     "Animations climat", "47800.20", "aide en numéraire", "échelonné", "2017-03-14/2018-03-14", "12345", "non", "0.45", "65d5b6c7"]
        return fields.joined(separator: ",") + "\n" + zip(fields, valid).map { replacing[$0.0] ?? $0.1 }.joined(separator: ",") + "\n"
    }

    @Test func theValidRowIsValid() throws {
        #expect(try findings(grant(), "scdl-subventions-2.1.1.json").isEmpty)
    }

    /// 1. Only the schema's missingValues (default `[""]`) mean missing.
    @Test func onlyTheSchemasMissingValuesAreMissing() throws {
        // `NA` in a number field is not a number; in a required text field it is a value.
        let na = try findings(grant(["montant": "NA", "nomBeneficiaire": "N/A", "referenceDecision": "-"]), "scdl-subventions-2.1.1.json")
        #expect(na.map { "\($0.0!) \($0.1) \($0.2)" } == ["2 montant type (number)"])
        #expect(try findings(grant(["nomBeneficiaire": ""]), "scdl-subventions-2.1.1.json").map(\.2) == ["required"])
        // The CNIG schemas list NA, NaN and N/A: there they are missing.
        let cnig = try findings(try csv("cnig-site-eco.json", [["site_id": "NA"]]), "cnig-site-eco.json")
        #expect(cnig.contains { $0.0 == 2 && $0.1 == "site_id" && $0.2 == "required" })
    }

    /// 2. Date formats are strptime patterns: `%Y` takes `2015`, the default takes ISO only.
    @Test func dateFormatsAreStrptimePatterns() throws {
        #expect(try findings(grant(["dateConvention": "26/03/2016"]), "scdl-subventions-2.1.1.json").map(\.2) == ["type (date)"])
        #expect(try findings(grant(["dateConvention": "2016-02-30"]), "scdl-subventions-2.1.1.json").map(\.2) == ["type (date)"])
        // As Python's strptime reads %m and %d: one digit is allowed.
        #expect(try findings(grant(["dateConvention": "2016-3-5"]), "scdl-subventions-2.1.1.json").isEmpty)
        let year = try findings(try csv("cnig-site-eco.json", [["site_creation_date": "2015"], ["site_creation_date": "2015-06-04"], ["site_creation_date": "15"]]),
                                "cnig-site-eco.json").filter { $0.1 == "site_creation_date" }
        #expect(year.map { "\($0.0!) \($0.2)" } == ["3 type (date)", "4 type (date)"])
        #expect(StrptimePattern("%d/%m/%Y")!.matches("26/03/2016"))
        #expect(!StrptimePattern("%d/%m/%Y")!.matches("2016-03-26"))
        #expect(StrptimePattern("%d %B %Y")!.matches("1 mars 2020") == false)
        #expect(StrptimePattern("%d %B %Y")!.matches("1 March 2020"))
        #expect(StrptimePattern("%H:%M")!.matches("9:05"))
    }

    /// 3. Ragged rows are findings, and a blank row keeps the file's numbering.
    @Test func raggedAndBlankRowsAreReportedWithTheFilesNumbers() throws {
        let good = grant().split(separator: "\n")[1]
        let csv = grant().split(separator: "\n")[0] + "\n" + good + ",extra\n\n" + good + "\n" + good.split(separator: ",").dropLast().joined(separator: ",") + "\n"
        let found = try findings(csv, "scdl-subventions-2.1.1.json")
        #expect(found.map { "\($0.0!) \($0.1) \($0.2)" } == ["2  extra-cell", "3  blank-row", "5 dispositifAide missing-cell"])
    }

    /// 4. The header is judged as written: a `## ` prefix is an incorrect label.
    @Test func theHeaderIsJudgedAsWritten() throws {
        let found = try findings("## " + grant(), "scdl-subventions-2.1.1.json")
        #expect(found.map { "\($0.0 == nil ? "header" : "\($0.0!)") \($0.1) \($0.2)" } == ["header nomAttribuant incorrect-label"])
    }

    /// 5. Formats and number forms: `0x10` is no number, email/uri/uuid/geojson/geopoint checked.
    @Test func formatsAndNumberFormsAreChecked() throws {
        #expect(try findings(grant(["montant": "0x10"]), "scdl-subventions-2.1.1.json").map(\.2) == ["type (number)"])
        #expect(try findings(grant(["montant": "1 234.5"]), "scdl-subventions-2.1.1.json").map(\.2) == ["type (number)"])
        #expect(try findings(grant(["montant": "1e3"]), "scdl-subventions-2.1.1.json").isEmpty)
        let email = try findings(try csv("scdl-equipements-0.1.5.json", [["EQUIP_EMAIL": "contact@mairie.fr", "EQUIP_WEB": "https://www.mairie.fr"],
                                                                          ["EQUIP_EMAIL": "pas-un-mail", "EQUIP_WEB": "www.mairie.fr"]]), "scdl-equipements-0.1.5.json")
            .filter { $0.1 == "EQUIP_EMAIL" || $0.1 == "EQUIP_WEB" }
        #expect(email.map { "\($0.0!) \($0.1) \($0.2)" } == ["3 EQUIP_EMAIL type (string/email)", "3 EQUIP_WEB type (string/uri)"])
        let polygon = #"{"type": "Polygon", "coordinates": [[[3.9,43.5],[4.0,43.5],[4.0,43.6],[3.9,43.5]]]}"#
        let geo = try findings(try csv("cnig-site-eco.json", [["site_geomsurf": polygon, "site_geompoint": "3.9815, 43.5627"],
                                                              ["site_geomsurf": #"{"coordinates": []}"#, "site_geompoint": "43.5627, 193.9"],
                                                              ["site_geomsurf": "pas du json", "site_geompoint": "3.98"]]), "cnig-site-eco.json")
            .filter { $0.1 == "site_geomsurf" || $0.1 == "site_geompoint" }
        #expect(geo.map { "\($0.0!) \($0.1) \($0.2)" } == ["3 site_geomsurf type (geojson)", "3 site_geompoint type (geopoint)",
                                                           "4 site_geomsurf type (geojson)", "4 site_geompoint type (geopoint)"])
        var field = TableSchema.Field(name: "x", type: "number")
        field.bareNumber = false
        field.decimalChar = ","
        field.groupChar = " "
        #expect(FieldTypeCheck.problem("1 234,5 €", field) == nil)
        #expect(FieldTypeCheck.problem("95 %", field) == nil)
        field.bareNumber = true
        #expect(FieldTypeCheck.problem("95 %", field) == "type (number)")
        var uuid = TableSchema.Field(name: "u", type: "string", format: "uuid")
        #expect(FieldTypeCheck.problem("65d5b6c7-102c-4440-ac3b-768f708edc0a", uuid) == nil)
        #expect(FieldTypeCheck.problem("65d5b6c7", uuid) == "type (string/uuid)")
        uuid.trueValues = []
        var flag = TableSchema.Field(name: "b", type: "boolean")
        flag.trueValues = ["oui"]
        flag.falseValues = ["non"]
        #expect(FieldTypeCheck.problem("oui", flag) == nil && FieldTypeCheck.problem("true", flag) == "type (boolean)")
    }
}
