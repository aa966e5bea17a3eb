import CarnetEngine

/// Rewrites a bound plan before it runs: equalities become hash-join keys, filters move below
/// joins, joins are ordered so that each one has keys. The binder says what a query means; the
/// optimizer only changes how it is computed, never the result.
enum Optimizer {
    static let rules: [any OptimizerRule] = [FilterMerge(), OrFactoring(), FilterIntoJoin(), JoinSideConditionPushdown(), JoinConditionExtraction()]

    /// Conditions move first, and filters implied by ORs are added; then join chains are
    /// ordered by the conditions now in them and the sizes they leave, the rules run again on
    /// the joins that ordering made, grouped subqueries are cut to the keys they are joined on,
    /// and last unread columns are dropped.
    static func optimize(_ plan: QueryPlan) -> QueryPlan {
        let placed = applyRules(OrFilterDerivation.derive(applyRules(plan)))
        return ProjectionPruning.prune(SemiJoinReduction.reduce(applyRules(JoinOrdering.reorder(placed))))
    }

    /// Rules are applied bottom-up over the whole tree, pass after pass, until none applies; a
    /// pass limit guards against two rules undoing each other.
    static func applyRules(_ plan: QueryPlan) -> QueryPlan {
        var current = plan
        for _ in 0..<32 {
            var changed = false
            current = rewrite(current, changed: &changed)
            if !changed { break }
        }
        return current
    }

    private static func rewrite(_ plan: QueryPlan, changed: inout Bool) -> QueryPlan {
        var node = plan.mapChildren { rewrite($0, changed: &changed) }
        for rule in rules {
            if let replaced = rule.apply(node) {
                node = replaced
                changed = true
            }
        }
        return node
    }
}

extension QueryPlan {
    /// The same node over rewritten inputs.
    func mapChildren(_ transform: (QueryPlan) -> QueryPlan) -> QueryPlan {
        switch self {
        case .scan, .singleRow: return self
        case .filter(let input, let condition): return .filter(transform(input), condition)
        case .project(let input, let expressions, let names): return .project(transform(input), expressions, names: names)
        case .aggregate(let input, let keys, let aggregates, let names): return .aggregate(transform(input), keys: keys, aggregates: aggregates, names: names)
        case .groupingSets(let input, let keys, let sets, let aggregates, let names):
            return .groupingSets(transform(input), keys: keys, sets: sets, aggregates: aggregates, names: names)
        case .window(let input, let calls): return .window(transform(input), calls)
        case .sort(let input, let keys): return .sort(transform(input), keys)
        case .limit(let input, let limit, let offset): return .limit(transform(input), limit: limit, offset: offset)
        case .distinct(let input): return .distinct(transform(input))
        case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual):
            return .join(transform(left), transform(right), kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: residual)
        case .unionAll(let parts): return .unionAll(parts.map(transform))
        }
    }

    /// The types of the node's output columns, as its leaves and expressions give them.
    var columnTypes: [DataType] {
        switch self {
        case .scan(_, let table): return table.columns.map(\.type)
        case .singleRow: return []
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .distinct(let input): return input.columnTypes
        case .project(_, let expressions, _): return expressions.map(\.type)
        case .aggregate(_, let keys, let aggregates, _), .groupingSets(_, let keys, _, let aggregates, _): return keys.map(\.type) + aggregates.map(\.type)
        case .window(let input, let calls): return input.columnTypes + calls.map(\.type)
        case .join(let left, let right, let kind, _, _, _): return kind.keepsOnlyLeft ? left.columnTypes : left.columnTypes + right.columnTypes
        case .unionAll(let parts): return parts.first?.columnTypes ?? []
        }
    }

    /// How many columns the node outputs.
    var width: Int {
        switch self {
        case .scan(_, let table): return table.columnCount
        case .singleRow: return 0
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .distinct(let input): return input.width
        case .project(_, let expressions, _): return expressions.count
        case .aggregate(_, let keys, let aggregates, _), .groupingSets(_, let keys, _, let aggregates, _): return keys.count + aggregates.count
        case .window(let input, let calls): return input.width + calls.count
        case .join(let left, let right, let kind, _, _, _): return kind.keepsOnlyLeft ? left.width : left.width + right.width
        case .unionAll(let parts): return parts.first?.width ?? 0
        }
    }
}

extension JoinKind {
    /// Semi and anti joins output the left side's columns only.
    var keepsOnlyLeft: Bool { self == .semi || self == .anti }
    /// Joins whose order may change (inner and cross).
    var isReorderable: Bool { self == .inner || self == .cross }
}

/// Which side of a join's combined layout (left columns, then right) an expression reads.
enum JoinSide {
    case neither, left, right, both
}

extension BoundExpression {
    func side(leftWidth: Int) -> JoinSide {
        let read = columnsRead
        let left = read.contains { $0 < leftWidth }, right = read.contains { $0 >= leftWidth }
        return left && right ? .both : left ? .left : right ? .right : .neither
    }

    /// `a = b` where one operand reads only the left side and the other only the right: the
    /// two, left first, the right one in the right side's own positions.
    func equalityAcross(leftWidth: Int) -> (left: BoundExpression, right: BoundExpression)? {
        guard case .comparison(.equal, let a, let b) = self else { return nil }
        switch (a.side(leftWidth: leftWidth), b.side(leftWidth: leftWidth)) {
        case (.left, .right): return (a, b.shifted(by: -leftWidth))
        case (.right, .left): return (b, a.shifted(by: -leftWidth))
        default: return nil
        }
    }

    /// `a AND b AND …` of conditions, nil for none.
    static func conjunction(_ parts: [BoundExpression]) -> BoundExpression? {
        guard let first = parts.first else { return nil }
        return parts.dropFirst().reduce(first) { .and($0, $1) }
    }
}
