import CarnetCharts
import CarnetEngine

/// `chart KIND SOURCE x=… y=… […] [to FILE.svg]`: draws in the terminal, and as SVG on request.
enum ChartCommand {
    static let options: [OptionSpec] = [
        OptionSpec("x", .column), OptionSpec("y", .columns), OptionSpec("series", .column), OptionSpec("title", .text("TEXT")),
        OptionSpec("subtitle", .text("TEXT")), OptionSpec("source", .text("TEXT")), OptionSpec("unit", .text("UNIT")),
        OptionSpec("xtitle", .text("TEXT")), OptionSpec("ytitle", .text("TEXT")),
        OptionSpec("sort", .choice(["asc", "desc"])), OptionSpec("top", .text("N")), OptionSpec("bins", .text("N")),
        OptionSpec("binwidth", .text("W")), OptionSpec("stacked", .choice(["true", "false"])), OptionSpec("lat", .column),
        OptionSpec("lon", .column), OptionSpec("color", .column), OptionSpec("label", .column),
        OptionSpec("width", .text("PX")), OptionSpec("height", .text("PX")),
    ]
    static var optionNames: [String] { options.map(\.name) }

    static let spec: CommandSpec = CommandSpec(
        name: "chart",
        aliases: ["plot"],
        synopsis: "chart KIND NAME|(SELECT …) x=COL y=COL[,COL …] [OPTION=VALUE …] [to FILE.svg]",
        summary: "draw a chart in the terminal, and as an SVG file with `to FILE.svg`",
        details: """
        KIND: bar (horizontal), column, line, scatter, histogram, pie, donut, map.
        Options: series=COL (one bar or line per value), stacked=true, sort=asc|desc, top=N,
          bins=N or binwidth=W (histogram), lat=COL lon=COL color=COL label=COL (map),
          title="…" subtitle="…" source="…", xtitle="…" ytitle="…" (axis titles; default: the column names as words),
          unit=€ (after values: 25 M€), width=PX height=PX (SVG size).
        top=N keeps the N largest: a pie gathers the others in one "Autres (k)" slice, bars say how many were left out.
        Without y=, bars count rows per x value. Values with the same x are added.
        """,
        examples: [
            "chart bar zae x=zone y=nb_entreprises sort=desc title=\"Entreprises par zone\"",
            "chart bar budget x=libelle y=montant series=sens to charts/budget.svg",
            "chart histogram zae x=superficie_ha bins=6",
            "chart map pav color=type",
        ],
        recorded: true,
        pathWords: { words in words.indices.filter { $0 > 0 && words[$0 - 1].isKeyword("to") } },
        complete: { words in
            if words.count <= 2 { return .words(ChartKind.allCases.map(\.rawValue)) }
            if words.count == 3 { return .tableName }
            return .words(optionNames.map { $0 + "=" } + ["to"])
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
                               position: kindWord.offset)
        }
        let afterKind = String(invocation.text.dropFirst(kindWord.offset + kindWord.text.count))
        let source = try TableSource.parse(afterKind, offset: kindWord.offset + kindWord.text.count, session: session, usage: spec.synopsis)
        var request = ChartRequest(kind: kind)
        var target: String?
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
            guard let (key, value) = word.option else {
                throw CommandError("unexpected \(quotedText(word.text))", hint: "options are KEY=VALUE: " + optionNames.joined(separator: ", "), position: at)
            }
            try apply(key, value, to: &request, at: at)
        }
        let (table, warnings) = try source.table(in: session)
        let chart: ChartSpec
        do {
            chart = try ChartBuilder.build(request, table: table, locale: session.settings.locale)
        } catch let error as ChartError {
            throw CommandError(error.message, hint: error.hint)
        }
        var blocks: [OutputBlock] = [.chart(chart)] + warnings.map { OutputBlock.warning($0) }
        if let target {
            let svg = SVGChartRenderer(width: request.width, height: request.height).render(chart)
            try session.checkWritable(target)
            try AtomicFile.write(svg, to: session.resolve(target))
            let name = String(target.split(separator: "/").last ?? Substring(target))
            blocks.append(.written(path: target, title: request.title ?? ChartWords(locale: session.settings.locale).kindName(kind), summary: SessionWords(locale: session.settings.locale).wrote(name, bytes: svg.utf8.count)))
        }
        return CommandOutput(blocks)
    }

    private static func apply(_ key: String, _ value: String, to r: inout ChartRequest, at: Int) throws {
        func number(_ name: String) throws -> Int {
            guard let n = Int(value), n > 0 else { throw CommandError("\(name) takes a positive whole number, not \(quotedText(value))", position: at) }
            return n
        }
        switch key {
        case "x": r.x = value
        case "y": r.y = value.split(separator: ",").map { String($0).trimmingWhitespace() }
        case "series", "by": r.series = value
        case "title": r.title = value
        case "subtitle": r.subtitle = value
        case "source": r.source = value
        case "unit": r.unit = value
        case "xtitle": r.xTitle = value
        case "ytitle": r.yTitle = value
        case "sort":
            guard let s = ChartSort(rawValue: value.lowercased()) else { throw CommandError("sort is asc, desc or none", position: at) }
            r.sort = s
        case "top": r.top = try number("top")
        case "bins": r.bins = try number("bins")
        case "binwidth":
            guard let w = Double(value), w > 0 else { throw CommandError("binwidth takes a positive number", position: at) }
            r.binWidth = w
        case "stacked":
            guard let b = parseSwitch(value) else { throw CommandError("stacked is true or false", position: at) }
            r.stacked = b
        case "lat": r.lat = value
        case "lon", "lng": r.lon = value
        case "color", "colour": r.color = value
        case "label": r.label = value
        case "width": r.width = try number("width")
        case "height": r.height = try number("height")
        default:
            let guess = Suggestion.nearest(to: key, in: optionNames)
            throw CommandError("chart has no option \(quotedText(key))", hint: guess.map { "did you mean \($0)=?" } ?? "options: " + optionNames.joined(separator: ", "), position: at)
        }
    }
}
