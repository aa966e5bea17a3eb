import CarnetEngine

/// The rows a table's filters keep, measured by running them on a sample of its rows: a
/// condition's form says little about its data (`p_type = 'ECONOMY ANODIZED STEEL'` keeps one
/// part in 150, `o_orderdate BETWEEN …` two years in seven), and a join order chosen on a rule
/// of thumb joins six million lineitems before the part filter that would keep 40,000 of them.
/// Only filters and projections straight over a table are sampled; anything else keeps the
/// rule-of-thumb estimate.
enum FilterSample {
    /// Rows drawn from a table, the same for every estimate so that plans are repeatable.
    static let size = 4096

    /// Rows drawn at random (a fixed sequence): evenly spaced ones would never see a repeated
    /// key of a sorted column, nor a filter on a range of a sorted one.
    static func rows(of count: Int) -> [Int32] {
        let drawn = min(count, size)
        return (0..<drawn).map { i in Int32(drawn == count ? i : Int(KeyHashTable.mix(UInt64(i)) % UInt64(count))) }
    }

    /// About how many rows `plan` gives, when it is filters (and projections) over a scan; nil
    /// otherwise, or when a condition cannot be evaluated on the sample.
    static func estimatedRows(_ plan: QueryPlan) -> Double? {
        guard case .filter = plan, let run = sampled(plan, needed: Set(0..<plan.width)) else { return nil }
        // A filter that keeps no sampled row keeps some rows still, unless the sample was the table.
        let kept = run.drawn == run.total ? Double(run.sample.rowCount) : max(Double(run.sample.rowCount), 0.5)
        return Double(run.total) * kept / Double(max(run.drawn, 1))
    }

    private struct Run {
        var sample: Table
        var drawn: Int
        var total: Int
    }

    /// The plan run over its table's sample; columns not in `needed` are left NULL, not gathered.
    private static func sampled(_ plan: QueryPlan, needed: Set<Int>) -> Run? {
        let evaluator = ExpressionEvaluator(context: EvaluationContext())
        switch plan {
        case .scan(_, let table):
            let rows = rows(of: table.rowCount)
            let columns = table.columns.indices.map { c in
                needed.contains(c) ? table.columns[c].gather(rows) : Column.constant(.null, type: table.columns[c].type, count: rows.count)
            }
            return Run(sample: Table(columnNames: table.columnNames, columns: columns, rowCount: rows.count), drawn: rows.count, total: table.rowCount)
        case .filter(let input, let condition):
            guard var run = sampled(input, needed: needed.union(condition.columnsRead)),
                  let kept = try? evaluator.selection(condition, run.sample) else { return nil }
            run.sample = run.sample.gather(kept)
            return run
        case .project(let input, let expressions, let names):
            let reads = needed.reduce(into: Set<Int>()) { $0.formUnion(expressions[$1].columnsRead) }
            guard var run = sampled(input, needed: reads) else { return nil }
            let sample = run.sample
            guard let columns = try? expressions.indices.map({ i in
                try needed.contains(i) ? evaluator.evaluate(expressions[i], sample) : Column.constant(.null, type: expressions[i].type, count: sample.rowCount)
            }) else { return nil }
            run.sample = Table(columnNames: names, columns: columns, rowCount: sample.rowCount)
            return run
        default:
            return nil
        }
    }
}
