/// A join with a grouped subquery on its group keys (what a correlated aggregate becomes:
/// TPC-H Q17's `avg(l_quantity)` per part) only needs the groups whose keys the other side
/// has. When those keys come from a small table of the other side (the filtered parts), the
/// subquery's rows are first cut to those keys by a semi join with that table, so that 6M
/// lineitems are not grouped into 200,000 averages to keep 200 of them (DuckDB's delim join
/// does the same with the outer rows' distinct keys). The small table is computed twice,
/// which the size test below makes cheap. A single pass, after joins are ordered.
enum SemiJoinReduction {
    static func reduce(_ plan: QueryPlan) -> QueryPlan {
        let node = plan.mapChildren(reduce)
        guard case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual) = node,
              kind == .inner || kind == .left, !leftKeys.isEmpty,
              case .project(.aggregate(let input, let keys, let aggregates, let names), let outputs, let outputNames) = right else { return node }
        // Each right key is one of the subquery's group keys, as it is.
        var groupKeys: [BoundExpression] = []
        for key in rightKeys {
            guard case .column(let c, _) = key, case .column(let k, _) = outputs[c], k < keys.count else { return node }
            groupKeys.append(keys[k])
        }
        let read = leftKeys.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
        guard let (source, moved) = table(holding: read, in: left),
              CardinalityEstimate.rows(source) * 4 < CardinalityEstimate.rows(input) else { return node }
        let reduced = QueryPlan.join(input, source, .semi, leftKeys: groupKeys, rightKeys: leftKeys.map { $0.remapped(moved) }, residual: nil)
        let grouped = QueryPlan.project(.aggregate(reduced, keys: keys, aggregates: aggregates, names: names), outputs, names: outputNames)
        return .join(left, grouped, kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: residual)
    }

    /// The table (a scan, filtered or projected, not a join) below `plan`'s joins that gives
    /// all of `columns`, and where each of `plan`'s columns is in it (-1 elsewhere). Inner,
    /// cross and left joins only filter or repeat their sides' values, so the key values of
    /// `plan` are among that table's.
    private static func table(holding columns: Set<Int>, in plan: QueryPlan) -> (QueryPlan, [Int])? {
        switch plan {
        case .join(let left, let right, let kind, _, _, _) where kind == .inner || kind == .cross || kind == .left:
            let leftWidth = left.width
            if columns.allSatisfy({ $0 < leftWidth }), let (t, moved) = table(holding: columns, in: left) {
                return (t, moved + [Int](repeating: -1, count: right.width))
            }
            if kind != .left, columns.allSatisfy({ $0 >= leftWidth }), let (t, moved) = table(holding: Set(columns.map { $0 - leftWidth }), in: right) {
                return (t, [Int](repeating: -1, count: leftWidth) + moved)
            }
            return nil
        case .project(let input, let expressions, _):
            // Through the projection JoinOrdering puts on a reordered chain: plain columns only.
            var below = Set<Int>()
            for c in columns {
                guard case .column(let i, _) = expressions[c] else { return nil }
                below.insert(i)
            }
            if case .join = input, let (t, moved) = table(holding: below, in: input) {
                return (t, expressions.map { e in if case .column(let i, _) = e { moved[i] } else { -1 } })
            }
            return isTable(plan) ? (plan, Array(0..<plan.width)) : nil
        default:
            return isTable(plan) ? (plan, Array(0..<plan.width)) : nil
        }
    }

    /// A scan under filters and projections: cheap to compute a second time.
    private static func isTable(_ plan: QueryPlan) -> Bool {
        switch plan {
        case .scan: return true
        case .filter(let input, _), .project(let input, _, _): return isTable(input)
        default: return false
        }
    }
}
