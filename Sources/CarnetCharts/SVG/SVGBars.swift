/// Horizontal bars: full category labels on the left, wrapped at word boundaries, never cut in
/// the middle of a word; value labels at the end of each bar.
enum SVGBars {
    static let labelSize = 13.0
    static let valueSize = 12.0
    static let barHeight = 16.0

    struct Layout {
        var labelArea: Double
        var valueArea: Double
        /// Room left of the zero line for the labels of negative bars.
        var negativeArea: Double
        var wrapped: [[String]]
        var bands: [Double]
    }

    static func layout(_ spec: ChartSpec, _ categories: [String], seriesCount: Int, width: Double) -> Layout {
        let plotWidth = width - 2 * SVGChartRenderer.margin
        let longest = categories.map { SVGDocument.textWidth($0, size: labelSize) }.max() ?? 0
        let labelArea = min(longest, plotWidth * 0.38) + 10
        let wrapped = categories.map { SVGDocument.wrap($0, width: labelArea - 10, size: labelSize, maxLines: 3) }
        let values: [String]
        if case .categorical(_, let series, let stacked) = spec.data {
            values = stacked ? categories.indices.map { c in spec.format.full(series.reduce(0) { $0 + ($1.values[c].isNaN ? 0 : $1.values[c]) }) }
                : series.flatMap { $0.values.filter { !$0.isNaN }.map(spec.format.full) }
        } else {
            values = []
        }
        let valueArea = (values.map { SVGDocument.textWidth($0, size: valueSize) }.max() ?? 0) + 10
        let negatives = values.filter { $0.hasPrefix("-") || $0.hasPrefix("−") }
        let negativeArea = negatives.isEmpty ? 0 : (negatives.map { SVGDocument.textWidth($0, size: valueSize) }.max() ?? 0) + 10
        var present = [Int](repeating: seriesCount, count: categories.count)
        if case .categorical(_, let series, let stacked) = spec.data, !stacked {
            present = categories.indices.map { c in max(1, series.filter { !$0.values[c].isNaN }.count) }
        }
        let bands = wrapped.indices.map { max(Double(wrapped[$0].count) * 16, Double(present[$0]) * barHeight) + 10 }
        return Layout(labelArea: labelArea, valueArea: valueArea, negativeArea: negativeArea, wrapped: wrapped, bands: bands)
    }

    static func height(_ spec: ChartSpec, _ categories: [String], seriesCount: Int, width: Double) -> Double {
        layout(spec, categories, seriesCount: seriesCount, width: width).bands.reduce(0, +) + 44
    }

    static func draw(_ doc: inout SVGDocument, _ spec: ChartSpec, _ categories: [String], _ series: [ChartSeries], stacked: Bool, _ frame: SVGChartRenderer.Frame) {
        let l = layout(spec, categories, seriesCount: stacked ? 1 : series.count, width: frame.right + SVGChartRenderer.margin)
        let scale = spec.valueScale
        // Negative bars' labels sit left of their bar: they get room there, off the category labels.
        let labelsEnd = frame.left + l.labelArea
        let x0 = labelsEnd + l.negativeArea, x1 = frame.right - l.valueArea
        func x(_ v: Double) -> Double { x0 + scale.fraction(v) * (x1 - x0) }
        let plotBottom = frame.top + l.bands.reduce(0, +)
        // Grid and tick labels.
        var lastEnd = -Double.infinity
        for tick in scale.ticks {
            doc.line(x1: x(tick), y1: frame.top, x2: x(tick), y2: plotBottom, stroke: tick == 0 ? "#333333" : "#e3e3e3")
            // On a narrow canvas every other tick label gives way rather than overlap.
            let label = spec.format.compact(tick), w = SVGDocument.textWidth(label, size: 11)
            guard x(tick) - w / 2 > lastEnd + 4 else { continue }
            doc.text(label, x: x(tick), y: plotBottom + 16, size: 11, anchor: .middle, fill: "#555555")
            lastEnd = x(tick) + w / 2
        }
        if let title = spec.yTitle {
            doc.text(title, x: (x0 + x1) / 2, y: plotBottom + 34, size: 12, anchor: .middle, fill: "#333333")
        }
        var y = frame.top
        for (c, _) in categories.enumerated() {
            let band = l.bands[c]
            let lines = l.wrapped[c]
            let labelTop = y + (band - Double(lines.count) * 16) / 2 + 12
            for (i, line) in lines.enumerated() {
                doc.text(line, x: labelsEnd - 10, y: labelTop + Double(i) * 16, size: labelSize, anchor: .end)
            }
            let present = stacked ? [0] : series.indices.filter { !series[$0].values[c].isNaN }
            let barsTop = y + (band - Double(max(1, present.count)) * barHeight) / 2
            if stacked {
                var positive = 0.0, negative = 0.0
                for (k, s) in series.enumerated() where !s.values[c].isNaN {
                    let v = s.values[c]
                    let from = v >= 0 ? positive : negative
                    let to = from + v
                    if v >= 0 { positive = to } else { negative = to }
                    doc.rect(x: min(x(from), x(to)), y: barsTop + 1, width: abs(x(to) - x(from)), height: barHeight - 2, fill: SVGChartRenderer.color(k),
                             extra: [("stroke", "#ffffff"), ("stroke-width", "0.5")])
                }
                let total = series.reduce(0.0) { $0 + ($1.values[c].isNaN ? 0 : $1.values[c]) }
                doc.text(spec.format.full(total), x: x(positive) + 5, y: barsTop + barHeight - 4, size: valueSize, fill: "#333333")
            } else {
                for (slot, k) in present.enumerated() {
                    let top = barsTop + Double(slot) * barHeight
                    let v = series[k].values[c]
                    doc.rect(x: min(x(0), x(v)), y: top + 1, width: abs(x(v) - x(0)), height: barHeight - 2, fill: SVGChartRenderer.color(k))
                    let label = spec.format.full(v)
                    if v >= 0 {
                        doc.text(label, x: x(v) + 5, y: top + barHeight - 4, size: valueSize, fill: "#333333")
                    } else {
                        doc.text(label, x: x(v) - 5, y: top + barHeight - 4, size: valueSize, anchor: .end, fill: "#333333")
                    }
                }
            }
            y += band
        }
    }
}
