@testable import CarnetCharts
import CarnetEngine
import Testing

/// `top=N` keeps the largest categories without changing what the others weigh: a pie gathers
/// the rest in one slice, bars say how many were left out.
@Suite struct TopCategoriesTests {
    /// 93 facilities over 10 kinds: 19, 15, 12, 10, 9, 8, 7, 6, 4, 3.
    static let facilities: Table = {
        let kinds = ["Sport", "École", "Culture", "Santé", "Petite enfance", "Mairie", "Social", "Loisirs", "Police", "Port"]
        let counts: [Int64] = [19, 15, 12, 10, 9, 8, 7, 6, 4, 3]
        return Table(columnNames: ["type", "n"], columns: [Column(.string(StringColumn(kinds))), Column(.int64(counts))])
    }()

    @Test func pieSharesAreOfTheRealTotal() throws {
        var r = ChartRequest(kind: .donut); r.x = "type"; r.y = ["n"]; r.top = 4
        let spec = try ChartBuilder.build(r, table: Self.facilities, locale: .fr)
        guard case .categorical(let categories, let series, _) = spec.data else { Issue.record("not categorical"); return }
        #expect(categories == ["Sport", "École", "Culture", "Santé", "Autres (6)"])
        #expect(series[0].values == [19, 15, 12, 10, 37])
        let svg = SVGChartRenderer().render(spec)
        // 19 of 93 is 20.4 %, not 19 of the 56 drawn (33.9 %); the centre says 93.
        #expect(svg.contains("Sport — 20,4\u{A0}% (19)"))
        #expect(svg.contains("Autres (6) — 39,8\u{A0}% (37)"))
        #expect(svg.contains(">93</text>"))
        let text = TextChartRenderer(width: 72).render(spec)
        #expect(text.contains("20,4"))
        #expect(text.contains("Autres (6)"))
    }

    @Test func englishSessionsSayOther() throws {
        var r = ChartRequest(kind: .pie); r.x = "type"; r.y = ["n"]; r.top = 7
        let spec = try ChartBuilder.build(r, table: Self.facilities, locale: .en)
        guard case .categorical(let categories, let series, _) = spec.data else { return }
        #expect(categories.last == "Other (3)")
        #expect(series[0].values.reduce(0, +) == 93)
    }

    @Test func barsSayHowManyWereLeftOut() throws {
        var r = ChartRequest(kind: .bar); r.x = "type"; r.y = ["n"]; r.top = 3
        let spec = try ChartBuilder.build(r, table: Self.facilities, locale: .fr)
        guard case .categorical(let categories, _, _) = spec.data else { return }
        #expect(categories == ["Sport", "École", "Culture"])
        #expect(spec.omitted == OmittedCategories(count: 7, total: 47))
        #expect(SVGChartRenderer().render(spec).contains("7 autres catégories non affichées (total 47)"))
        #expect(TextChartRenderer(width: 72).render(spec).contains("7 autres catégories non affichées (total 47)"))
        var all = r; all.top = 10
        #expect(try ChartBuilder.build(all, table: Self.facilities, locale: .fr).omitted == nil)
    }
}
