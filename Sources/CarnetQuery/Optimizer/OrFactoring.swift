/// Takes the conditions every branch of an OR shares out of it:
/// `(p = l AND a) OR (p = l AND b)` is `p = l AND (a OR b)`. TPC-H's Q19 writes its join
/// equality in each branch; factored, it is a hash key instead of a cross product.
struct OrFactoring: OptimizerRule {
    let name = "common conditions out of OR"

    func apply(_ plan: QueryPlan) -> QueryPlan? {
        switch plan {
        case .filter(let input, let condition):
            guard let factored = Self.factor(condition) else { return nil }
            return .filter(input, factored)
        case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual?):
            guard let factored = Self.factor(residual) else { return nil }
            return .join(left, right, kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: factored)
        default:
            return nil
        }
    }

    /// The condition with each OR conjunct factored; nil when nothing changes.
    static func factor(_ condition: BoundExpression) -> BoundExpression? {
        var changed = false
        let parts = condition.conjuncts.flatMap { conjunct -> [BoundExpression] in
            guard case .or = conjunct else { return [conjunct] }
            let branches = conjunct.disjuncts.map(\.conjuncts)
            let common = branches[0].filter { c in branches.dropFirst().allSatisfy { $0.contains(c) } }
            guard !common.isEmpty else { return [conjunct] }
            changed = true
            let rests = branches.map { branch in BoundExpression.conjunction(branch.filter { !common.contains($0) }) }
            // A branch left with nothing is TRUE, and so is the OR.
            if rests.contains(where: { $0 == nil }) { return common }
            let or = rests.compactMap { $0 }.dropFirst().reduce(rests[0]!) { .or($0, $1) }
            return common + [or]
        }
        return changed ? BoundExpression.conjunction(parts) : nil
    }
}

extension BoundExpression {
    var disjuncts: [BoundExpression] {
        if case .or(let a, let b) = self { return a.disjuncts + b.disjuncts }
        return [self]
    }
}
