import CarnetCharts
import CarnetEngine

/// `chart KIND SOURCE x=… y=… […] [to FILE.svg]`: draws in the terminal, and as SVG on request.
enum ChartCommand {
    static let options: [OptionSpec] = [
        OptionSpec("x", .column, help: "the categories, dates or numbers along the axis"),
        OptionSpec("y", .columns, help: "the measures; without y=, rows are counted per x value"),
        OptionSpec("series", .column, aliases: ["by"], help: "one bar or line per value"),
        OptionSpec("stacked", .flag, help: "series stacked instead of side by side"),
        OptionSpec("sort", .choice(["asc", "desc", "none"])),
        OptionSpec("top", .count, help: "the N largest; a pie gathers the others in one \"Autres (k)\" slice"),
        OptionSpec("bins", .count, help: "histogram: how many bins"),
        OptionSpec("binwidth", .positiveNumber, help: "histogram: the width of a bin"),
        OptionSpec("lat", .column, aliases: ["latitude"], help: "map: latitude in degrees"),
        OptionSpec("lon", .column, aliases: ["lng", "longitude"], help: "map: longitude in degrees"),
        OptionSpec("color", .column, aliases: ["colour"], help: "map: one colour per value; a number colours polygons in classes (a choropleth)"),
        OptionSpec("label", .column, help: "map: the text beside each point, or inside each polygon"),
        OptionSpec("background", .text("TABLE"), aliases: ["fond"], help: "map: a table whose polygons (communes, an EPCI) are drawn under the data, with their names"),
        OptionSpec("classes", .count, help: "choropleth: how many classes (1 to 7, default 5)"),
        OptionSpec("breaks", .choice(ClassBreaks.allCases.map(\.rawValue)), help: "choropleth: quantile (as many places per class, the default) or equal (intervals of one width)"),
        OptionSpec("title", .text("TEXT")), OptionSpec("subtitle", .text("TEXT")),
        OptionSpec("source", .text("TEXT"), help: "the line under the chart"),
        OptionSpec("xtitle", .text("TEXT"), help: "axis title (default: the column name as words)"),
        OptionSpec("ytitle", .text("TEXT"), help: "axis title (default: the column name as words)"),
        OptionSpec("unit", .text("UNIT"), help: "after values: unit=€ gives 25 M€"),
        OptionSpec("width", .count, help: "SVG width in pixels"),
        OptionSpec("height", .count, help: "SVG height in pixels"),
    ]

    static let spec: CommandSpec = CommandSpec(
        name: "chart",
        aliases: ["plot"],
        synopsis: "chart KIND NAME|(SELECT …) x=COL y=COL[,COL …] [OPTION=VALUE …] [to FILE.svg]",
        summary: "draw a chart in the terminal, and as an SVG file with `to FILE.svg`",
        details: """
        KIND: bar (horizontal), column, line, scatter, histogram, pie, donut, map.
        top=N keeps the N largest: bars say how many were left out. Values with the same x are added.
        """,
        examples: [
            "chart bar zae x=zone y=nb_entreprises sort=desc title=\"Entreprises par zone\"",
            "chart bar budget x=libelle y=montant series=sens to charts/budget.svg",
            "chart histogram zae x=superficie_ha bins=6",
            "chart map pav color=type",
            "chart map pav background=communes",
            "chart map communes color=superficie_km2 classes=4 breaks=quantile",
        ],
        recorded: true,
        pathWords: { words in words.indices.filter { $0 > 0 && words[$0 - 1].isKeyword("to") } },
        complete: { words in
            if words.count <= 2 { return .words(ChartKind.allCases.map(\.rawValue)) }
            if words.count == 3 { return .tableName }
            return .optionKeys(plus: ["to"])
        },
        options: options,
        run: run
    )

    static func run(_ session: Session, _ invocation: Invocation) throws -> CommandOutput {
        guard let kindWord = invocation.words.first else { throw invocation.usage(spec, "chart needs a kind: " + ChartKind.allCases.map(\.rawValue).joined(separator: ", ")) }
        guard let kind = ChartKind(rawValue: kindWord.text.lowercased()) else {
            let guess = Suggestion.nearest(to: kindWord.text, in: ChartKind.allCases.map(\.rawValue))
            throw CommandError("there is no chart kind \(quotedText(kindWord.text))",
                               hint: guess.map { "did you mean \($0)?" } ?? "kinds: " + ChartKind.allCases.map(\.rawValue).joined(separator: ", "),
                               position: kindWord.offset, kind: .unknownName)
        }
        let afterKind = String(invocation.text.dropFirst(kindWord.offset + kindWord.text.count))
        let source = try TableSource.parse(afterKind, offset: kindWord.offset + kindWord.text.count, session: session, usage: spec.synopsis)
        var target: String?
        var given = invocation.options(spec)
        var words = try CommandWords.split(source.rest)[...]
        while let word = words.popFirst() {
            let at = source.restOffset + word.offset
            if word.isKeyword("to") {
                guard let path = words.popFirst() else { throw CommandError("`to` needs a file name", hint: "to charts/name.svg", position: at) }
                guard path.text.lowercased().hasSuffix(".svg") else {
                    throw CommandError("charts are written as SVG: name the file ….svg", position: source.restOffset + path.offset)
                }
                target = path.text
                continue
            }
            try given.add(word, base: source.restOffset)
        }
        let request = Self.request(kind, given)
        let (table, warnings) = try source.table(in: session)
        let chart: ChartSpec
        do {
            let background = try given.text("background").map { try session.workspace.require($0).table }
            chart = try ChartBuilder.build(request, table: table, background: background, locale: session.settings.locale)
        } catch let error as ChartError {
            throw CommandError(error.message, hint: error.hint)
        }
        var blocks: [OutputBlock] = [.chart(ChartDrawing(chart))] + warnings.map { OutputBlock.warning($0) }
        if let target {
            let svg = SVGChartRenderer(width: request.width, height: request.height).render(chart)
            try session.checkWritable(target)
            try AtomicFile.write(svg, to: session.resolve(target))
            let name = String(target.split(separator: "/").last ?? Substring(target))
            blocks.append(.written(path: target, title: request.title ?? ChartWords(locale: session.settings.locale).kindName(kind), summary: SessionWords(locale: session.settings.locale).wrote(name, bytes: svg.utf8.count)))
        }
        return CommandOutput(blocks)
    }

    private static func request(_ kind: ChartKind, _ given: ParsedOptions) -> ChartRequest {
        var r = ChartRequest(kind: kind)
        r.x = given.text("x")
        if let y = given.columns("y") { r.y = y }
        r.series = given.text("series")
        r.title = given.text("title")
        r.subtitle = given.text("subtitle")
        r.source = given.text("source")
        r.unit = given.text("unit")
        r.xTitle = given.text("xtitle")
        r.yTitle = given.text("ytitle")
        if let sort = given.choice("sort").flatMap(ChartSort.init(rawValue:)) { r.sort = sort }
        r.top = given.count("top")
        r.bins = given.count("bins")
        r.binWidth = given.number("binwidth")
        if let stacked = given.flag("stacked") { r.stacked = stacked }
        r.lat = given.text("lat")
        r.lon = given.text("lon")
        r.color = given.text("color")
        r.label = given.text("label")
        r.classes = given.count("classes")
        if let breaks = given.choice("breaks").flatMap(ClassBreaks.init(rawValue:)) { r.breaks = breaks }
        if let width = given.count("width") { r.width = width }
        if let height = given.count("height") { r.height = height }
        return r
    }
}
