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
            if case .comparison(.equal, let a, let c) = conjunct {
                let ra = a.columnsRead, rc = c.columnsRead
                let aLeft = !ra.isEmpty && ra.allSatisfy { $0 < leftWidth }, aRight = !ra.isEmpty && ra.allSatisfy { $0 >= leftWidth }
                let cLeft = !rc.isEmpty && rc.allSatisfy { $0 < leftWidth }, cRight = !rc.isEmpty && rc.allSatisfy { $0 >= leftWidth }
                if aLeft && cRight { leftKeys.append(a); rightKeys.append(c.shifted(by: -leftWidth)); found = true; continue }
                if aRight && cLeft { leftKeys.append(c); rightKeys.append(a.shifted(by: -leftWidth)); found = true; continue }
            }
            rest.append(conjunct)
        }
        guard found else { return nil }
        return .join(left, right, kind == .cross ? .inner : kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: BoundExpression.conjunction(rest))
    }
}
