/// Moves a filter's conditions below the join it sits on (DuckDB's filter pushdown): a
/// condition on one side's columns filters that side before the join, and one on both sides
/// becomes part of the join's condition, where `JoinConditionExtraction` turns equalities
/// into hash keys. So `FROM a, b WHERE a.k = b.k AND b.x > 0` is a hash join of a with the
/// filtered b, not a cross product. Below a LEFT join only conditions on the left side move
/// (the others must see the NULLs of unmatched rows), below a RIGHT join only those on the
/// right, and below a FULL join none.
struct FilterIntoJoin: OptimizerRule {
    let name = "filter pushdown into joins"

    func apply(_ plan: QueryPlan) -> QueryPlan? {
        guard case .filter(.join(let left, let right, let kind, let leftKeys, let rightKeys, let residual), let condition) = plan else { return nil }
        let leftWidth = left.width
        var toLeft: [BoundExpression] = [], toRight: [BoundExpression] = [], toJoin: [BoundExpression] = [], kept: [BoundExpression] = []
        for conjunct in condition.conjuncts {
            switch conjunct.side(leftWidth: leftWidth) {
            // Conditions without columns, or with subquery values, stay where they are.
            case .neither: kept.append(conjunct)
            // Semi and anti joins keep or drop left rows one by one: a filter on them commutes.
            case .left where kind != .right && kind != .full: toLeft.append(conjunct)
            case .right where kind.isReorderable || kind == .right: toRight.append(conjunct.shifted(by: -leftWidth))
            case .both where kind.isReorderable: toJoin.append(conjunct)
            default: kept.append(conjunct)
            }
        }
        guard !toLeft.isEmpty || !toRight.isEmpty || !toJoin.isEmpty else { return nil }
        let newLeft = BoundExpression.conjunction(toLeft).map { QueryPlan.filter(left, $0) } ?? left
        let newRight = BoundExpression.conjunction(toRight).map { QueryPlan.filter(right, $0) } ?? right
        let joinCondition = BoundExpression.conjunction((residual.map { [$0] } ?? []) + toJoin)
        // A cross join with a condition on both sides is an inner join.
        let newKind = kind == .cross && joinCondition != nil ? JoinKind.inner : kind
        let join = QueryPlan.join(newLeft, newRight, newKind, leftKeys: leftKeys, rightKeys: rightKeys, residual: joinCondition)
        return BoundExpression.conjunction(kept).map { .filter(join, $0) } ?? join
    }
}
