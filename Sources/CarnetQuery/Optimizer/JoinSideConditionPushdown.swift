/// A join condition on one side's columns only filters that side before the join:
/// `a JOIN b ON a.k = b.k AND b.x > 0` joins a with the rows of b where x > 0. For a LEFT join
/// only conditions on the right side move (a left row that fails its own condition is still
/// kept, with NULLs), and for an anti join too (such a row has no match, so it is kept); for a
/// RIGHT join only those on the left side, for a FULL join none.
struct JoinSideConditionPushdown: OptimizerRule {
    let name = "join conditions onto their side"

    func apply(_ plan: QueryPlan) -> QueryPlan? {
        guard case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual?) = plan else { return nil }
        let leftWidth = left.width
        var toLeft: [BoundExpression] = [], toRight: [BoundExpression] = [], rest: [BoundExpression] = []
        for conjunct in residual.conjuncts {
            switch conjunct.side(leftWidth: leftWidth) {
            case .right where kind != .right && kind != .full: toRight.append(conjunct.shifted(by: -leftWidth))
            case .left where kind != .left && kind != .anti && kind != .full: toLeft.append(conjunct)
            default: rest.append(conjunct)
            }
        }
        guard !toLeft.isEmpty || !toRight.isEmpty else { return nil }
        let newLeft = BoundExpression.conjunction(toLeft).map { QueryPlan.filter(left, $0) } ?? left
        let newRight = BoundExpression.conjunction(toRight).map { QueryPlan.filter(right, $0) } ?? right
        return .join(newLeft, newRight, kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: BoundExpression.conjunction(rest))
    }
}
