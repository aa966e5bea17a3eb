import CarnetEngine

/// A map's polygons in the terminal: each cell inside a filled polygon shows its class (or
/// category) as a shade, from light to dark; outlines and points are braille over them.
enum MapText {
    /// The series braille outlines are drawn with (the first colour when colours are on).
    static let outlineSeries = 0

    /// Seven shades from light to dark; a map with fewer classes takes them evenly spaced, so
    /// that the lightest and the darkest are always the ends.
    static let unicodeRamp = ["·", ":", "░", "▒", "▓", "█", "■"]
    static let asciiRamp = [".", ":", "-", "=", "+", "#", "@"]

    static func missingGlyph(_ style: TextStyle) -> String { style.unicode ? "╱" : "/" }

    static func glyph(_ k: Int, of count: Int, style: TextStyle) -> String {
        let ramp = style.unicode ? unicodeRamp : asciiRamp
        guard count > 1 else { return ramp[3] }
        // Classes spread over the first six shades (■ is kept for a seventh class).
        let top = count >= 7 ? 6 : 5
        let index = Int((Double(k) * Double(top) / Double(count - 1)).rounded())
        return ramp[min(ramp.count - 1, max(0, index))]
    }

    /// The shade of cell (column, row), or nil outside every filled polygon.
    static func shading(_ layers: MapLayers, projection: MapProjection, columns: Int, rows: Int, style: TextStyle) -> (Int, Int) -> String? {
        // A choropleth's places without a value are hatched, as its legend says.
        let filled = layers.shapes.filter { $0.fill != nil || layers.classes != nil }
        guard !filled.isEmpty else { return { _, _ in nil } }
        let index = PolygonGridIndex(filled.map { GeometryShape.polygon($0.rings) })
        let count = layers.classes?.bounds.count ?? ((filled.compactMap(\.fill).max() ?? 0) + 1)
        var cells = [String?](repeating: nil, count: columns * rows)
        for r in 0..<rows {
            for c in 0..<columns {
                let (lat, lon) = projection.unproject(u: (Double(c) + 0.5) / Double(columns), v: (Double(r) + 0.5) / Double(rows))
                var hit: Int?
                index.forEachPolygon(containingX: lon, y: lat) { p in if hit == nil { hit = p } }
                guard let hit else { continue }
                cells[r * columns + c] = filled[hit].fill.map { glyph($0, of: count, style: style) } ?? missingGlyph(style)
            }
        }
        return { c, r in cells[r * columns + c] }
    }
}
