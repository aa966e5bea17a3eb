#if canImport(Glibc)
import Glibc
#endif

/// Point maps in Web Mercator fitted to the points, with a scale bar and a north arrow. No
/// background tiles: the file stays standalone and loads nothing from the network.
enum SVGMap {
    static func draw(_ doc: inout SVGDocument, _ spec: ChartSpec, _ points: [MapPoint], _ categories: [String], _ frame: SVGChartRenderer.Frame) {
        let projection = MapProjection(points: points, marginFraction: 0.08)
        let availableWidth = frame.right - frame.left, availableHeight = frame.bottom - frame.top - 10
        var w = availableWidth, h = w / projection.aspect
        if h > availableHeight { h = availableHeight; w = h * projection.aspect }
        let left = frame.left + (availableWidth - w) / 2, top = frame.top
        doc.rect(x: left, y: top, width: w, height: h, fill: "#f2f4f6", extra: [("stroke", "#c8ccd0"), ("stroke-width", "1")])
        let showLabels = points.count <= 60
        for p in points {
            let (u, v) = projection.project(latitude: p.latitude, longitude: p.longitude)
            let x = left + u * w, y = top + v * h
            doc.element("circle", [("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", "4"),
                                   ("fill", SVGChartRenderer.color(p.category ?? 0)), ("stroke", "#ffffff"), ("stroke-width", "1")])
            if showLabels, let label = p.label {
                doc.text(label, x: x + 6, y: y + 4, size: 10, fill: "#333333")
            }
        }
        // Scale bar: a round distance near a fifth of the width.
        let metresPerPixel = projection.metresAcross / w
        let target = metresPerPixel * w / 5
        let nice = NiceScale.niceStep(target / 2)
        let length = nice / metresPerPixel
        let sx = left + 12, sy = top + h - 14
        doc.rect(x: sx, y: sy - 4, width: length, height: 4, fill: "#333333")
        let distance = nice >= 1000 ? spec.format.full(nice / 1000) + " km" : spec.format.full(nice) + " m"
        doc.text(distance, x: sx + length / 2, y: sy - 8, size: 11, anchor: .middle, fill: "#333333")
        // North arrow.
        let ax = left + w - 20, ay = top + 14
        doc.element("path", [("d", "M \(SVGDocument.number(ax)) \(SVGDocument.number(ay)) L \(SVGDocument.number(ax - 6)) \(SVGDocument.number(ay + 16)) L \(SVGDocument.number(ax)) \(SVGDocument.number(ay + 12)) L \(SVGDocument.number(ax + 6)) \(SVGDocument.number(ay + 16)) Z"), ("fill", "#333333")])
        doc.text("N", x: ax, y: ay + 30, size: 11, anchor: .middle, fill: "#333333", weight: "bold")
    }
}

func cosine(_ a: Double) -> Double { cos(a) }
func sine(_ a: Double) -> Double { sin(a) }
