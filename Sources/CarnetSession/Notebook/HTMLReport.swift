import CarnetEngine

/// The notebook as one self-contained HTML page: prose, commands, tables, charts inlined as SVG,
/// print-friendly CSS, no external resource. All data and prose are escaped.
enum HTMLReport {
    static let style = """
    body{font-family:Helvetica,Arial,sans-serif;color:#222;background:#fff;margin:0}
    main{max-width:62rem;margin:2rem auto;padding:0 1.5rem;line-height:1.5}
    h1,h2,h3{line-height:1.25}
    pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.78rem;overflow-x:auto;padding:.6rem .8rem;border-radius:4px}
    pre.command{background:#f3f4f6;border-left:3px solid #0072B2;margin-bottom:.3rem;white-space:pre-wrap}
    pre.output{background:#fafafa;border:1px solid #e5e7eb;margin-top:0}
    figure{margin:1rem 0}
    figure svg{max-width:100%;height:auto}
    footer{color:#666;font-size:.8rem;margin:3rem 0 1rem}
    @media print{pre{white-space:pre-wrap;break-inside:avoid}figure{break-inside:avoid}main{margin:0;max-width:none}}
    """

    static func render(_ document: NotebookDocument, title fallback: String, chartText: (String) -> String?) -> String {
        var body: [String] = []
        var title: String?
        var chartCount = 0
        for segment in document.segments {
            switch segment {
            case .prose(let text):
                if title == nil, let heading = text.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) {
                    title = String(heading.dropFirst(2))
                }
                let html = MarkdownHTML.render(text)
                if !html.isEmpty { body.append(html) }
            case .cell(let cell):
                body.append("<pre class=\"command\"><code>" + MarkdownHTML.escape(cell.command) + "</code></pre>")
                if let chart = cell.chart, let svg = chartText(chart.path) {
                    chartCount += 1
                    body.append("<figure>" + inlineSVG(svg, index: chartCount) + "</figure>")
                } else if let output = cell.output, !output.isEmpty {
                    body.append("<pre class=\"output\">" + MarkdownHTML.escape(output) + "</pre>")
                }
            }
        }
        let pageTitle = title ?? fallback
        return """
        <!DOCTYPE html>
        <html lang="fr">
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
        <footer>Made with Carnet from a replayable notebook.</footer>
        </main>
        </body>
        </html>

        """
    }

    /// An SVG file's markup for inlining: no XML declaration, ids made unique in the page.
    static func inlineSVG(_ svg: String, index: Int) -> String {
        var text = svg
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
        return text.trimmingWhitespace()
            .replacingEvery("id=\"chart-title\"", with: "id=\"chart-title-\(index)\"")
            .replacingEvery("id=\"chart-desc\"", with: "id=\"chart-desc-\(index)\"")
            .replacingEvery("aria-labelledby=\"chart-title chart-desc\"", with: "aria-labelledby=\"chart-title-\(index) chart-desc-\(index)\"")
    }
}
