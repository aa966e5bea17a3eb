import CarnetEngine

#if canImport(Glibc)
import Glibc
#endif

/// Maps in Web Mercator fitted to their points and polygons, with a scale bar and a north arrow:
/// a background table's outlines (communes, the EPCI) under a choropleth or zones, then the
/// points. No tiles: the file stays standalone and loads nothing from the network.
enum SVGMap {
    static func draw(_ doc: inout SVGDocument, _ spec: ChartSpec, _ points: [MapPoint], _ categories: [String], _ frame: SVGChartRenderer.Frame) {
        let projection = MapProjection(points: points, layers: spec.mapLayers, marginFraction: 0.08)
        let availableWidth = frame.right - frame.left, availableHeight = frame.bottom - frame.top - 10
        var w = availableWidth, h = w / projection.aspect
        if h > availableHeight { h = availableHeight; w = h * projection.aspect }
        let left = frame.left + (availableWidth - w) / 2, top = frame.top
        doc.rect(x: left, y: top, width: w, height: h, fill: "#f2f4f6", extra: [("stroke", "#c8ccd0"), ("stroke-width", "1")])
        var placed: [Box] = [Box(x0: left + w - 32, y0: top + 6, x1: left + w - 8, y1: top + 50)]   // the north arrow
        var labels: [(String, Double, Double, SVGDocument.Anchor)] = []
        var hidden = 0
        func place(_ p: Position) -> (Double, Double) {
            let (u, v) = projection.project(latitude: p.y, longitude: p.x)
            return (left + u * w, top + v * h)
        }
        let layers = spec.mapLayers
        if !layers.background.isEmpty || !layers.shapes.isEmpty {
            // Polygons reach past the frame (the communes around the points): clipped to it.
            doc.raw("<clipPath id=\"map-frame\"><rect x=\"\(SVGDocument.number(left))\" y=\"\(SVGDocument.number(top))\" width=\"\(SVGDocument.number(w))\" height=\"\(SVGDocument.number(h))\"/></clipPath>")
            doc.raw("<g clip-path=\"url(#map-frame)\">")
            for shape in layers.background {
                path(&doc, shape, place, fill: "#e8ebe3", stroke: "#8a9199", width: 0.8)
            }
            for shape in layers.shapes {
                let fill: String
                if let classes = layers.classes { fill = shape.fill.map { classes.color($0) } ?? MapClasses.missingColor }
                else if let k = shape.fill { fill = SVGChartRenderer.color(k) }
                else { fill = "#c9d6e3" }
                path(&doc, shape, place, fill: fill, stroke: "#4a5560", width: 0.7)
            }
            doc.raw("</g>")
            // Names of the places, where they fit inside their own outline and clear of others.
            for shape in layers.background + layers.shapes {
                guard let label = shape.label, let at = shape.labelPoint else { continue }
                let (x, y) = place(at)
                let (x0, y0) = place(Position(shape.bounds.minX, shape.bounds.maxY)), (x1, y1) = place(Position(shape.bounds.maxX, shape.bounds.minY))
                let tw = SVGDocument.textWidth(label, size: 9)
                let box = Box(x0: x - tw / 2, y0: y - 7, x1: x + tw / 2, y1: y + 2)
                guard tw < (x1 - x0) * 0.9, y1 - y0 > 12, box.x0 >= left + 2, box.x1 <= left + w - 2, box.y0 >= top + 2, box.y1 <= top + h - 22,
                      !placed.contains(where: { $0.overlaps(box) }) else { continue }
                placed.append(box)
                // A white halo keeps the name readable on the darkest class.
                doc.text(label, x: x, y: y, size: 9, anchor: .middle, fill: "#222222",
                         extra: [("stroke", "#ffffff"), ("stroke-width", "2.5"), ("stroke-opacity", "0.8"), ("paint-order", "stroke")])
            }
        }
        for p in points {
            let (u, v) = projection.project(latitude: p.latitude, longitude: p.longitude)
            let x = left + u * w, y = top + v * h
            doc.element("circle", [("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", "4"),
                                   ("fill", SVGChartRenderer.color(p.category ?? 0)), ("stroke", "#ffffff"), ("stroke-width", "1")])
            guard let label = p.label else { continue }
            // Right of the point, else left, above or below: the first place inside the frame
            // that no other label takes. A label with no such place is left out and counted.
            let text = SVGDocument.wrap(label, width: w / 2, size: 10, maxLines: 1)[0]
            let tw = SVGDocument.textWidth(text, size: 10)
            let candidates: [(Double, Double, SVGDocument.Anchor)] = [(x + 6, y + 4, .start), (x - 6, y + 4, .end), (x, y - 8, .middle), (x, y + 15, .middle)]
            let spot = candidates.first { cx, cy, anchor in
                let x0 = anchor == .start ? cx : anchor == .end ? cx - tw : cx - tw / 2
                let box = Box(x0: x0, y0: cy - 8, x1: x0 + tw, y1: cy + 2)
                return box.x0 >= left + 2 && box.x1 <= left + w - 2 && box.y0 >= top + 2 && box.y1 <= top + h - 22
                    && !placed.contains { $0.overlaps(box) }
            }
            guard let (cx, cy, anchor) = spot else { hidden += 1; continue }
            let x0 = anchor == .start ? cx : anchor == .end ? cx - tw : cx - tw / 2
            placed.append(Box(x0: x0, y0: cy - 8, x1: x0 + tw, y1: cy + 2))
            labels.append((text, cx, cy, anchor))
        }
        for (text, x, y, anchor) in labels { doc.text(text, x: x, y: y, size: 10, anchor: anchor, fill: "#333333") }
        if hidden > 0 {
            doc.text(spec.words.hiddenLabels(hidden), x: left + w - 8, y: top + h - 8, size: 10, anchor: .end, fill: "#666666")
        }
        // Scale bar: a round distance near a fifth of the width.
        let metresPerPixel = projection.metresAcross / w
        let target = metresPerPixel * w / 5
        let nice = NiceScale.niceStep(target / 2)
        let length = nice / metresPerPixel
        let sx = left + 12, sy = top + h - 14
        doc.rect(x: sx, y: sy - 4, width: length, height: 4, fill: "#333333")
        // Distances take no unit of the data's (`unit=km²` is the colour's).
        let plain = ChartNumberFormat(locale: spec.locale, unit: nil)
        let distance = nice >= 1000 ? plain.full(nice / 1000) + " km" : plain.full(nice) + " m"
        doc.text(distance, x: sx + length / 2, y: sy - 8, size: 11, anchor: .middle, fill: "#333333")
        // North arrow.
        let ax = left + w - 20, ay = top + 14
        doc.element("path", [("d", "M \(SVGDocument.number(ax)) \(SVGDocument.number(ay)) L \(SVGDocument.number(ax - 6)) \(SVGDocument.number(ay + 16)) L \(SVGDocument.number(ax)) \(SVGDocument.number(ay + 12)) L \(SVGDocument.number(ax + 6)) \(SVGDocument.number(ay + 16)) Z"), ("fill", "#333333")])
        doc.text("N", x: ax, y: ay + 30, size: 11, anchor: .middle, fill: "#333333", weight: "bold")
    }
}

extension SVGMap {
    /// One path per shape: its rings filled even-odd (holes stay open), its lines stroked.
    static func path(_ doc: inout SVGDocument, _ shape: MapShape, _ place: (Position) -> (Double, Double), fill: String, stroke: String, width: Double) {
        func trace(_ ring: [Position], close: Bool) -> String {
            var d = ""
            var last: (Double, Double)?
            for (i, p) in ring.enumerated() {
                let (x, y) = place(p)
                // Points closer than a tenth of a pixel add bytes and nothing to see.
                if let l = last, abs(l.0 - x) < 0.1, abs(l.1 - y) < 0.1, i < ring.count - 1 { continue }
                d += (i == 0 ? "M" : "L") + SVGDocument.number(x) + " " + SVGDocument.number(y)
                last = (x, y)
            }
            return close ? d + "Z" : d
        }
        if !shape.rings.isEmpty {
            doc.element("path", [("d", shape.rings.map { trace($0, close: true) }.joined()), ("fill", fill), ("fill-rule", "evenodd"),
                                 ("stroke", stroke), ("stroke-width", SVGDocument.number(width)), ("stroke-linejoin", "round")])
        }
        if !shape.lines.isEmpty {
            doc.element("path", [("d", shape.lines.map { trace($0, close: false) }.joined()), ("fill", "none"), ("stroke", stroke), ("stroke-width", SVGDocument.number(width * 1.5))])
        }
    }
}

/// The words of a choropleth's legend: each class's bounds in the chart's locale.
enum MapLegend {
    static func entries(_ classes: MapClasses, _ format: ChartNumberFormat, _ words: ChartWords) -> [String] {
        classes.bounds.map { format.full($0.0) + " – " + format.full($0.1) } + (classes.missing > 0 ? [words.noValue] : [])
    }
}

/// A rectangle of the map that a label (or the north arrow) takes.
struct Box {
    var x0, y0, x1, y1: Double
    func overlaps(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
}

func cosine(_ a: Double) -> Double { cos(a) }
func sine(_ a: Double) -> Double { sin(a) }
