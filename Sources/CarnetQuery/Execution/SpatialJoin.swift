import CarnetEngine

/// A join whose condition holds `st_contains(a, b)`, `st_within(b, a)` or `st_intersects(a, b)`
/// with a from one side and b from the other: the polygons of a are put in a grid index, and each
/// row of the other side finds its polygons there, instead of testing every pair.
enum SpatialJoin {
    /// The predicate found in a join condition, and what remains of the condition.
    struct Plan {
        var function: ScalarFunction
        /// The indexed geometry (the container, for contains/within) and the probing one.
        var indexed: BoundExpression
        var probe: BoundExpression
        /// Whether the indexed geometry comes from the left table.
        var indexedOnLeft: Bool
        var rest: BoundExpression?
    }

    /// The first spatial conjunct that ties one side to the other; nil when there is none.
    static func plan(_ residual: BoundExpression, leftWidth: Int) -> Plan? {
        let parts = residual.conjuncts
        for (k, part) in parts.enumerated() {
            guard case .function(let f, let args, _) = part, [.stContains, .stWithin, .stIntersects].contains(f), args.count == 2 else { continue }
            let (container, contained) = f == .stWithin ? (args[1], args[0]) : (args[0], args[1])
            let a = container.columnsRead, b = contained.columnsRead
            guard !a.isEmpty, !b.isEmpty else { continue }
            let rest = BoundExpression.conjunction(parts.enumerated().filter { $0.offset != k }.map(\.element))
            if a.allSatisfy({ $0 < leftWidth }), b.allSatisfy({ $0 >= leftWidth }) {
                return Plan(function: f, indexed: container, probe: contained.shifted(by: -leftWidth), indexedOnLeft: true, rest: rest)
            }
            if b.allSatisfy({ $0 < leftWidth }), a.allSatisfy({ $0 >= leftWidth }) {
                return Plan(function: f, indexed: container.shifted(by: -leftWidth), probe: contained, indexedOnLeft: false, rest: rest)
            }
        }
        return nil
    }

    /// The matching (left row, right row) pairs, in left-row order.
    static func pairs(_ plan: Plan, left: Table, right: Table, evaluator: ExpressionEvaluator) throws -> (left: [Int32], right: [Int32]) {
        let indexedTable = plan.indexedOnLeft ? left : right, probeTable = plan.indexedOnLeft ? right : left
        let indexedColumn = try evaluator.evaluate(plan.indexed, indexedTable)
        let probeColumn = try evaluator.evaluate(plan.probe, probeTable)
        guard case .geometry(let indexedGeometries) = indexedColumn.buffer, case .geometry(let probeGeometries) = probeColumn.buffer else { return ([], []) }
        let shapes = (0..<indexedColumn.count).map { indexedColumn.isNull($0) ? nil : indexedGeometries.shape(at: $0) }
        let index = PolygonGridIndex(shapes)
        // The index holds polygons only; a point or line on the indexed side meets through
        // intersects: those are tested against every probe directly.
        let unindexed = plan.function != .stIntersects ? [] : shapes.indices.filter { shapes[$0].map { $0.polygons.isEmpty && !$0.isEmpty } ?? false }
        var indexedRows: [Int32] = [], probeRows: [Int32] = []
        for row in 0..<probeColumn.count where !probeColumn.isNull(row) {
            if row % 65536 == 0 { try evaluator.context.checkCancelled() }
            var shape: GeometryShape?
            if let (x, y) = probeGeometries.withWKB(at: row, { WKB.pointXY($0) }) {
                // The common case, a point: the index's own test is exact for it.
                index.forEachPolygon(containingX: x, y: y) { p in indexedRows.append(Int32(p)); probeRows.append(Int32(row)) }
                if unindexed.isEmpty { continue }
                shape = .point(Position(x, y))
            } else {
                guard let decoded = probeGeometries.shape(at: row) else { continue }
                shape = decoded
                if !decoded.isEmpty {
                    index.forEachCandidate(meeting: decoded.bounds) { p in
                        guard let container = shapes[p] else { return }
                        let hit = plan.function == .stIntersects ? container.intersects(decoded) : container.contains(decoded)
                        if hit { indexedRows.append(Int32(p)); probeRows.append(Int32(row)) }
                    }
                }
            }
            guard let probe = shape else { continue }
            for p in unindexed where shapes[p]!.intersects(probe) { indexedRows.append(Int32(p)); probeRows.append(Int32(row)) }
        }
        let (l, r) = plan.indexedOnLeft ? (indexedRows, probeRows) : (probeRows, indexedRows)
        return inLeftOrder(l, r, leftCount: left.rowCount)
    }

    /// The pairs sorted by left row (stable, so right rows keep their order within one left row):
    /// LEFT and FULL joins insert unmatched rows by walking this order.
    private static func inLeftOrder(_ l: [Int32], _ r: [Int32], leftCount: Int) -> ([Int32], [Int32]) {
        var starts = [Int](repeating: 0, count: leftCount + 1)
        for x in l { starts[Int(x) + 1] += 1 }
        for i in 0..<leftCount { starts[i + 1] += starts[i] }
        var outL = [Int32](repeating: 0, count: l.count), outR = outL
        for (k, x) in l.enumerated() {
            let at = starts[Int(x)]
            outL[at] = x; outR[at] = r[k]
            starts[Int(x)] += 1
        }
        return (outL, outR)
    }
}
