import CarnetEngine

/// Draws a `ChartSpec` as a standalone SVG 1.1 file fit to publish: title, subtitle, source,
/// axis titles, legend, value labels, a colour-blind-safe palette, `<title>`/`<desc>` for
/// screen readers. The same spec gives the same bytes.
public struct SVGChartRenderer: Sendable {
    public var width: Double
    public var height: Double?

    /// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000",
                          "#999999", "#882255", "#44AA99", "#117733"]
    static let font = "Helvetica, Arial, sans-serif"
    static let margin = 24.0

    public init(width: Int? = nil, height: Int? = nil) {
        self.width = Double(width ?? 800)
        self.height = height.map(Double.init)
    }

    /// Where the plot goes once title, subtitle, legend and caption have their room.
    struct Frame {
        var top: Double
        var bottom: Double
        var left: Double
        var right: Double
    }

    public func render(_ spec: ChartSpec) -> String {
        var doc = SVGDocument()
        var top = SVGChartRenderer.margin
        let textWidth = width - 2 * SVGChartRenderer.margin
        // Titles wrap at words to the canvas: nothing is cut at 800 px or at width=400.
        if let title = spec.title {
            for line in SVGDocument.wrap(title, width: textWidth, size: 20, maxLines: 8) {
                doc.text(line, x: SVGChartRenderer.margin, y: top + 16, size: 20, weight: "bold")
                top += 26
            }
            top += 2
        }
        if let subtitle = spec.subtitle {
            for line in SVGDocument.wrap(subtitle, width: textWidth, size: 14, maxLines: 8) {
                doc.text(line, x: SVGChartRenderer.margin, y: top + 12, size: 14, fill: "#555555")
                top += 19
            }
            top += 3
        }
        let legendNames = legendEntries(spec)
        if legendNames.count > 1 || (spec.kind == .map && !legendNames.isEmpty) {
            top = legend(&doc, legendNames, colors: legendNames.indices.map { legendColor(spec, $0) }, outlined: spec.mapLayers.classes != nil, top: top + 6)
        }
        top += 10
        // Source and captions stack under the plot, one line each, so that none covers another.
        let footLines = ((spec.source == nil ? [] : [spec.words.sourcePrefix + spec.source!]) + spec.captions)
            .flatMap { SVGDocument.wrap($0, width: textWidth, size: 12, maxLines: 8) }
        let footHeight = Double(max(0, footLines.count - 1)) * 16
        let plotHeight = height.map { $0 - top - 60 - footHeight } ?? preferredPlotHeight(spec)
        let total = top + plotHeight + 60 + footHeight
        let frame = Frame(top: top, bottom: top + plotHeight, left: SVGChartRenderer.margin, right: width - SVGChartRenderer.margin)
        switch spec.data {
        case .categorical(let categories, let series, let stacked):
            switch spec.kind {
            case .pie, .donut: SVGPie.draw(&doc, spec, categories, series[0], frame)
            case .column: SVGColumns.draw(&doc, spec, categories, series, stacked: stacked, frame)
            default: SVGBars.draw(&doc, spec, categories, series, stacked: stacked, frame)
            }
        case .histogram(let edges, let counts):
            SVGColumns.histogram(&doc, spec, edges, counts, frame)
        case .points(let series, let xIsDate):
            SVGPlot.draw(&doc, spec, series, xIsDate: xIsDate, frame)
        case .map(let points, let categories):
            SVGMap.draw(&doc, spec, points, categories, frame)
        }
        var captionY = total - 16 - footHeight
        for line in footLines {
            doc.text(line, x: SVGChartRenderer.margin, y: captionY, size: 12, fill: "#666666")
            captionY += 16
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(total))\" "
        out += "viewBox=\"0 0 \(SVGDocument.number(width)) \(SVGDocument.number(total))\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
        out += "font-family=\"\(SVGChartRenderer.font)\">\n"
        out += "<title id=\"chart-title\">\(SVGDocument.escape(spec.title ?? spec.words.kindName(spec.kind)))</title>\n"
        out += "<desc id=\"chart-desc\">\(SVGDocument.escape(spec.accessibleDescription))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(total))\" fill=\"#ffffff\"/>\n"
        out += doc.body.joined(separator: "\n") + "\n</svg>\n"
        return out
    }

    private func legendEntries(_ spec: ChartSpec) -> [String] {
        switch spec.data {
        case .categorical(_, let series, _): return spec.kind == .pie || spec.kind == .donut ? [] : series.map(\.name)
        case .points(let series, _): return series.map(\.name)
        case .map(_, let categories):
            guard let classes = spec.mapLayers.classes else { return categories }
            return MapLegend.entries(classes, spec.format, spec.words)
        case .histogram: return []
        }
    }

    /// The swatch colour of legend entry k: a choropleth's class colours, else the palette.
    private func legendColor(_ spec: ChartSpec, _ k: Int) -> String {
        guard case .map = spec.data, let classes = spec.mapLayers.classes else { return SVGChartRenderer.color(k) }
        return k < classes.bounds.count ? classes.color(k) : MapClasses.missingColor
    }

    /// Swatches and names in rows; returns the y below the legend.
    private func legend(_ doc: inout SVGDocument, _ names: [String], colors: [String], outlined: Bool, top: Double) -> Double {
        var x = SVGChartRenderer.margin, y = top
        for (k, name) in names.enumerated() {
            let w = 18 + SVGDocument.textWidth(name, size: 13) + 18
            if x + w > width - SVGChartRenderer.margin, x > SVGChartRenderer.margin { x = SVGChartRenderer.margin; y += 20 }
            // A choropleth's lightest class is near white: its swatch gets an outline.
            doc.rect(x: x, y: y, width: 12, height: 12, fill: colors[k], extra: outlined ? [("stroke", "#8a9199"), ("stroke-width", "0.5")] : [])
            doc.text(name, x: x + 17, y: y + 11, size: 13)
            x += w
        }
        return y + 18
    }

    private func preferredPlotHeight(_ spec: ChartSpec) -> Double {
        switch spec.data {
        case .categorical(let categories, let series, let stacked):
            if spec.kind == .bar {
                return SVGBars.height(spec, categories, seriesCount: stacked ? 1 : series.count, width: width)
            }
            if spec.kind == .pie || spec.kind == .donut { return SVGPie.preferredHeight(spec, categories, series[0], width: width) }
            return 380
        case .map(let points, _):
            let aspect = MapProjection(points: points, layers: spec.mapLayers, marginFraction: 0.08).aspect
            return max(300, min(900, (width - 2 * SVGChartRenderer.margin) / max(0.3, aspect)))
        default:
            return 380
        }
    }

    static func color(_ k: Int) -> String { palette[k % palette.count] }
}
