/// `Filter(Filter(x, a), b)` → `Filter(x, a AND b)`: one pass over the rows, and one list of
/// conditions for the rules that move them.
struct FilterMerge: OptimizerRule {
    let name = "filter merge"

    func apply(_ plan: QueryPlan) -> QueryPlan? {
        guard case .filter(.filter(let input, let inner), let outer) = plan else { return nil }
        return .filter(input, .and(inner, outer))
    }
}
