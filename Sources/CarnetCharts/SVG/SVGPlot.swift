/// Lines and scatter plots on two linear axes (dates on x when it counts days).
enum SVGPlot {
    static func draw(_ doc: inout SVGDocument, _ spec: ChartSpec, _ series: [PointSeries], xIsDate: Bool, _ frame: SVGChartRenderer.Frame) {
        let left = frame.left + SVGColumns.axisWidth(spec), right = frame.right, top = frame.top, bottom = frame.bottom - 40
        let xs = spec.xScale!
        SVGColumns.valueAxis(&doc, spec, left: left, right: right, top: top, bottom: bottom)
        func px(_ v: Double) -> Double { left + xs.fraction(v) * (right - left) }
        func py(_ v: Double) -> Double { bottom - spec.valueScale.fraction(v) * (bottom - top) }
        var lastEnd = -Double.infinity
        for tick in spec.xTicks {
            let x = px(tick.value)
            let w = SVGDocument.textWidth(tick.label, size: 11)
            // A label at either end is kept inside the canvas instead of being cut by its edge.
            let centre = min(max(x, frame.left + w / 2), frame.right - w / 2)
            guard centre - w / 2 > lastEnd + 6 else { continue }
            doc.line(x1: x, y1: top, x2: x, y2: bottom, stroke: "#eeeeee")
            doc.text(tick.label, x: centre, y: bottom + 16, size: 11, anchor: .middle, fill: "#555555")
            lastEnd = centre + w / 2
        }
        if let title = spec.xTitle { doc.text(title, x: (left + right) / 2, y: bottom + 34, size: 12, anchor: .middle, fill: "#333333") }
        for (k, s) in series.enumerated() {
            let color = SVGChartRenderer.color(k)
            if spec.kind == .line {
                let points = s.xs.indices.map { SVGDocument.number(px(s.xs[$0])) + "," + SVGDocument.number(py(s.ys[$0])) }.joined(separator: " ")
                doc.element("polyline", [("points", points), ("fill", "none"), ("stroke", color), ("stroke-width", "2"), ("stroke-linejoin", "round")])
            } else {
                for i in s.xs.indices {
                    doc.element("circle", [("cx", SVGDocument.number(px(s.xs[i]))), ("cy", SVGDocument.number(py(s.ys[i]))), ("r", "3.5"),
                                           ("fill", color), ("fill-opacity", "0.8")])
                }
            }
        }
    }
}

/// Pies and donuts: slices from the top clockwise, with names, shares and values beside.
enum SVGPie {
    static func radius(height: Double, width: Double) -> Double { min(height / 2 - 10, width / 4) }

    static func legendEntries(_ spec: ChartSpec, _ categories: [String], _ series: ChartSeries, room: Double) -> [[String]] {
        let total = series.values.reduce(0) { $0 + ($1.isNaN ? 0 : $1) }
        return categories.enumerated().map { c, name in
            let v = series.values[c].isNaN ? 0 : series.values[c]
            // A number never breaks across lines: its thousands spaces become non-breaking.
            let share = spec.format.percent(total > 0 ? v / total : 0), value = String(spec.format.full(v).map { $0 == " " ? "\u{A0}" : $0 })
            return SVGDocument.wrap("\(name) — \(share) (\(value))", width: room, size: 13, maxLines: 8)
        }
    }

    /// Height the plot needs for the pie and its legend at this canvas width.
    static func preferredHeight(_ spec: ChartSpec, _ categories: [String], _ series: ChartSeries, width: Double) -> Double {
        let plotWidth = width - 2 * SVGChartRenderer.margin
        let r = radius(height: 360, width: plotWidth)
        let room = max(60, plotWidth - (2 * r + 40) - 18)
        let legend = legendEntries(spec, categories, series, room: room).reduce(0.0) { $0 + Double($1.count) * 16 + 8 } + 24
        return max(360, legend)
    }

    static func draw(_ doc: inout SVGDocument, _ spec: ChartSpec, _ categories: [String], _ series: ChartSeries, _ frame: SVGChartRenderer.Frame) {
        let total = series.values.reduce(0) { $0 + ($1.isNaN ? 0 : $1) }
        let radius = radius(height: min(360, frame.bottom - frame.top), width: frame.right - frame.left)
        let cx = frame.left + radius + 10, cy = (frame.top + frame.bottom) / 2
        var angle = -Double.pi / 2
        for (c, _) in categories.enumerated() {
            let v = series.values[c].isNaN ? 0 : series.values[c]
            guard total > 0, v > 0 else { continue }
            let sweep = v / total * 2 * .pi
            if sweep >= 2 * .pi - 1e-9 {
                doc.element("circle", [("cx", SVGDocument.number(cx)), ("cy", SVGDocument.number(cy)), ("r", SVGDocument.number(radius)), ("fill", SVGChartRenderer.color(c))])
            } else {
                let x1 = cx + radius * cosine(angle), y1 = cy + radius * sine(angle)
                let x2 = cx + radius * cosine(angle + sweep), y2 = cy + radius * sine(angle + sweep)
                let path = "M \(SVGDocument.number(cx)) \(SVGDocument.number(cy)) L \(SVGDocument.number(x1)) \(SVGDocument.number(y1)) "
                    + "A \(SVGDocument.number(radius)) \(SVGDocument.number(radius)) 0 \(sweep > .pi ? 1 : 0) 1 \(SVGDocument.number(x2)) \(SVGDocument.number(y2)) Z"
                doc.element("path", [("d", path), ("fill", SVGChartRenderer.color(c)), ("stroke", "#ffffff"), ("stroke-width", "1.5")])
            }
            angle += sweep
        }
        if spec.kind == .donut {
            doc.element("circle", [("cx", SVGDocument.number(cx)), ("cy", SVGDocument.number(cy)), ("r", SVGDocument.number(radius * 0.55)), ("fill", "#ffffff")])
            doc.text(spec.format.full(total), x: cx, y: cy + 6, size: 16, anchor: .middle, weight: "bold")
        }
        // The legend wraps to the room right of the pie, each entry on as many lines as it needs,
        // centred on the pie but never above the plot's top.
        let x = cx + radius + 30
        let entries = legendEntries(spec, categories, series, room: max(60, frame.right - x - 18))
        let height = entries.reduce(0.0) { $0 + Double($1.count) * 16 + 8 }
        var y = max(frame.top + 12, cy - height / 2 + 12)
        for (c, lines) in entries.enumerated() {
            doc.rect(x: x, y: y - 10, width: 12, height: 12, fill: SVGChartRenderer.color(c))
            for line in lines {
                doc.text(line, x: x + 18, y: y, size: 13)
                y += 16
            }
            y += 8
        }
    }
}
