/// Vertical bars and histograms: a value axis on the left, categories or bin edges below.
enum SVGColumns {
    /// Room left of the plot for the value axis: its widest tick label, then its rotated title
    /// beside it, so that the two never meet (`1 000 Md€` is wider than `50`).
    static func axisWidth(_ spec: ChartSpec) -> Double {
        widestTickLabel(spec) + 6 + (spec.yTitle == nil ? 4 : 26)
    }

    static func widestTickLabel(_ spec: ChartSpec) -> Double {
        spec.valueScale.ticks.map { SVGDocument.textWidth(spec.format.compact($0), size: 11) }.max() ?? 0
    }

    static func valueAxis(_ doc: inout SVGDocument, _ spec: ChartSpec, left: Double, right: Double, top: Double, bottom: Double) {
        let scale = spec.valueScale
        for tick in scale.ticks {
            let y = bottom - scale.fraction(tick) * (bottom - top)
            doc.line(x1: left, y1: y, x2: right, y2: y, stroke: tick == 0 ? "#333333" : "#e3e3e3")
            doc.text(spec.format.compact(tick), x: left - 6, y: y + 4, size: 11, anchor: .end, fill: "#555555")
        }
        if let title = spec.yTitle {
            let x = left - 6 - widestTickLabel(spec) - 14
            // Rotated, the title runs along the axis: it wraps to the plot's height.
            let lines = SVGDocument.wrap(title, width: max(40, bottom - top), size: 12, maxLines: 1)
            doc.text(lines[0], x: x, y: (top + bottom) / 2, size: 12, anchor: .middle, fill: "#333333",
                     extra: [("transform", "rotate(-90 \(SVGDocument.number(x)) \(SVGDocument.number((top + bottom) / 2)))")])
        }
    }

    static func draw(_ doc: inout SVGDocument, _ spec: ChartSpec, _ categories: [String], _ series: [ChartSeries], stacked: Bool, _ frame: SVGChartRenderer.Frame) {
        let left = frame.left + axisWidth(spec), right = frame.right
        let band = (right - left) / Double(max(1, categories.count))
        let longest = categories.map { SVGDocument.textWidth($0, size: 12) }.max() ?? 0
        let rotate = longest > band - 6
        let bottom = frame.bottom - (rotate ? min(120, longest * 0.6 + 10) : 24)
        let top = frame.top
        let scale = spec.valueScale
        func y(_ v: Double) -> Double { bottom - scale.fraction(v) * (bottom - top) }
        valueAxis(&doc, spec, left: left, right: right, top: top, bottom: bottom)
        let groups = stacked ? 1 : series.count
        let barWidth = band * 0.8 / Double(groups)
        for (c, name) in categories.enumerated() {
            let x = left + Double(c) * band + band * 0.1
            var positive = 0.0
            for (k, s) in series.enumerated() where !s.values[c].isNaN {
                let v = s.values[c]
                let from = stacked ? positive : 0
                let to = from + v
                if stacked { positive = to }
                let bx = stacked ? x : x + Double(k) * barWidth
                doc.rect(x: bx, y: min(y(from), y(to)), width: barWidth - 1, height: abs(y(to) - y(from)), fill: SVGChartRenderer.color(k))
                let label = spec.format.compact(v)
                if !stacked, SVGDocument.textWidth(label, size: 10) < barWidth + 6 {
                    doc.text(label, x: bx + barWidth / 2, y: (v >= 0 ? y(to) - 4 : y(to) + 12), size: 10, anchor: .middle, fill: "#333333")
                }
            }
            let cx = left + (Double(c) + 0.5) * band
            if rotate {
                // Rotated by 35°, a label reaches w·cos 35° to the left: it must stop at the canvas.
                let label = SVGDocument.wrap(name, width: min(170, (cx - 4) / 0.82), size: 12, maxLines: 1)[0]
                doc.text(label, x: cx, y: bottom + 14, size: 12, anchor: .end,
                         extra: [("transform", "rotate(-35 \(SVGDocument.number(cx)) \(SVGDocument.number(bottom + 14)))")])
            } else {
                doc.text(name, x: cx, y: bottom + 16, size: 12, anchor: .middle)
            }
        }
    }

    static func histogram(_ doc: inout SVGDocument, _ spec: ChartSpec, _ edges: [Double], _ counts: [Double], _ frame: SVGChartRenderer.Frame) {
        let left = frame.left + axisWidth(spec), right = frame.right, top = frame.top, bottom = frame.bottom - 40
        let scale = spec.valueScale
        valueAxis(&doc, spec, left: left, right: right, top: top, bottom: bottom)
        let binWidth = (right - left) / Double(max(1, counts.count))
        for (i, count) in counts.enumerated() {
            let h = scale.fraction(count) * (bottom - top)
            doc.rect(x: left + Double(i) * binWidth, y: bottom - h, width: binWidth - 1, height: h, fill: SVGChartRenderer.color(0))
            if count > 0, binWidth > 16 {
                doc.text(spec.format.full(count), x: left + (Double(i) + 0.5) * binWidth, y: bottom - h - 4, size: 10, anchor: .middle, fill: "#333333")
            }
        }
        var lastEnd = -Double.infinity
        for (i, edge) in edges.enumerated() {
            let x = left + Double(i) * binWidth
            let label = spec.format.compact(edge)
            let w = SVGDocument.textWidth(label, size: 11)
            guard x - w / 2 > lastEnd + 4 else { continue }
            doc.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: "#333333")
            doc.text(label, x: x, y: bottom + 16, size: 11, anchor: .middle, fill: "#555555")
            lastEnd = x + w / 2
        }
        if let title = spec.xTitle { doc.text(title, x: (left + right) / 2, y: bottom + 34, size: 12, anchor: .middle, fill: "#333333") }
    }
}
