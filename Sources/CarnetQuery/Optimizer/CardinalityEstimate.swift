import CarnetEngine

/// A rough count of the rows a plan gives, for ordering joins: table sizes are known, filters
/// straight over a table are measured on a sample of its rows (FilterSample), and any other
/// condition keeps a fixed share of rows by its form (an equality with a constant 10 %, a range
/// a third…), the rule-of-thumb selectivities of System R that DuckDB also falls back on when it
/// has no statistics. A join on keys gives |A|·|B| / max(distinct keys of A, of B), the distinct
/// counts estimated from a sample of each table's key column. Only comparisons between
/// estimates matter, not their values.
enum CardinalityEstimate {
    static func rows(_ plan: QueryPlan) -> Double {
        switch plan {
        case .scan(_, let table): return Double(table.rowCount)
        case .singleRow: return 1
        case .filter(let input, let condition):
            if let measured = FilterSample.estimatedRows(plan) { return measured }
            return rows(input) * condition.conjuncts.reduce(1) { $0 * selectivity($1, over: input) }
        case .project(let input, _, _), .sort(let input, _), .window(let input, _): return rows(input)
        case .limit(let input, let limit, _): return min(rows(input), limit.map(Double.init) ?? .infinity)
        case .aggregate(let input, let keys, _, _), .groupingSets(let input, let keys, _, _, _):
            return keys.isEmpty ? 1 : max(1, rows(input) / 10)
        case .distinct(let input): return max(1, rows(input) / 2)
        case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual):
            let l = rows(left), r = rows(right)
            func distinct(_ key: BoundExpression, _ side: QueryPlan) -> Double? {
                guard case .column(let i, _) = key else { return nil }
                return distinctValues(side, column: i)
            }
            let matched = joined(l, r, leftDistinct: leftKeys.map { distinct($0, left) }, rightDistinct: rightKeys.map { distinct($0, right) })
            let kept = matched * (residual.map(selectivity) ?? 1)
            switch kind {
            case .semi, .anti: return l / 2
            case .left: return max(l, kept)
            case .right: return max(r, kept)
            case .full: return max(l + r, kept)
            case .inner, .cross: return kept
            }
        case .unionAll(let parts): return parts.reduce(0) { $0 + rows($1) }
        }
    }

    /// Rows of an equi-join of `l` and `r` rows: |A|·|B| over the larger distinct count of the
    /// most selective key (each side's count at most its rows). A count not known is taken as
    /// the smaller side's rows: a foreign key into a primary key then gives about the larger
    /// side's rows. Keys are not combined: columns of one key are seldom independent
    /// (lineitem's part and supplier are partsupp's pairs), and a product would take a join on
    /// both for one that shrinks. No key: the cross product.
    static func joined(_ l: Double, _ r: Double, leftDistinct: [Double?], rightDistinct: [Double?]) -> Double {
        guard !leftDistinct.isEmpty else { return l * r }
        let unknown = min(l, r)
        let divisor = zip(leftDistinct, rightDistinct).map { max(min(l, $0 ?? unknown), min(r, $1 ?? unknown)) }.max()!
        return l * r / max(divisor, 1)
    }

    /// About how many distinct values column `column` of `plan` has, capped by its rows; nil
    /// when it cannot be traced to a table's column.
    static func distinctValues(_ plan: QueryPlan, column: Int) -> Double? {
        // Not capped at a join (its rows would be estimated again from its sides' distinct
        // counts, at every level of a chain): below it, each table caps its own.
        if case .join(let left, let right, let kind, _, _, _) = plan {
            let leftWidth = left.width
            if column < leftWidth { return distinctValues(left, column: column) }
            return kind.keepsOnlyLeft ? nil : distinctValues(right, column: column - leftWidth)
        }
        let cap = rows(plan)
        switch plan {
        case .scan(_, let table): return min(cap, sampledDistinct(table.columns[column]))
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .distinct(let input):
            return distinctValues(input, column: column).map { min($0, cap) }
        case .window(let input, _):
            return column < input.width ? distinctValues(input, column: column).map { min($0, cap) } : nil
        case .project(let input, let expressions, _):
            guard case .column(let j, _) = expressions[column] else { return nil }
            return distinctValues(input, column: j).map { min($0, cap) }
        case .aggregate(_, let keys, _, _):
            // The only key of a grouped result is unique.
            return keys.count == 1 && column == 0 ? cap : nil
        default: return nil
        }
    }

    /// Distinct values in a table's column, from 4096 of its rows: Chao's estimator
    /// (bias-corrected Chao1), the values seen plus f1²/2f2 unseen ones (f1 values seen once, f2
    /// twice), at most the rows. It finds TPC-H's 10,000 l_suppkey values from 4096 of 6M rows.
    private static func sampledDistinct(_ column: Column) -> Double {
        let n = column.count
        guard n > 0 else { return 1 }
        let rows = FilterSample.rows(of: n)
        let sampleSize = rows.count
        let groups = GroupKeyEncoder.encode([column.gather(rows)], rowCount: sampleSize)
        var counts = [Int](repeating: 0, count: groups.groupCount)
        for g in groups.groupOfRow { counts[Int(g)] += 1 }
        let once = Double(counts.filter { $0 == 1 }.count), twice = Double(counts.filter { $0 == 2 }.count)
        let distinct = Double(groups.groupCount)
        guard sampleSize < n else { return distinct }
        return min(Double(n), distinct + once * (once - 1) / (2 * (twice + 1)))
    }

    /// The share of rows a condition keeps.
    static func selectivity(_ condition: BoundExpression) -> Double {
        switch condition {
        case .and(let a, let b): return selectivity(a) * selectivity(b)
        case .or(let a, let b): return min(1, selectivity(a) + selectivity(b))
        case .not(let e): return 1 - selectivity(e)
        case .comparison(.equal, let a, let b): return constant(a) || constant(b) ? 0.1 : 0.05
        case .comparison(.notEqual, _, _): return 0.9
        case .comparison: return 1.0 / 3
        case .inList(_, let items, let negated): return negated ? 0.9 : min(1, 0.1 * Double(items.count))
        case .inSet(_, let set, let negated): return negated ? 0.9 : min(1, 0.1 * Double(max(set.count, 1)))
        case .like(_, let pattern, _, let negated):
            if case .literal(.string(let p), _) = pattern, !p.hasPrefix("%") { return negated ? 0.9 : 0.1 }
            return negated ? 0.8 : 0.2
        case .isNull(_, let negated): return negated ? 0.9 : 0.1
        default: return 0.5
        }
    }

    /// The share of `input`'s rows a condition keeps, where its rows tell more than its form:
    /// a column IN a subquery's values keeps about one row per value, of the column's
    /// distinct values (TPC-H Q20's 2,127 parts keep 1 % of partsupp, not all of it).
    static func selectivity(_ condition: BoundExpression, over input: QueryPlan) -> Double {
        if case .inSet(.column(let i, _), let set, false) = condition, let d = distinctValues(input, column: i), d >= 1 {
            return min(1, Double(max(set.count, 1)) / d)
        }
        return selectivity(condition)
    }

    private static func constant(_ e: BoundExpression) -> Bool {
        if case .literal = e { return true }
        return false
    }
}
