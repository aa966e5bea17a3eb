/// A uniform grid over polygons' bounding boxes, for point-in-polygon joins: a point looks only at
/// the polygons registered in its cell, and tests them on flat coordinate arrays. Building is
/// linear in the polygons' cells; a probe costs one cell lookup plus the candidates' edges.
public struct PolygonGridIndex: Sendable {
    /// Every ring's positions, back to back.
    private var xs: [Double] = [], ys: [Double] = []
    /// `ringStarts[r] ..< ringStarts[r + 1]` are ring r's positions.
    private var ringStarts: [Int] = [0]
    /// `polygonRings[p] ..< polygonRings[p + 1]` are polygon p's rings (all parts of a multipolygon).
    private var polygonRings: [Int] = [0]
    public private(set) var boxes: [BoundingBox] = []
    private let extent: BoundingBox
    private let columns: Int, rows: Int
    private let cellWidth: Double, cellHeight: Double
    /// `cellStarts[c] ..< cellStarts[c + 1]` index `cellPolygons`: the polygons whose box meets cell c.
    private var cellStarts: [Int32] = []
    private var cellPolygons: [Int32] = []

    /// Polygons by row: nil, or a shape with no polygon, never matches.
    public init(_ shapes: [GeometryShape?]) {
        var extent = BoundingBox.empty
        for shape in shapes {
            var box = BoundingBox.empty
            for polygon in shape?.polygons ?? [] {
                for ring in polygon where ring.count > 2 {
                    for p in ring { xs.append(p.x); ys.append(p.y); box.add(p) }
                    ringStarts.append(xs.count)
                }
            }
            polygonRings.append(ringStarts.count - 1)
            boxes.append(box)
            if !box.isEmpty { extent.add(box) }
        }
        self.extent = extent
        // About one cell per polygon, in the extent's proportions.
        let boxList = boxes, n = max(1, boxes.count)
        let width = max(extent.maxX - extent.minX, 1e-12), height = max(extent.maxY - extent.minY, 1e-12)
        let aspect = width / height
        // Sizes computed as doubles and clamped before becoming integers: coordinates may be
        // huge or infinite in damaged input, and an out-of-range conversion traps.
        func cells(_ v: Double) -> Int { v.isNaN ? 1 : Int(min(4096, max(1, v.rounded(.up)))) }
        var columns = extent.isEmpty ? 1 : cells((Double(n) * aspect).squareRoot())
        var rows = extent.isEmpty ? 1 : cells((Double(n) / aspect).squareRoot())
        // Polygons spanning many cells (nested zones, one département over its communes) would
        // register in all of them: the grid coarsens until registrations stay near the count.
        func registrations(_ columns: Int, _ rows: Int) -> Double {
            let w = width / Double(columns), h = height / Double(rows)
            return boxList.reduce(0.0) { total, b in
                b.isEmpty ? total : total + (min(Double(columns), ((b.maxX - b.minX) / w).rounded(.down) + 2)) * (min(Double(rows), ((b.maxY - b.minY) / h).rounded(.down) + 2))
            }
        }
        while columns * rows > 1, registrations(columns, rows) > Double(8 * n + 65_536) {
            columns = max(1, columns / 2)
            rows = max(1, rows / 2)
        }
        self.columns = columns
        self.rows = rows
        cellWidth = width / Double(columns)
        cellHeight = height / Double(rows)
        // Two passes (count, then fill): one flat array of cell members.
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        forEachCell { _, cell in counts[cell + 1] += 1 }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        cellStarts = counts
        cellPolygons = [Int32](repeating: 0, count: Int(counts[columns * rows]))
        var next = counts
        forEachCell { polygon, cell in
            cellPolygons[Int(next[cell])] = Int32(polygon)
            next[cell] += 1
        }
    }

    private func forEachCell(_ body: (Int, Int) -> Void) {
        for (p, box) in boxes.enumerated() where !box.isEmpty {
            let (c0, r0) = cell(box.minX, box.minY), (c1, r1) = cell(box.maxX, box.maxY)
            for r in r0...r1 { for c in c0...c1 { body(p, r * columns + c) } }
        }
    }

    @inline(__always)
    private func cell(_ x: Double, _ y: Double) -> (Int, Int) {
        func clamped(_ v: Double, _ count: Int) -> Int { v.isNaN ? 0 : Int(min(max(v, 0), Double(count - 1))) }
        return (clamped((x - extent.minX) / cellWidth, columns), clamped((y - extent.minY) / cellHeight, rows))
    }

    public var count: Int { boxes.count }

    /// Calls `body` with every polygon that contains the point (strictly or on an edge, either way).
    @inline(__always)
    public func forEachPolygon(containingX x: Double, y: Double, _ body: (Int) -> Void) {
        guard extent.contains(x: x, y: y) else { return }
        let (c, r) = cell(x, y)
        let cellIndex = r * columns + c
        for k in Int(cellStarts[cellIndex])..<Int(cellStarts[cellIndex + 1]) {
            let p = Int(cellPolygons[k])
            if boxes[p].contains(x: x, y: y), contains(polygon: p, x: x, y: y) { body(p) }
        }
    }

    /// Calls `body` once with every polygon whose bounding box meets `box`.
    public func forEachCandidate(meeting box: BoundingBox, _ body: (Int) -> Void) {
        guard !box.isEmpty, box.minX <= extent.maxX, box.maxX >= extent.minX, box.minY <= extent.maxY, box.maxY >= extent.minY else { return }
        let (c0, r0) = cell(box.minX, box.minY), (c1, r1) = cell(box.maxX, box.maxY)
        var seen = Set<Int32>()
        for r in r0...r1 {
            for c in c0...c1 {
                let cellIndex = r * columns + c
                for k in Int(cellStarts[cellIndex])..<Int(cellStarts[cellIndex + 1]) {
                    let p = cellPolygons[k], b = boxes[Int(p)]
                    guard b.minX <= box.maxX, b.maxX >= box.minX, b.minY <= box.maxY, b.maxY >= box.minY, seen.insert(p).inserted else { continue }
                    body(Int(p))
                }
            }
        }
    }

    /// Even-odd crossing test over all the polygon's rings, so holes and a multipolygon's parts
    /// come out right.
    @inline(__always)
    public func contains(polygon p: Int, x: Double, y: Double) -> Bool {
        var inside = false
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                for ring in polygonRings[p]..<polygonRings[p + 1] {
                    let start = ringStarts[ring], end = ringStarts[ring + 1]
                    var j = end - 1
                    for i in start..<end {
                        let yi = ys[i], yj = ys[j]
                        if (yi > y) != (yj > y), x < (xs[j] - xs[i]) * (y - yi) / (yj - yi) + xs[i] { inside.toggle() }
                        j = i
                    }
                }
            }
        }
        return inside
    }
}
