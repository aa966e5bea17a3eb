/// Draws a `ChartSpec` as terminal text of a fixed width: bars with eighth blocks, lines,
/// points and maps with braille, an ASCII fallback, colours only when asked.
public struct TextChartRenderer: Sendable {
    public var width: Int
    public var style: TextStyle
    /// Rows of the plotting area of lines, scatter plots and maps.
    public var plotRows = 14

    public init(width: Int, style: TextStyle = TextStyle()) {
        self.width = max(30, width)
        self.style = style
    }

    public func render(_ spec: ChartSpec) -> String {
        var lines: [String] = []
        if let title = spec.title { lines.append(title) }
        if let subtitle = spec.subtitle { lines.append(subtitle) }
        switch spec.data {
        case .categorical(let categories, let series, let stacked):
            if spec.kind == .pie || spec.kind == .donut {
                lines += slices(spec, categories, series[0])
            } else if spec.kind == .column {
                lines += columns(spec, categories, series, stacked: stacked)
            } else {
                lines += bars(spec, categories, series, stacked: stacked)
            }
        case .histogram(let edges, let counts):
            let labels = (0..<counts.count).map { spec.format.compact(edges[$0]) + " – " + spec.format.compact(edges[$0 + 1]) }
            lines += bars(spec, labels, [ChartSeries(name: spec.words.count, values: counts)], stacked: false)
        case .points(let series, let xIsDate):
            lines += plot(spec, series, xIsDate: xIsDate)
        case .map(let points, let categories):
            lines += map(spec, points, categories)
        }
        lines += spec.captions.map { "(\($0))" }
        if let source = spec.source { lines.append(spec.words.sourcePrefix + source) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Horizontal bars

    private func legend(_ series: [ChartSeries]) -> String? {
        guard series.count > 1 else { return nil }
        return series.enumerated().map { k, s in
            style.paint(String(style.fill(series: k, count: series.count)), series: k) + " " + s.name
        }.joined(separator: "   ")
    }

    private func bars(_ spec: ChartSpec, _ categories: [String], _ series: [ChartSeries], stacked: Bool) -> [String] {
        let f = spec.format
        let scale = spec.valueScale
        let valueText: (Double) -> String = { $0.isNaN ? "" : f.full($0) }
        let totals = categories.indices.map { c in series.reduce(0.0) { $0 + ($1.values[c].isNaN ? 0 : $1.values[c]) } }
        let valueWidth = (stacked ? totals.map(valueText) : series.flatMap { $0.values.map(valueText) }).map(TextLayout.width).max() ?? 0
        let longest = categories.map(TextLayout.width).max() ?? 0
        let labelWidth = min(longest, max(12, width * 2 / 5))
        let area = max(10, width - labelWidth - valueWidth - 3)
        let zero = Int((scale.fraction(0) * Double(area)).rounded())
        var lines: [String] = []
        if let legend = legend(series) { lines.append(legend) }

        func bar(_ value: Double, fill: Character, series k: Int) -> String {
            guard !value.isNaN else { return String(repeating: " ", count: area) }
            let end = scale.fraction(value) * Double(area)
            var cells = [Character](repeating: " ", count: area)
            if value >= 0 {
                let whole = Int(end.rounded(.down))
                for i in zero..<max(zero, min(whole, area)) { cells[i] = fill }
                let eighths = Int(((end - Double(whole)) * 8).rounded())
                if fill == "█", style.unicode, eighths > 0, whole < area {
                    cells[whole] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"][eighths - 1]
                } else if eighths >= 4, whole < area, whole >= zero {
                    cells[whole] = fill
                }
            } else {
                for i in max(0, Int(end.rounded())) ..< zero { cells[i] = fill }
            }
            if zero > 0, zero < area, cells[zero] == " ", scale.lower < 0 { cells[zero] = style.unicode ? "│" : "|" }
            return style.paint(String(cells), series: k)
        }

        for (c, category) in categories.enumerated() {
            let labels = TextLayout.wrap(category, width: labelWidth, maxLines: 2)
            var rowLines: [String] = []
            if stacked {
                var cells = ""
                var used = 0
                var position = Double(zero)
                for (k, s) in series.enumerated() where !s.values[c].isNaN && s.values[c] > 0 {
                    position += s.values[c] / (scale.upper - scale.lower) * Double(area)
                    let upTo = min(area, Int(position.rounded()))
                    let count = max(0, upTo - max(used, zero))
                    cells += style.paint(String(repeating: style.fill(series: k, count: series.count), count: count), series: k)
                    used = max(used, zero) + count
                }
                let lead = String(repeating: " ", count: zero)
                rowLines.append(lead + cells + String(repeating: " ", count: max(0, area - used)) + " " + TextLayout.pad(valueText(totals[c]), valueWidth, right: true))
            } else {
                // Only the series with a value here get a line (a category may have one side only).
                let present = series.indices.filter { !series[$0].values[c].isNaN }
                for k in present.isEmpty ? [0] : present {
                    let s = series[k]
                    rowLines.append(bar(s.values[c], fill: style.fill(series: k, count: series.count), series: k) + " " + TextLayout.pad(valueText(s.values[c]), valueWidth, right: true))
                }
            }
            for i in 0..<max(labels.count, rowLines.count) {
                let label = i < labels.count ? labels[i] : ""
                let body = i < rowLines.count ? rowLines[i] : ""
                lines.append(TextLayout.pad(label, labelWidth) + " " + body)
            }
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + axis(scale, area: area, format: f))
        if let y = spec.yTitle { lines.append(String(repeating: " ", count: labelWidth + 1) + y) }
        return lines
    }

    /// Tick labels placed under their positions, skipping those that would overlap.
    private func axis(_ scale: NiceScale, area: Int, format: ChartNumberFormat) -> String {
        var line = [Character](repeating: " ", count: area + 12)
        var lastEnd = -2
        for tick in scale.ticks {
            let label = Array(format.compact(tick))
            let at = Int((scale.fraction(tick) * Double(area - 1)).rounded())
            let start = max(0, min(at - label.count / 2, line.count - label.count))
            guard start > lastEnd + 1 else { continue }
            for (i, ch) in label.enumerated() { line[start + i] = ch }
            lastEnd = start + label.count - 1
        }
        return String(line).replacingTrailingSpaces()
    }

    // MARK: - Vertical columns

    private func columns(_ spec: ChartSpec, _ categories: [String], _ series: [ChartSeries], stacked: Bool) -> [String] {
        let scale = spec.valueScale
        let height = plotRows
        let labelWidth = (scale.ticks.map { TextLayout.width(spec.format.compact($0)) }.max() ?? 1) + 2
        let perCategory = max(1, (width - labelWidth - 2) / max(1, categories.count))
        let barWidth = max(1, min(8, (perCategory - 1) / max(1, stacked ? 1 : series.count)))
        let blocks: [Character] = style.unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", "_", "_", "=", "=", "#", "#"]
        var grid = [[String]](repeating: [], count: height)
        for c in categories.indices {
            var bottom = 0.0
            for (k, s) in series.enumerated() {
                let v = s.values[c].isNaN ? 0 : max(0, s.values[c])
                let from = stacked ? bottom : 0
                let to = from + v
                bottom = stacked ? to : 0
                let lo = scale.fraction(from) * Double(height), hi = scale.fraction(to) * Double(height)
                // Without colours, series are told apart by their fill, in whole cells.
                let wholeCells = series.count > 1 && !style.colors
                for row in 0..<height {
                    let cellBottom = Double(height - 1 - row)
                    let filled = min(max(hi - cellBottom, 0), 1) - min(max(lo - cellBottom, 0), 1)
                    let glyph = wholeCells ? (filled >= 0.5 ? style.fill(series: k, count: series.count) : " ") : blocks[Int((filled * 8).rounded())]
                    let text = String(repeating: String(glyph), count: barWidth)
                    if stacked && k > 0 {
                        if glyph != " " { grid[row][grid[row].count - 1] = style.paint(text, series: k) }
                    } else {
                        grid[row].append(style.paint(text, series: k))
                    }
                }
            }
            for row in 0..<height { grid[row].append(String(repeating: " ", count: max(1, perCategory - barWidth * (stacked ? 1 : series.count)))) }
        }
        var lines: [String] = []
        if let legend = legend(series) { lines.append(legend) }
        let tickLabels = rowLabels(scale, rows: height, format: spec.format)
        let tickWidth = tickLabels.map(TextLayout.width).max() ?? 0
        for row in 0..<height {
            lines.append(TextLayout.pad(tickLabels[row], tickWidth, right: true) + (style.unicode ? " ┤" : " |") + grid[row].joined())
        }
        let names = categories.map { TextLayout.truncate($0, perCategory - 1) }
        lines.append(String(repeating: " ", count: tickWidth + 2) + names.map { TextLayout.pad($0, perCategory) }.joined().replacingTrailingSpaces())
        return lines
    }

    /// The label of each row of a vertical axis: a tick's value on the row nearest to it.
    private func rowLabels(_ scale: NiceScale, rows: Int, format: ChartNumberFormat) -> [String] {
        var labels = [String](repeating: "", count: rows)
        for tick in scale.ticks {
            let row = Int(((1 - scale.fraction(tick)) * Double(rows - 1)).rounded())
            if row >= 0, row < rows, labels[row].isEmpty { labels[row] = format.compact(tick) }
        }
        return labels
    }

    // MARK: - Pies, as proportional bars with percentages

    private func slices(_ spec: ChartSpec, _ categories: [String], _ series: ChartSeries) -> [String] {
        let total = series.values.reduce(0) { $0 + ($1.isNaN ? 0 : $1) }
        let labelWidth = min(categories.map(TextLayout.width).max() ?? 0, width / 3)
        let area = max(10, width - labelWidth - 20)
        return categories.enumerated().map { c, name in
            let v = series.values[c].isNaN ? 0 : series.values[c]
            let share = total > 0 ? v / total : 0
            let cells = Int((share * Double(area)).rounded())
            let bar = style.paint(String(repeating: style.unicode ? "█" : "#", count: cells), series: c)
            return TextLayout.pad(TextLayout.truncate(name, labelWidth), labelWidth) + " " + bar + String(repeating: " ", count: area - cells)
                + " " + TextLayout.pad(spec.format.percent(share), 8, right: true)
        }
    }

    // MARK: - Lines and points

    private func plot(_ spec: ChartSpec, _ series: [PointSeries], xIsDate: Bool) -> [String] {
        let yScale = spec.valueScale, xScale = spec.xScale!
        let labelWidth = yScale.ticks.map { spec.format.compact($0).count }.max()! + 1
        var canvas = BrailleCanvas(columns: width - labelWidth - 2, rows: plotRows)
        func px(_ x: Double) -> Int { Int((xScale.fraction(x) * Double(canvas.pixelWidth - 1)).rounded()) }
        func py(_ y: Double) -> Int { Int(((1 - yScale.fraction(y)) * Double(canvas.pixelHeight - 1)).rounded()) }
        for (k, s) in series.enumerated() {
            for i in s.xs.indices {
                if spec.kind == .line, i > 0 {
                    canvas.line(px(s.xs[i - 1]), py(s.ys[i - 1]), px(s.xs[i]), py(s.ys[i]), series: k)
                } else {
                    canvas.set(px(s.xs[i]), py(s.ys[i]), series: k)
                }
            }
        }
        var lines: [String] = []
        if series.count > 1 {
            lines.append(series.enumerated().map { k, s in style.paint(style.unicode ? "⣿" : String(style.marker(series: k)), series: k) + " " + s.name }.joined(separator: "   "))
        }
        let rendered = canvas.render(style: style)
        let tickLabels = rowLabels(yScale, rows: rendered.count, format: spec.format)
        for (row, text) in rendered.enumerated() {
            lines.append(TextLayout.pad(tickLabels[row], labelWidth - 1, right: true) + (style.unicode ? " ┤" : " |") + text)
        }
        var axisLine = [Character](repeating: " ", count: canvas.columns + 1)
        var lastEnd = -2
        for tick in spec.xTicks {
            let label = Array(tick.label)
            guard label.count <= axisLine.count else { continue }
            let at = Int((xScale.fraction(tick.value) * Double(canvas.columns - 1)).rounded())
            let start = max(0, min(at - label.count / 2, axisLine.count - label.count))
            guard start > lastEnd + 1 else { continue }
            for (i, ch) in label.enumerated() { axisLine[start + i] = ch }
            lastEnd = start + label.count - 1
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + String(axisLine).replacingTrailingSpaces())
        if let x = spec.xTitle { lines.append(String(repeating: " ", count: labelWidth + 1) + x + (spec.yTitle.map { " → " + $0 } ?? "")) }
        return lines
    }

    // MARK: - Maps

    private func map(_ spec: ChartSpec, _ points: [MapPoint], _ categories: [String]) -> [String] {
        let layers = spec.mapLayers
        let projection = MapProjection(points: points, layers: layers, marginFraction: 0.05)
        // Terminal cells are about twice as tall as wide: one braille dot is square-ish.
        let columns = width - 2
        let rows = max(6, min(plotRows + 6, Int((Double(columns) * 2 / projection.aspect / 4).rounded())))
        var canvas = BrailleCanvas(columns: columns, rows: rows)
        // Outlines in braille (the background's and the map's own polygons), points on top.
        for shape in layers.background + layers.shapes {
            for ring in shape.rings + shape.lines where ring.count > 1 {
                var previous: (Int, Int)?
                for p in ring {
                    let (u, v) = projection.project(latitude: p.y, longitude: p.x)
                    let q = (Int((u * Double(canvas.pixelWidth - 1)).rounded()), Int((v * Double(canvas.pixelHeight - 1)).rounded()))
                    if let previous, previous != q, abs(previous.0 - q.0) < 4 * canvas.pixelWidth, abs(previous.1 - q.1) < 4 * canvas.pixelHeight {
                        canvas.line(previous.0, previous.1, q.0, q.1, series: MapText.outlineSeries)
                    }
                    previous = q
                }
            }
        }
        let shading = MapText.shading(layers, projection: projection, columns: columns, rows: rows, style: style)
        for p in points {
            let (u, v) = projection.project(latitude: p.latitude, longitude: p.longitude)
            // Two by two dots, so that a lone point is visible.
            let x = Int((u * Double(canvas.pixelWidth - 2)).rounded()), y = Int((v * Double(canvas.pixelHeight - 2)).rounded())
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] { canvas.set(x + dx, y + dy, series: p.category ?? 0) }
        }
        var lines = canvas.render(style: style, background: shading).map { " " + $0 }
        // The legend wraps at the width, one entry never split.
        var legend = ""
        var legendWidth = 0
        let swatches: [(String, String)]
        if let classes = layers.classes {
            swatches = MapLegend.entries(classes, spec.format, spec.words).enumerated().map { k, name in
                (k < classes.bounds.count ? MapText.glyph(k, of: classes.bounds.count, style: style) : MapText.missingGlyph(style), name)
            }
        } else {
            swatches = categories.enumerated().map { k, c in
                (layers.shapes.isEmpty ? style.paint(style.unicode ? "⣿" : String(style.marker(series: k)), series: k) : MapText.glyph(k, of: categories.count, style: style), c)
            }
        }
        for (glyph, c) in swatches {
            let entry = glyph + " " + c
            let w = 2 + TextLayout.width(c)
            if legendWidth > 0, legendWidth + 3 + w > width { lines.append(legend); legend = ""; legendWidth = 0 }
            legend += (legendWidth > 0 ? "   " : "") + entry
            legendWidth += (legendWidth > 0 ? 3 : 0) + w
        }
        if !legend.isEmpty { lines.append(legend) }
        let f = ChartNumberFormat(locale: spec.locale, unit: nil), to = spec.words.to
        let counted = layers.shapes.isEmpty ? spec.words.points(points.count, f) : spec.words.areas(layers.shapes.count, f)
        lines.append("\(counted) · latitude \(f.full(projection.south)) \(to) \(f.full(projection.north)) · longitude \(f.full(projection.west)) \(to) \(f.full(projection.east))")
        return lines
    }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
