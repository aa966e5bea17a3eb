/// Turns the equalities of a join's condition between one side and the other
/// (`a.k = b.k`, `b.x + 1 = a.y`) into hash keys; what remains filters the matched pairs.
struct JoinConditionExtraction: OptimizerRule {
    let name = "join keys from conditions"

    func apply(_ plan: QueryPlan) -> QueryPlan? {
        guard case .join(let left, let right, let kind, var leftKeys, var rightKeys, let residual?) = plan else { return nil }
        let leftWidth = left.width
        var rest: [BoundExpression] = []
        var found = false
        for conjunct in residual.conjuncts {
            if let (l, r) = conjunct.equalityAcross(leftWidth: leftWidth) {
                leftKeys.append(l)
                rightKeys.append(r)
                found = true
            } else {
                rest.append(conjunct)
            }
        }
        guard found else { return nil }
        return .join(left, right, kind == .cross ? .inner : kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: BoundExpression.conjunction(rest))
    }
}
