import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// `validate` beside frictionless-py 5.21 (the engine of Validata) on every schema in
/// Tests/Fixtures/schemas: a valid file and one file per broken rule each
/// (Tests/Fixtures/validation/oracle.py writes them and says what frictionless finds). Both
/// must give the same verdict and the same (row, field, kind) findings.
@Suite struct FrictionlessAgreementTests {
    static let schemas = ["betagouv-datasubvention", "cnig-etablissement", "cnig-pole-eco", "cnig-site-eco", "cnig-terrain-eco",
                          "dae-atlasante-1.0.7", "scdl-budget-0.8.3", "scdl-equipements-0.1.5", "scdl-subventions-2.1.1"]

    /// Carnet's kinds in frictionless's words: `type (number)` is a type-error, `required` a
    /// constraint-error on `required`…; nil for Validata's custom checks, which frictionless
    /// does not run.
    static func frictionlessKind(_ error: String) -> String? {
        let head = String(error.split(separator: " ").first ?? "")
        switch head {
        case "type": return "type-error"
        case "unique": return "unique-error"
        case "primary-key": return "primary-key"
        case "required", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength": return "constraint-error:" + head
        default: return CustomCheck.known.contains(head) ? nil : head
        }
    }

    /// Kinds frictionless reports without a field.
    static let fieldless: Set<String> = ["blank-row", "extra-cell", "primary-key", "extra-label"]

    static func key(row: Int?, field: String?, kind: String) -> String {
        "\(row.map(String.init) ?? "header") \(fieldless.contains(kind) ? "-" : field ?? "-") \(kind)"
    }

    @Test func verdictsAndFindingsAreFrictionlesss() throws {
        let folder = try ScratchFolder.make("carnet-frictionless")
        let script = try #require(Golden.read(Repository.root + "/Tests/Fixtures/validation/oracle.py"))
        let paths = Self.schemas.map { "Tests/Fixtures/schemas/\($0).json" }
        let output = try Python3.runInTestVenv(script, arguments: [folder] + paths.map { Repository.root + "/" + $0 })
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(cases.count > 300)
        #expect(Set(cases.compactMap { ($0["schema"] as? String)?.split(separator: "/").last?.split(separator: ".").dropLast().joined(separator: ".") }) == Set(Self.schemas))
        var disagreements: [String] = []
        var findings = 0
        for entry in cases {
            let file = try #require(entry["file"] as? String), schema = try #require(entry["schema"] as? String)
            let theirs = (entry["errors"] as? [[String: Any]] ?? []).map { e -> String in
                let type = e["type"] as? String ?? "?"
                let kind = type == "constraint-error" ? type + ":" + (e["constraint"] as? String ?? "?") : type
                return Self.key(row: e["row"] as? Int, field: e["field"] as? String, kind: kind)
            }.sorted()
            let session = Session()
            session.run("load \(folder)/\(file) as t with delimiter=',' header=true skip=0 encoding=utf8")
            session.run("validate t with \(schema)")
            let table = session.workspace.entry(named: "validation_errors")?.table
            var ours: [String] = []
            if let table {
                for r in 0..<table.rowCount {
                    guard let kind = Self.frictionlessKind(table.columns[3].value(at: r).plainText) else { continue }
                    let row = table.columns[0].isNull(r) ? nil : Int(table.columns[0].value(at: r).plainText)
                    ours.append(Self.key(row: row, field: table.columns[1].value(at: r).plainText, kind: kind))
                }
            }
            ours.sort()
            findings += theirs.count
            if ours != theirs {
                disagreements.append("\(file) (\(entry["rule"] ?? "")): frictionless \(theirs), Carnet \(ours)")
            }
        }
        #expect(findings > 300)
        let report = "\(disagreements.count) of \(cases.count) files disagree:\n" + disagreements.prefix(25).joined(separator: "\n")
        #expect(disagreements.isEmpty, "\(report)")
    }
}
