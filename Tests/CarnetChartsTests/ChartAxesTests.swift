@testable import CarnetCharts
import CarnetEngine
import Testing

/// x axes of lines and scatter plots: calendar ticks for dates, whole years written as years,
/// never the y unit, and no label cut by the canvas's edge.
@Suite struct ChartAxesTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilCalendar.days(year: y, month: m, day: d) }

    static let monthly = Table(columnNames: ["jour", "montant"], columns: [
        Column(.date([day(2022, 1, 3), day(2022, 2, 14), day(2022, 4, 1), day(2022, 6, 30), day(2022, 9, 15), day(2022, 12, 28)])),
        Column(.int64([120, 90, 150, 80, 200, 170])),
    ])

    static let yearly = Table(columnNames: ["annee", "depenses"], columns: [
        Column(.int64([2018, 2019, 2020, 2021, 2022])), Column(.int64([100, 120, 90, 130, 150])),
    ])

    @Test func dateTicksFallOnCalendarMonthsInTheLocale() throws {
        var r = ChartRequest(kind: .line); r.x = "jour"; r.y = ["montant"]
        let fr = try ChartBuilder.build(r, table: Self.monthly, locale: .fr)
        #expect(fr.xTicks.map(\.label) == ["mars\u{A0}2022", "mai\u{A0}2022", "juil.\u{A0}2022", "sept.\u{A0}2022", "nov.\u{A0}2022"])
        for tick in fr.xTicks {
            let (_, _, d) = CivilCalendar.civil(days: Int32(tick.value))
            #expect(d == 1)
        }
        // The axis is the data's span: no padding before the first day or after the last.
        #expect(fr.xScale?.lower == Double(Self.day(2022, 1, 3)))
        #expect(fr.xScale?.upper == Double(Self.day(2022, 12, 28)))
        let en = try ChartBuilder.build(r, table: Self.monthly, locale: .en)
        #expect(en.xTicks.first?.label == "Mar\u{A0}2022")
    }

    @Test func longSpansTickYearsShortSpansTickDays() {
        let (_, years) = AxisTicks.make(.date, minimum: Double(Self.day(2014, 5, 10)), maximum: Double(Self.day(2023, 2, 1)), locale: .fr)
        #expect(years.map(\.label) == ["2016", "2018", "2020", "2022"])
        let (_, days) = AxisTicks.make(.date, minimum: Double(Self.day(2022, 3, 1)), maximum: Double(Self.day(2022, 3, 5)), locale: .fr)
        #expect(days.first?.label == "1\u{A0}mars\u{A0}2022")
        #expect(days.count == 5)
        let (_, quarters) = AxisTicks.make(.date, minimum: Double(Self.day(2021, 1, 1)), maximum: Double(Self.day(2022, 6, 30)), locale: .fr)
        #expect(quarters.map(\.label) == ["janv.\u{A0}2021", "avr.\u{A0}2021", "juil.\u{A0}2021", "oct.\u{A0}2021", "janv.\u{A0}2022", "avr.\u{A0}2022"])
    }

    @Test func yearsAreWholeAndCarryNoUnit() throws {
        var r = ChartRequest(kind: .line); r.x = "annee"; r.y = ["depenses"]; r.unit = "€"
        let spec = try ChartBuilder.build(r, table: Self.yearly, locale: .fr)
        #expect(spec.xTicks.map(\.label) == ["2018", "2019", "2020", "2021", "2022"])
        let svg = SVGChartRenderer().render(spec)
        #expect(!svg.contains("2018\u{A0}€") && !svg.contains("2 018"))
        #expect(svg.contains("€</text>"))   // the y axis keeps its unit
        let text = TextChartRenderer(width: 72).render(spec)
        #expect(text.contains("2018") && !text.contains("2018 €") && !text.contains("2 018"))
    }

    @Test func endLabelsStayInsideTheCanvas() throws {
        var r = ChartRequest(kind: .line); r.x = "jour"; r.y = ["montant"]
        let spec = try ChartBuilder.build(r, table: Self.monthly, locale: .fr)
        for width in [400, 800] {
            let svg = SVGChartRenderer(width: width).render(spec)
            for label in spec.xTicks.map(\.label) {
                guard let range = svg.range(of: ">\(label)</text>") else { continue }
                let element = svg[svg[..<range.lowerBound].range(of: "<text", options: .backwards)!.lowerBound..<range.lowerBound]
                let x = Double(element.split(separator: "\"")[1])!
                let w = SVGDocument.textWidth(label, size: 11)
                #expect(x - w / 2 >= 0 && x + w / 2 <= Double(width), "\(label) at \(x) in \(width)")
            }
        }
        let text = TextChartRenderer(width: 40).render(spec)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 40 })
    }
}

/// Axis titles read as words by default and can be set.
@Suite struct AxisTitleTests {
    @Test func readableByDefaultAndSettable() throws {
        let t = Table(columnNames: ["nb_entreprises", "zone"], columns: [Column(.int64([12, 50])), Column(.string(StringColumn(["a", "b"])))])
        var r = ChartRequest(kind: .bar); r.x = "zone"; r.y = ["nb_entreprises"]
        let plain = try ChartBuilder.build(r, table: t, locale: .fr)
        #expect(plain.yTitle == "nb entreprises")
        r.xTitle = "Zone d'activités"; r.yTitle = "Nombre d'entreprises"
        let titled = try ChartBuilder.build(r, table: t, locale: .fr)
        let svg = SVGChartRenderer().render(titled)
        #expect(svg.contains(">Nombre d&#39;entreprises</text>") || svg.contains(">Nombre d'entreprises</text>"))
        #expect(titled.xTitle == "Zone d'activités")
    }
}
