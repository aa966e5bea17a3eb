import CarnetCharts
import CarnetEngine

/// How `export report` writes the page.
struct ReportOptions {
    /// Show each command above its result (`with commands=false` hides them, as nbconvert's
    /// `--no-input` does).
    var commands = true
    var locale: DisplayLocale = .en
    /// The loaded files behind the tables, for the provenance footer.
    var sources: [NamedTable] = []
}

/// The notebook as one self-contained HTML page to publish: prose, results as real tables with
/// right-aligned numbers, charts inlined as SVG (drawn again narrow for phones), provenance in a
/// collapsible footer, no external resource. All data and prose are escaped.
enum HTMLReport {
    /// Charts are drawn at this width for screens narrower than `narrowScreen`: on a 390 px phone
    /// they are shown slightly enlarged, so their smallest text (10 px) stays at least 10 px.
    static let narrowChartWidth = 340
    static let narrowScreen = 820

    static let style = """
    body{font-family:Helvetica,Arial,sans-serif;color:#222;background:#fff;margin:0}
    main{max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.5;overflow-wrap:break-word}
    h1,h2,h3{line-height:1.25}
    pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.78rem;overflow-x:auto;padding:.6rem .8rem;border-radius:4px;max-width:100%;box-sizing:border-box}
    pre.command{background:#f3f4f6;border-left:3px solid #0072B2;margin-bottom:.3rem;white-space:pre-wrap;overflow-wrap:anywhere}
    pre.output{background:#fafafa;border:1px solid #e5e7eb;margin-top:0}
    div.table{overflow-x:auto;max-width:100%;margin:0 0 1rem}
    table{border-collapse:collapse;font-size:.9rem}
    th,td{padding:.3rem .7rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
    th{border-bottom:2px solid #999;font-weight:bold}
    td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
    td.null{color:#999}
    figure{margin:1rem 0}
    figure svg{display:block;width:100%;height:auto}
    figure .narrow{display:none}
    @media (max-width:\(narrowScreen)px){figure .wide{display:none}figure .narrow{display:block}}
    footer{color:#666;font-size:.8rem;margin:3rem 0 1rem}
    footer pre{font-size:.72rem;background:#fafafa}
    @media print{pre{white-space:pre-wrap;break-inside:avoid}figure{break-inside:avoid}main{margin:0;max-width:none}div.table{overflow:visible}}
    """

    static func render(_ document: NotebookDocument, title fallback: String, options: ReportOptions = ReportOptions(),
                       chartText: (String) -> String?) -> String {
        let fr = options.locale == .fr
        var body: [String] = []
        let provenance = options.sources.compactMap { source(of: $0, locale: options.locale) }
        var title: String?
        var chartCount = 0
        for segment in document.segments {
            switch segment {
            case .prose(let text):
                if title == nil, let heading = text.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) {
                    title = String(heading.dropFirst(2))
                }
                // Live values read as their values; their queries stay in the notebook.
                let prose = (try? LiveValues.pieces(text)).map(LiveValues.shown) ?? text
                let html = MarkdownHTML.render(prose)
                if !html.isEmpty { body.append(html) }
            case .cell(let cell):
                if options.commands {
                    body.append("<pre class=\"command\"><code>" + MarkdownHTML.escape(cell.command) + "</code></pre>")
                }
                if let blocks = cell.blocks {
                    for block in blocks {
                        switch block {
                        case .table(let table, _): body.append(htmlTable(table, locale: options.locale))
                        case .text(let text): body.append("<pre class=\"output\">" + MarkdownHTML.escape(text) + "</pre>")
                        case .chart(let drawing):
                            chartCount += 1
                            body.append(figure(drawing.spec, index: chartCount))
                        case .message, .warning, .written, .input:
                            // What a command did (load reports, `saved`, warnings) is not a result:
                            // the footer says where the data comes from.
                            continue
                        }
                    }
                } else if let chart = cell.chart, let svg = chartText(chart.path) {
                    chartCount += 1
                    body.append("<figure>" + inlineSVG(svg, index: chartCount) + "</figure>")
                } else if let output = cell.output, !output.isEmpty {
                    body.append("<pre class=\"output\">" + MarkdownHTML.escape(output) + "</pre>")
                }
            }
        }
        let pageTitle = title ?? fallback
        let made = fr ? "Fait avec Carnet \(CarnetVersion.current) à partir d’un carnet rejouable."
            : "Made with Carnet \(CarnetVersion.current) from a replayable notebook."
        let details = provenance.isEmpty ? "" : "\n<details><summary>" + (fr ? "Provenance des données" : "Where the data comes from")
            + "</summary>\n<ul>\n" + provenance.joined(separator: "\n") + "\n</ul>\n</details>"
        return """
        <!DOCTYPE html>
        <html lang="\(options.locale.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(MarkdownHTML.escape(pageTitle))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        <footer><p>\(made)</p>\(details)</footer>
        </main>
        </body>
        </html>

        """
    }

    /// One loaded file, in the report's language: what it is, how it was read, its SHA-256.
    static func source(of entry: NamedTable, locale: DisplayLocale) -> String? {
        guard let report = entry.report, let path = entry.source else { return nil }
        let fr = locale == .fr
        let words = SessionWords(locale: locale)
        let file = String(path.split(separator: "/").last ?? Substring(path))
        let d = report.dialect
        var how: String
        if let format = report.formatText {
            how = format.text(french: fr)
        } else {
            let delimiter = d.delimiter == 0x09 ? (fr ? "tabulation" : "tab") : d.delimiterName
            let mark = String(UnicodeScalar(d.decimalMark))
            how = fr ? "séparateur « \(delimiter) », encodage \(d.encoding.rawValue), décimale « \(mark) »"
                : "delimiter '\(delimiter)', encoding \(d.encoding.rawValue), decimal '\(mark)'"
        }
        var line = "<li><strong>" + MarkdownHTML.escape(entry.name) + "</strong>" + (fr ? "\u{A0}: " : ": ") + MarkdownHTML.escape(file)
            + " — " + words.count(rows: report.rowCount, columns: report.columns.count) + ", " + words.bytes(report.byteCount)
            + "; " + MarkdownHTML.escape(how)
        if let sha = entry.sha256 { line += "; SHA-256 <code>" + sha + "</code>" }
        return line + "</li>"
    }

    /// A result as a table people read: names as headers, no type row, numbers right-aligned
    /// with non-breaking thousands spaces, every value whole.
    static func htmlTable(_ table: Table, locale: DisplayLocale) -> String {
        let cells = CellText.columns(of: table, formatter: ValueFormatter(locale: locale))
        let numeric = table.columns.map { CellText.rightAligned($0.type) }
        var rows: [String] = []
        rows.append("<thead><tr>" + table.columnNames.indices.map { c in
            "<th" + (numeric[c] ? " class=\"num\"" : "") + ">" + MarkdownHTML.escape(table.columnNames[c]) + "</th>"
        }.joined() + "</tr></thead>")
        var bodyRows: [String] = []
        for r in 0..<table.rowCount {
            bodyRows.append("<tr>" + table.columns.indices.map { c in
                if table.columns[c].isNull(r) { return "<td class=\"null\"></td>" }
                var text = MarkdownHTML.escape(cells[c][r].trimmingWhitespace())
                if numeric[c] { text = text.replacingEvery(" ", with: "&#160;") }
                return "<td" + (numeric[c] ? " class=\"num\"" : "") + ">" + text + "</td>"
            }.joined() + "</tr>")
        }
        rows.append("<tbody>" + bodyRows.joined(separator: "\n") + "</tbody>")
        return "<div class=\"table\"><table>" + rows.joined(separator: "\n") + "</table></div>"
    }

    /// A chart drawn twice from its specification: wide for screens, narrow for phones.
    static func figure(_ spec: ChartSpec, index: Int) -> String {
        let wide = inlineSVG(SVGChartRenderer().render(spec), index: index, variant: "w")
        let narrow = inlineSVG(SVGChartRenderer(width: narrowChartWidth).render(spec), index: index, variant: "n")
        return "<figure><div class=\"wide\">" + wide + "</div><div class=\"narrow\">" + narrow + "</div></figure>"
    }

    /// An SVG file's markup for inlining: no XML declaration, ids made unique in the page.
    static func inlineSVG(_ svg: String, index: Int, variant: String = "") -> String {
        var text = svg
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
        let id = "\(index)\(variant)"
        return text.trimmingWhitespace()
            .replacingEvery("id=\"chart-title\"", with: "id=\"chart-title-\(id)\"")
            .replacingEvery("id=\"chart-desc\"", with: "id=\"chart-desc-\(id)\"")
            .replacingEvery("aria-labelledby=\"chart-title chart-desc\"", with: "aria-labelledby=\"chart-title-\(id) chart-desc-\(id)\"")
    }
}
