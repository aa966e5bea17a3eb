/// From a join condition `(n1.name = 'FRANCE' AND n2.name = 'GERMANY') OR (n1.name = 'GERMANY'
/// AND n2.name = 'FRANCE')`, derives `n1.name = 'FRANCE' OR n1.name = 'GERMANY'` for the left
/// side and the like for the right: a pair that passes the condition has sides that pass
/// these, so they filter each side before the join (TPC-H Q7, Q19; DuckDB derives them too).
/// The condition itself stays. A single pass, not a rule: a rule would derive the same
/// filters again at every pass.
enum OrFilterDerivation {
    static func derive(_ plan: QueryPlan) -> QueryPlan {
        let node = plan.mapChildren(derive)
        guard case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual?) = node, kind == .inner || kind == .cross else { return node }
        let leftWidth = left.width
        var toLeft: [BoundExpression] = [], toRight: [BoundExpression] = []
        for conjunct in residual.conjuncts {
            let branches = conjunct.disjuncts
            guard branches.count > 1, conjunct.side(leftWidth: leftWidth) == .both else { continue }
            if let l = implied(by: branches, on: .left, leftWidth: leftWidth) { toLeft.append(l) }
            if let r = implied(by: branches, on: .right, leftWidth: leftWidth) { toRight.append(r.shifted(by: -leftWidth)) }
        }
        guard !toLeft.isEmpty || !toRight.isEmpty else { return node }
        let newLeft = BoundExpression.conjunction(toLeft).map { QueryPlan.filter(left, $0) } ?? left
        let newRight = BoundExpression.conjunction(toRight).map { QueryPlan.filter(right, $0) } ?? right
        return .join(newLeft, newRight, kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: residual)
    }

    /// The OR, over the branches, of each branch's conditions on one side; nil when a branch
    /// has none (then that branch lets any row of the side through).
    private static func implied(by branches: [BoundExpression], on side: JoinSide, leftWidth: Int) -> BoundExpression? {
        var parts: [BoundExpression] = []
        for branch in branches {
            guard let mine = BoundExpression.conjunction(branch.conjuncts.filter { $0.side(leftWidth: leftWidth) == side }) else { return nil }
            parts.append(mine)
        }
        return parts.dropFirst().reduce(parts[0]) { .or($0, $1) }
    }
}
