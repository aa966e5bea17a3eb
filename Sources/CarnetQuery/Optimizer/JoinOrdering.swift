import CarnetEngine

/// Orders the tables of a chain of inner joins so that each join has a condition tying it to
/// the tables before it (`FROM a, b, c WHERE a.k = c.k AND b.m = c.m` joins a with c, then b,
/// instead of making the cross product of a and b), each time the join that gives the fewest
/// estimated rows (CardinalityEstimate): the filtered nation of TPC-H's Q21 (one row) first,
/// then its suppliers, then their lineitems, not every lineitem of every supplier. Columns keep
/// their written positions through a projection on top.
enum JoinOrdering {
    /// Reorders every join chain of the plan, top-down.
    static func reorder(_ plan: QueryPlan) -> QueryPlan {
        if case .join(_, _, let kind, _, _, _) = plan, kind.isReorderable, let reordered = reorderChain(plan) {
            return reordered.mapChildren(reorderBelow)
        }
        return plan.mapChildren(reorder)
    }

    /// Below a reordered chain's projection and joins, the leaves' own subplans.
    private static func reorderBelow(_ plan: QueryPlan) -> QueryPlan {
        if case .join(_, _, let kind, _, _, _) = plan, kind.isReorderable { return plan.mapChildren(reorderBelow) }
        return reorder(plan)
    }

    /// A leaf of the chain: its plan and where its columns start in the written layout.
    private struct Leaf {
        var plan: QueryPlan
        var offset: Int
        var width: Int
    }

    /// Conditions in the written layout's positions.
    private static func flatten(_ plan: QueryPlan, offset: Int, leaves: inout [Leaf], conditions: inout [BoundExpression]) {
        if case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual) = plan, kind.isReorderable {
            let leftWidth = left.width
            flatten(left, offset: offset, leaves: &leaves, conditions: &conditions)
            flatten(right, offset: offset + leftWidth, leaves: &leaves, conditions: &conditions)
            for (l, r) in zip(leftKeys, rightKeys) {
                conditions.append(.comparison(.equal, l.shifted(by: offset), r.shifted(by: offset + leftWidth)))
            }
            if let residual { conditions += residual.shifted(by: offset).conjuncts }
            return
        }
        leaves.append(Leaf(plan: plan, offset: offset, width: plan.width))
    }

    private static func reorderChain(_ plan: QueryPlan) -> QueryPlan? {
        var leaves: [Leaf] = [], conditions: [BoundExpression] = []
        flatten(plan, offset: 0, leaves: &leaves, conditions: &conditions)
        guard leaves.count >= 3 else { return nil }
        func leafOf(_ column: Int) -> Int { leaves.firstIndex { column >= $0.offset && column < $0.offset + $0.width }! }
        let touched = conditions.map { Set($0.columnsRead.map(leafOf)) }
        // Greedy from each table a condition ties to another: each time the table tied to
        // those already joined whose join gives the fewest estimated rows (ties keep the
        // written order), a table tied to none only when no other is left (a cross product).
        // The start whose joins make the fewest rows in all wins.
        let sizes = leaves.map { CardinalityEstimate.rows($0.plan) }
        // Each key column is sampled once, however many orders are tried.
        var sampled: [Int: Double?] = [:]
        func distinct(_ column: Int) -> Double? {
            if let known = sampled[column] { return known }
            let k = leafOf(column)
            let value = CardinalityEstimate.distinctValues(leaves[k].plan, column: column - leaves[k].offset)
            sampled[column] = value
            return value
        }
        /// Whether condition `c` ties leaf `k` to the `placed` ones (it reads k and only them).
        func ties(_ c: Int, _ k: Int, to placed: Set<Int>) -> Bool {
            touched[c].contains(k) && touched[c].count > 1 && touched[c].subtracting([k]).isSubset(of: placed)
        }
        /// Rows after joining leaf `k` to the `placed` ones (about `current` rows).
        func joinedRows(_ k: Int, to placed: Set<Int>, current: Double) -> Double {
            var mine: [Double?] = [], theirs: [Double?] = [], others = 1.0
            for (c, condition) in conditions.enumerated() where ties(c, k, to: placed) {
                if case .comparison(.equal, .column(let a, _), .column(let b, _)) = condition {
                    let (own, other) = leafOf(a) == k ? (a, b) : (b, a)
                    mine.append(distinct(own))
                    theirs.append(distinct(other))
                } else {
                    others *= CardinalityEstimate.selectivity(condition)
                }
            }
            return CardinalityEstimate.joined(current, sizes[k], leftDistinct: theirs, rightDistinct: mine) * others
        }
        /// The greedy order from one table, and its cost: the rows of all the joins it makes.
        func greedy(from first: Int) -> (order: [Int], cost: Double) {
            var order = [first], placed: Set<Int> = [first]
            var current = sizes[first], cost = 0.0
            while order.count < leaves.count {
                let remaining = leaves.indices.filter { !placed.contains($0) }
                let tied = remaining.filter { k in conditions.indices.contains { ties($0, k, to: placed) } }
                let candidates = (tied.isEmpty ? remaining : tied).map { ($0, joinedRows($0, to: placed, current: current)) }
                let (next, rows) = candidates.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }!
                order.append(next)
                placed.insert(next)
                current = rows
                cost += rows
            }
            return (order, cost)
        }
        let joinable = leaves.indices.filter { k in touched.contains { $0.contains(k) && $0.count > 1 } }
        let tries = (joinable.isEmpty ? [0] : joinable).map(greedy)
        let order = tries.min { $0.cost < $1.cost }!.order
        guard order != Array(leaves.indices) else { return nil }
        // Rebuild left-deep, each condition at the first join that has all its columns.
        var newOffset = [Int](repeating: 0, count: leaves.count)
        var position = 0
        for k in order { newOffset[k] = position; position += leaves[k].width }
        func moved(_ e: BoundExpression) -> BoundExpression {
            e.rewritten { sub in
                if case .column(let i, let t) = sub { let k = leafOf(i); return .column(i - leaves[k].offset + newOffset[k], t) }
                return nil
            }
        }
        var used = [Bool](repeating: false, count: conditions.count)
        var result = leaves[order[0]].plan
        var inside: Set<Int> = [order[0]]
        for k in order.dropFirst() {
            inside.insert(k)
            var here: [BoundExpression] = []
            for (c, condition) in conditions.enumerated() where !used[c] && touched[c].isSubset(of: inside) {
                used[c] = true
                here.append(moved(condition))
            }
            let residual = BoundExpression.conjunction(here)
            result = .join(result, leaves[k].plan, residual == nil ? .cross : .inner, leftKeys: [], rightKeys: [], residual: residual)
        }
        // Conditions on no column stay above, as they were.
        if let rest = BoundExpression.conjunction(conditions.indices.filter { !used[$0] }.map { moved(conditions[$0]) }) {
            result = .filter(result, rest)
        }
        let types = plan.columnTypes
        let restore = (0..<plan.width).map { i -> BoundExpression in
            let k = leafOf(i)
            return .column(i - leaves[k].offset + newOffset[k], types[i])
        }
        return .project(result, restore, names: (0..<plan.width).map { "c\($0 + 1)" })
    }
}
