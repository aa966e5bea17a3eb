@testable import CarnetCharts
import CarnetEngine
import CarnetTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Small fixed tables, each kind drawn as text (fixed width) and SVG, compared with goldens.
@Suite struct ChartTests {
    static func table(_ columns: [(String, Column)]) -> Table {
        Table(columnNames: columns.map(\.0), columns: columns.map(\.1))
    }

    static let budget = table([
        ("categorie", Column(.string(StringColumn(["Personnel", "Charges générales", "Atténuations de produits", "Personnel", "Impôts et taxes", "Dotations"])))),
        ("sens", Column(.string(StringColumn(["Dépense", "Dépense", "Dépense", "Recette", "Recette", "Recette"])))),
        ("montant", Column(.decimal([2_420_000_000, 780_000_000, 2_170_000_000, 150_000_000, 3_660_000_000, 1_000_000_000], scale: 2))),
    ])

    static let series = table([
        ("annee", Column(.int64([2019, 2020, 2021, 2022, 2023]))),
        ("depenses", Column(.double([98.5, 101.2, 99.8, 106.8, 110.1]))),
        ("recettes", Column(.double([99.1, 100.4, 103.0, 106.8, 108.9]))),
    ])

    static let places = table([
        ("nom", Column(.string(StringColumn(["Mauguio", "Carnon", "La Grande-Motte", "Palavas", "Lansargues"])))),
        ("lat", Column(.double([43.6158, 43.5489, 43.5614, 43.5283, 43.6522]))),
        ("lon", Column(.double([3.9862, 3.9785, 4.0853, 3.9302, 4.0747]))),
        ("type", Column(.string(StringColumn(["verre", "verre", "papier", "verre", "papier"])))),
    ])

    static let cases: [(name: String, table: Table, request: ChartRequest)] = {
        var bar = ChartRequest(kind: .bar); bar.x = "categorie"; bar.y = ["montant"]; bar.sort = .desc; bar.title = "Montants par catégorie"; bar.source = "exemple"
        var grouped = ChartRequest(kind: .bar); grouped.x = "categorie"; grouped.y = ["montant"]; grouped.series = "sens"
        var stacked = ChartRequest(kind: .column); stacked.x = "sens"; stacked.y = ["montant"]; stacked.series = "categorie"; stacked.stacked = true
        var column = ChartRequest(kind: .column); column.x = "annee"; column.y = ["depenses"]
        var line = ChartRequest(kind: .line); line.x = "annee"; line.y = ["depenses", "recettes"]; line.title = "Budget (M€)"
        var scatter = ChartRequest(kind: .scatter); scatter.x = "depenses"; scatter.y = ["recettes"]
        var histogram = ChartRequest(kind: .histogram); histogram.x = "depenses"; histogram.bins = 3
        var pie = ChartRequest(kind: .pie); pie.x = "sens"; pie.y = ["montant"]
        var donut = ChartRequest(kind: .donut); donut.x = "categorie"; donut.y = ["montant"]
        var map = ChartRequest(kind: .map); map.color = "type"; map.label = "nom"; map.title = "Points"
        return [("bar", budget, bar), ("grouped", budget, grouped), ("stacked", budget, stacked), ("column", series, column),
                ("line", series, line), ("scatter", series, scatter), ("histogram", series, histogram), ("pie", budget, pie),
                ("donut", budget, donut), ("map", places, map)]
    }()

    @Test(arguments: cases.map(\.name))
    func goldens(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let spec = try ChartBuilder.build(c.request, table: c.table, locale: .fr)
        Golden.check(TextChartRenderer(width: 72).render(spec) + "\n", named: "\(name).txt")
        Golden.check(TextChartRenderer(width: 72, style: TextStyle(unicode: false)).render(spec) + "\n", named: "\(name)-ascii.txt")
        let svg = SVGChartRenderer().render(spec)
        Golden.check(svg, named: "\(name).svg")
        #expect(SVGChartRenderer().render(spec) == svg, "deterministic")
        #expect(Self.parsesAsXML(svg), "\(name).svg is not well-formed XML")
    }

    static func parsesAsXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func hostileLabelsStayText() throws {
        var names = StringColumnBuilder()
        for n in ["<script>alert(1)</script>", "A & B \"quoted\"", "]]> \u{202E}evil", String(repeating: "long ", count: 2000)] { names.append(n) }
        let t = Self.table([("n", Column(.string(names.build()))), ("v", Column(.int64([1, 2, 3, 4])))])
        var r = ChartRequest(kind: .bar); r.x = "n"; r.y = ["v"]; r.title = "<b>x</b> & y"
        let spec = try ChartBuilder.build(r, table: t, locale: .en)
        let svg = SVGChartRenderer().render(spec)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("A &amp; B &quot;quoted&quot;"))
        #expect(!svg.contains("\u{202E}"))
        #expect(Self.parsesAsXML(svg))
        let text = TextChartRenderer(width: 60).render(spec)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func misuseGetsGuidance() {
        func message(_ r: ChartRequest, _ t: Table) -> String {
            do { _ = try ChartBuilder.build(r, table: t, locale: .en); return "" } catch let e as ChartError { return e.description } catch { return "\(error)" }
        }
        var textY = ChartRequest(kind: .bar); textY.x = "sens"; textY.y = ["categorie"]
        #expect(message(textY, Self.budget).contains("is text, and a chart needs numbers"))
        var missing = ChartRequest(kind: .bar); missing.x = "categori"; missing.y = ["montant"]
        #expect(message(missing, Self.budget).contains("did you mean categorie?"))
        var empty = ChartRequest(kind: .bar); empty.x = "a"
        #expect(message(empty, Self.table([("a", Column(.int64([])))])).contains("nothing to draw"))
        let many = Self.table([("k", Column(.int64(Array(0..<60)))), ("v", Column(.int64(Array(0..<60))))])
        var tooMany = ChartRequest(kind: .bar); tooMany.x = "k"; tooMany.y = ["v"]
        #expect(message(tooMany, many).contains("top="))
        var pie = ChartRequest(kind: .pie); pie.x = "k"; pie.y = ["v"]
        #expect(message(pie, many).contains("too many for a pie"))
        var mixed = ChartRequest(kind: .bar); mixed.x = "annee"; mixed.y = ["depenses", "recettes"]; mixed.stacked = true
        #expect(message(mixed, Self.series).contains("a stack adds its parts"))
        let negative = Self.table([("k", Column(.string(StringColumn(["a", "b"])))), ("v", Column(.int64([3, -1])))])
        var negPie = ChartRequest(kind: .pie); negPie.x = "k"; negPie.y = ["v"]
        #expect(message(negPie, negative).contains("negative"))
    }

    @Test func niceTicks() {
        #expect(NiceScale(minimum: 0, maximum: 400).ticks == [0, 100, 200, 300, 400])
        #expect(NiceScale(minimum: 0, maximum: 36_600_000).ticks == [0, 1e7, 2e7, 3e7, 4e7])
        #expect(NiceScale(minimum: -3, maximum: 7).ticks == [-4, -2, 0, 2, 4, 6, 8])
        #expect(NiceScale(minimum: 5, maximum: 5).ticks.count >= 2)
        #expect(NiceScale.niceStep(23) == 50)
        #expect(NiceScale.nearestNiceStep(23) == 25)
    }

    @Test func frenchNumbers() {
        let fr = ChartNumberFormat(locale: .fr), en = ChartNumberFormat(locale: .en)
        #expect(fr.full(25_000_000) == "25 000 000")
        #expect(en.full(25_000_000) == "25,000,000")
        #expect(fr.compact(25_000_000) == "25\u{A0}M")
        #expect(fr.compact(2_500_000_000) == "2,5\u{A0}Md")
        #expect(en.compact(1_500) == "1500")
        #expect(en.compact(15_000) == "15\u{A0}k")
        #expect(fr.percent(0.125) == "12,5\u{A0}%")
    }

    /// `unit=€`: after the magnitude on axes (`25 M€`), after a space otherwise; histogram counts
    /// carry none (the x title says it).
    @Test func unitsFollowTheValues() throws {
        let euros = ChartNumberFormat(locale: .fr, unit: "€")
        #expect(euros.compact(25_000_000) == "25\u{A0}M€")
        #expect(euros.compact(15_000) == "15\u{A0}k€")
        #expect(euros.compact(120) == "120\u{A0}€")
        #expect(euros.full(1_234_567) == "1 234 567\u{A0}€")
        var r = ChartRequest(kind: .column); r.x = "categorie"; r.y = ["montant"]; r.unit = "€"
        let spec = try ChartBuilder.build(r, table: Self.budget, locale: .fr)
        #expect(SVGChartRenderer().render(spec).contains("M€</text>"))
        var h = ChartRequest(kind: .histogram); h.x = "montant"; h.unit = "€"
        let histogram = try ChartBuilder.build(h, table: Self.budget, locale: .fr)
        #expect(histogram.xTitle == "montant (€)")
        #expect(!histogram.format.compact(12).contains("€"))
    }

    @Test func labelsWrapAtWordsNeverMidWord() {
        let label = "Opérations d'ordre de transfert entre sections"
        let lines = TextLayout.wrap(label, width: 20, maxLines: 3)
        #expect(lines == ["Opérations d'ordre", "de transfert entre", "sections"])
        let svgLines = SVGDocument.wrap(label, width: 150, size: 13, maxLines: 3)
        #expect(svgLines.joined(separator: " ") == label)
        #expect(svgLines.allSatisfy { line in label.split(separator: " ").contains { line.hasPrefix($0) } })
    }

    @Test func rendersWithRsvg() throws {
        let tool = "/usr/bin/rsvg-convert"
        // A missing tool fails the test rather than passing it unseen: scripts/install-deps installs it.
        try #require(FileManager.default.isExecutableFile(atPath: tool), "rsvg-convert is missing: run scripts/install-deps")
        var r = ChartRequest(kind: .bar); r.x = "categorie"; r.y = ["montant"]
        let svg = SVGChartRenderer().render(try ChartBuilder.build(r, table: Self.budget, locale: .fr))
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-chart-\(getpid()).svg")
        let output = input.deletingPathExtension().appendingPathExtension("png")
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: output) }
        try svg.write(to: input, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-o", output.path, input.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let png = try Data(contentsOf: output)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
