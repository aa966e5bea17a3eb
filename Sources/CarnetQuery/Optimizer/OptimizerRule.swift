/// One rewrite of a plan into an equivalent one that runs faster (DuckDB keeps one optimizer
/// pass per file the same way). `apply` looks at one node and returns its replacement, or nil
/// when the rule does not apply there; the optimizer walks the tree and repeats until no rule
/// changes anything.
protocol OptimizerRule: Sendable {
    var name: String { get }
    func apply(_ plan: QueryPlan) -> QueryPlan?
}
