import CarnetEngine
@testable import CarnetIO
import Testing

/// The raw TOTEM budget of Saint-Malo Agglomération (BP 2022, M43) read as the SCDL budget
/// table that yatotem2scdl made from it.
@Suite struct TOTEMReaderTests {
    static let folder = Fixture.folder + "/../totem"

    /// Labels that differ only because the expected file was made with another vintage of the
    /// M43 plan de comptes than the 2021 one Carnet ships: (row from 0, column) → Carnet's label.
    static let vintageLabels: [String: String?] = [
        "63/BGT_NATURE_LABEL": "Versement de mobilité",
        "77/BGT_NATURE_LABEL": "Autres",
        "90/BGT_NATURE_LABEL": "Versement de mobilité",
        "121/BGT_NATURE_LABEL": "Avances versés sur commandes d'immobilisations corporelles",
    ]

    @Test func theTableEqualsTheSCDLFileMadeFromIt() throws {
        let (t, report) = try TableReaders.load(path: Self.folder + "/BP2022_TRANSPORT.xml")
        let (expected, _) = try TableReaders.load(path: Self.folder + "/BP2022_TRANSPORT.expected.csv")
        #expect(report.reader == "TOTEM")
        #expect(t.columnNames == TOTEMReader.columns)
        #expect(t.columnNames == expected.columnNames)
        #expect(t.rowCount == 123 && expected.rowCount == 123)
        #expect(t.columns.map(\.type) == expected.columns.map(\.type))
        var differing = 0
        for name in t.columnNames {
            let ours = t.strings(name), theirs = expected.strings(name)
            for r in 0..<t.rowCount where ours[r] != theirs[r] {
                differing += 1
                let known = Self.vintageLabels["\(r)/\(name)"]
                #expect(known != nil, "row \(r + 1), \(name): \(ours[r] ?? "NULL") where the SCDL file has \(theirs[r] ?? "NULL")")
                if let known { #expect(ours[r] == known) }
            }
        }
        #expect(differing == Self.vintageLabels.count)
        #expect(report.warnings.contains("no plan de comptes M4-M43_D for 2022 ships with Carnet: labels and sections come from 2021's"))
        #expect(report.format == "TOTEM budget M4-M43_D 2022 (123 LigneBudget, plan de comptes M4-M43_D 2021)")
    }

    @Test func theBudgetBalances() throws {
        let (t, _) = try TableReaders.load(path: Self.folder + "/BP2022_TRANSPORT.xml")
        guard case .decimal(let amounts, 2) = t.column(named: "BGT_MTPREV")!.buffer else { Issue.record("BGT_MTPREV is not decimal(2)"); return }
        let sens = t.strings("BGT_CODRD")
        let depenses = zip(amounts, sens).filter { $0.1 == "dépense" }.reduce(0) { $0 + $1.0 }
        let recettes = zip(amounts, sens).filter { $0.1 == "recette" }.reduce(0) { $0 + $1.0 }
        #expect(depenses == 1_460_427_000 && recettes == 1_460_427_000)
        #expect(Set(t.strings("BGT_SECTION").compactMap { $0 }) == ["fonctionnement", "investissement"])
        #expect(Set(t.strings("BGT_OPBUDG")) == ["réel", "ordre"])
        #expect(t.strings("BGT_NATDEC").allSatisfy { $0 == "Budget primitif" })
    }

    @Test func declaredEncodings() {
        #expect(TOTEMDocument.declaredEncoding(Array(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8)) == .latin1)
        #expect(TOTEMDocument.declaredEncoding(Array(#"<?xml version='1.0' encoding='windows-1252'?>"#.utf8)) == .windows1252)
        #expect(TOTEMDocument.declaredEncoding(Array(#"<?xml version="1.0"?>"#.utf8)) == .utf8)
    }
}

/// The plans de comptes that ship: the closest year serves a document of another year.
@Suite struct PlanDeComptesTests {
    @Test func m57ServesLaterYears() throws {
        let plan = try #require(try PlanDeComptes.shipped(nomenclature: "M57-M57", year: "2023"))
        #expect(plan.year == "2021")
        #expect(plan.chapters["011"]?.label == "Charges à caractère général")
        #expect(plan.chapters["011"]?.section == "F")
        #expect(plan.chapters["21"]?.section == "I")
        #expect(plan.functions["020"] != nil)
        #expect(plan.accounts["6042"] != nil)
        #expect(PlanDeComptes.shippedNomenclatures.contains("M57-M57"))
        #expect(PlanDeComptes.shippedNomenclatures.contains("M4-M43_D"))
        #expect(try PlanDeComptes.shipped(nomenclature: "M99-M99", year: "2023") == nil)
        let m14 = try #require(try PlanDeComptes.shipped(nomenclature: "M14-M14_COM_SUP3500", year: "2022"))
        #expect(m14.chapters["011"]?.label == "Charges à caractère général")
        #expect(m14.chapters["011"]?.section == "F")
    }
}
