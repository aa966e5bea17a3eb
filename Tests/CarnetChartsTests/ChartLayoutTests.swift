@testable import CarnetCharts
import CarnetEngine
import CarnetTestSupport
import Testing

/// Edge cases every chart kind must draw cleanly: zeros, negatives, one huge value, one row,
/// long titles and labels, narrow canvases. Each SVG is a golden (looked at once as PNG) and is
/// measured: no text outside the canvas, no two texts on top of each other.
@Suite struct ChartLayoutTests {
    static func table(_ columns: [(String, Column)]) -> Table {
        Table(columnNames: columns.map(\.0), columns: columns.map(\.1))
    }

    static let longTitle = "Budget primitif 2022 de la communauté d'agglomération du Pays de l'Or : dépenses réelles de fonctionnement par chapitre, hors opérations d'ordre"
    static let longSubtitle = "Montants votés en euros, reconstitués à partir des graphiques publiés par l'équipe du Challenge Data (ce ne sont pas les chiffres officiels)"
    static let longSource = "Pays de l'Or Agglomération, budget primitif 2022, délibération du conseil communautaire, traitement Carnet"

    static let chapters = table([
        ("libelle", Column(.string(StringColumn(["Charges à caractère général", "Charges de personnel et frais assimilés", "Atténuations de produits",
                                                 "Autres charges de gestion courante", "Charges financières", "Opérations d'ordre de transfert entre sections"])))),
        ("montant", Column(.int64([7_800_000, 24_200_000, 21_700_000, 900_000, 450_000, 3_193_500]))),
    ])
    static let balances = table([
        ("commune", Column(.string(StringColumn(["Mauguio", "Carnon", "La Grande-Motte", "Palavas-les-Flots", "Lansargues", "Saint-Aunès"])))),
        ("solde", Column(.int64([1_250_000, -830_000, 2_100_000, -2_450_000, 0, 310_000]))),
    ])
    static let zeros = table([
        ("k", Column(.string(StringColumn(["a", "b", "c"])))), ("v", Column(.int64([0, 0, 0]))),
    ])
    static let huge = table([
        ("poste", Column(.string(StringColumn(["Emprunt", "Fournitures", "Téléphonie", "Timbres"])))),
        ("montant", Column(.int64([980_000_000_000, 12_500, 3_200, 41]))),
    ])
    static let single = table([
        ("zone", Column(.string(StringColumn(["Fréjorgues Est et Ouest"])))), ("n", Column(.int64([400]))),
    ])
    static let budget = table([
        ("chapitre", Column(.string(StringColumn(["Personnel", "Charges générales", "Atténuations", "Personnel", "Impôts et taxes", "Dotations"])))),
        ("sens", Column(.string(StringColumn(["Dépense", "Dépense", "Dépense", "Recette", "Recette", "Recette"])))),
        ("montant", Column(.int64([24_200_000, 7_800_000, 21_700_000, 1_500_000, 36_600_000, 10_000_000]))),
    ])
    static let years = table([
        ("annee", Column(.int64([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]))),
        ("depenses", Column(.int64([-1_200_000, 3_400_000, 98_500_000, 101_200_000, 99_800_000, 106_800_000, 110_100_000, 0]))),
    ])
    static let places: Table = {
        var names: [String] = [], lats: [Double] = [], lons: [Double] = []
        for i in 0..<24 {
            names.append("Défibrillateur de la salle polyvalente n° \(i + 1)")
            let row = Double(i % 6), column = Double(i / 6)
            lats.append(43.55 + row * 0.004 + column * 0.0005)
            lons.append(3.95 + column * 0.004)
        }
        return table([("nom", Column(.string(StringColumn(names)))), ("lat", Column(.double(lats))), ("lon", Column(.double(lons)))])
    }()

    static let cases: [(name: String, table: Table, request: ChartRequest)] = {
        func r(_ kind: ChartKind, _ x: String, _ y: [String], _ edit: (inout ChartRequest) -> Void = { _ in }) -> ChartRequest {
            var request = ChartRequest(kind: kind); request.x = x; request.y = y
            edit(&request)
            return request
        }
        let titled: (inout ChartRequest) -> Void = { $0.title = longTitle; $0.subtitle = longSubtitle; $0.source = longSource; $0.unit = "€" }
        return [
            ("bar-long-labels", chapters, r(.bar, "libelle", ["montant"], titled)),
            ("bar-negatives", balances, r(.bar, "commune", ["solde"]) { $0.unit = "€" }),
            ("bar-zeros", zeros, r(.bar, "k", ["v"])),
            ("bar-huge", huge, r(.bar, "poste", ["montant"]) { $0.unit = "€" }),
            ("bar-one-row", single, r(.bar, "zone", ["n"])),
            ("bar-grouped", budget, r(.bar, "chapitre", ["montant"]) { $0.series = "sens" }),
            ("column-long-labels", chapters, r(.column, "libelle", ["montant"], titled)),
            ("column-negatives", balances, r(.column, "commune", ["solde"]) { $0.title = "Soldes"; $0.unit = "€" }),
            ("column-stacked", budget, r(.column, "sens", ["montant"]) { $0.series = "chapitre"; $0.stacked = true }),
            ("column-huge", huge, r(.column, "poste", ["montant"])),
            ("line-years", years, r(.line, "annee", ["depenses"], titled)),
            ("scatter-one-row", single, r(.scatter, "n", ["n"])),
            ("histogram-zeros", zeros, r(.histogram, "v", [])),
            ("pie-long-labels", chapters, r(.pie, "libelle", ["montant"], titled)),
            ("donut-one-row", single, r(.donut, "zone", ["n"])),
            ("map-labels", places, r(.map, "", []) { $0.label = "nom"; $0.title = longTitle }),
        ]
    }()

    @Test(arguments: cases.map(\.name))
    func layout(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let spec = try ChartBuilder.build(c.request, table: c.table, locale: .fr)
        for width in [800, 400] {
            let svg = SVGChartRenderer(width: width).render(spec)
            Golden.check(svg, named: "layout/\(name)-\(width).svg")
            let problems = SVGTextBoxes(svg).problems()
            #expect(problems.isEmpty, "\(name) at \(width) px:\n\(problems.joined(separator: "\n"))")
        }
    }
}
