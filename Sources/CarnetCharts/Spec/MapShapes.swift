import CarnetEngine

/// A polygon or line of a map (a commune, a zone, a road), in WGS84 degrees, with what it is
/// filled by: a choropleth class, a category, or nothing (an outline).
public struct MapShape: Sendable, Equatable {
    /// All rings of all its polygons, filled even-odd (holes stay empty).
    public var rings: [[Position]]
    public var lines: [[Position]]
    public var label: String?
    /// A choropleth class (index into `MapClasses.bounds`) or a category (into the map's categories).
    public var fill: Int?
    public var bounds: BoundingBox
    /// Where its label goes: the centroid of its largest polygon.
    public var labelPoint: Position?

    public init(shape: GeometryShape, label: String?, fill: Int?) {
        rings = shape.polygons.flatMap { $0 }
        lines = shape.lines
        self.label = label
        self.fill = fill
        bounds = shape.bounds
        let largest = shape.polygons.max { GeometryShape.polygon($0).planarArea < GeometryShape.polygon($1).planarArea }
        labelPoint = largest.flatMap { MapShape.inside(GeometryShape.polygon($0)) } ?? shape.centroid
    }

    /// The point of a 15 × 15 grid over the polygon's box that lies inside it farthest from
    /// its edges (holes included), so that a label sits well within; the centroid if none does.
    static func inside(_ polygon: GeometryShape) -> Position? {
        guard let c = polygon.centroid else { return nil }
        let b = polygon.bounds
        let rings = polygon.polygons.flatMap { $0 }
        func clearance(_ p: Position) -> Double {
            var best = Double.infinity
            for ring in rings where ring.count > 1 {
                for k in 1..<ring.count {
                    let a = ring[k - 1], e = ring[k]
                    let dx = e.x - a.x, dy = e.y - a.y
                    let t = dx == 0 && dy == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
                    let qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y
                    best = min(best, qx * qx + qy * qy)
                }
            }
            return best
        }
        var best: (Position, Double)? = polygon.containsPoint(c) ? (c, clearance(c)) : nil
        for i in 1..<16 {
            for j in 1..<16 {
                let p = Position(b.minX + (b.maxX - b.minX) * Double(i) / 16, b.minY + (b.maxY - b.minY) * Double(j) / 16)
                guard polygon.containsPoint(p) else { continue }
                let d = clearance(p)
                if best == nil || d > best!.1 * 1.5 { best = (p, d) }
            }
        }
        return best?.0 ?? c
    }
}

/// How a choropleth cuts its values into classes: quantiles (as many places in each) or equal
/// intervals, as mapclassify's Quantiles and EqualInterval.
public enum ClassBreaks: String, Sendable, CaseIterable {
    case quantile, equal
}

/// The classes of a choropleth: `bounds[k]` is class k's (lower, upper), the first including its lower end.
public struct MapClasses: Sendable, Equatable {
    public var bounds: [(Double, Double)]
    public var method: ClassBreaks
    /// Places without a value (NULL): drawn grey, with their own legend entry.
    public var missing: Int

    public static func == (a: MapClasses, b: MapClasses) -> Bool {
        a.method == b.method && a.missing == b.missing && a.bounds.count == b.bounds.count
            && zip(a.bounds, b.bounds).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// Classes of `values` (NaN for no value), at most `count`: fewer when values repeat so that
    /// two breaks would coincide.
    static func make(_ values: [Double], count: Int, method: ClassBreaks) -> (MapClasses, [Int?]) {
        let present = values.filter { !$0.isNaN }.sorted()
        guard let low = present.first, let high = present.last else {
            return (MapClasses(bounds: [], method: method, missing: values.count), values.map { _ in nil })
        }
        var breaks: [Double] = [low]
        for k in 1..<max(1, count) {
            let f = Double(k) / Double(count)
            switch method {
            case .equal: breaks.append(low + (high - low) * f)
            case .quantile:
                // Linear interpolation between order statistics (numpy's default percentile).
                let position = f * Double(present.count - 1)
                let i = Int(position.rounded(.down)), t = position - Double(i)
                breaks.append(i + 1 < present.count ? present[i] + (present[i + 1] - present[i]) * t : present[i])
            }
        }
        breaks.append(high)
        var unique: [Double] = []
        for b in breaks where unique.last.map({ b > $0 }) ?? true { unique.append(b) }
        if unique.count == 1 { unique.append(unique[0]) }
        let bounds = (0..<(unique.count - 1)).map { (unique[$0], unique[$0 + 1]) }
        let classes: [Int?] = values.map { v in
            guard !v.isNaN else { return nil }
            return bounds.firstIndex { v <= $0.1 } ?? bounds.count - 1
        }
        return (MapClasses(bounds: bounds, method: method, missing: values.filter(\.isNaN).count), classes)
    }

    /// ColorBrewer's YlGnBu, light to dark: sequential and safe for colour-blind readers.
    static let palettes: [[String]] = [
        ["#41b6c4"],
        ["#a1dab4", "#225ea8"],
        ["#edf8b1", "#7fcdbb", "#2c7fb8"],
        ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
        ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
        ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
        ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    ]

    public static let maxClasses = 7

    public func color(_ k: Int) -> String { MapClasses.palettes[max(0, min(bounds.count, MapClasses.maxClasses) - 1)][min(k, MapClasses.maxClasses - 1)] }

    /// The grey of places without a value.
    public static let missingColor = "#d9d9d9"
}

/// What a map draws beside its points: the source table's own polygons (a choropleth or
/// outlines) and a background table's (communes, the EPCI) under everything.
public struct MapLayers: Sendable, Equatable {
    public var shapes: [MapShape] = []
    public var background: [MapShape] = []
    public var classes: MapClasses?

    public init() {}

    /// The box the map frames: its own shapes and points; the background only when nothing else.
    func extent(points: [MapPoint]) -> BoundingBox {
        var box = BoundingBox.empty
        for s in shapes { box.add(s.bounds) }
        for p in points { box.add(Position(p.longitude, p.latitude)) }
        if box.isEmpty { for s in background { box.add(s.bounds) } }
        return box
    }
}
