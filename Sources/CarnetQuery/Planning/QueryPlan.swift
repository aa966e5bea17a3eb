import CarnetEngine

/// A tree of operators that computes a query. Each node's output is a table whose columns the
/// expressions of its parent refer to by position.
public indirect enum QueryPlan: Sendable {
    case scan(name: String, table: Table)
    /// One row and no column: `SELECT 1 + 1`.
    case singleRow
    case filter(QueryPlan, BoundExpression)
    case project(QueryPlan, [BoundExpression], names: [String])
    /// Output: the keys, then the aggregates.
    case aggregate(QueryPlan, keys: [BoundExpression], aggregates: [AggregateCall], names: [String])
    /// GROUP BY ROLLUP, CUBE or GROUPING SETS: one aggregate per set of keys (positions in
    /// `keys`), their rows one after the other; the keys outside a row's set are NULL.
    case groupingSets(QueryPlan, keys: [BoundExpression], sets: [[Int]], aggregates: [AggregateCall], names: [String])
    /// Output: the input columns, then one column per window call.
    case window(QueryPlan, [WindowCall])
    case sort(QueryPlan, [BoundSortKey])
    case limit(QueryPlan, limit: Int?, offset: Int)
    case distinct(QueryPlan)
    /// Output: the left columns, then the right ones (semi and anti joins: the left ones only).
    /// `residual` reads the combined layout.
    case join(QueryPlan, QueryPlan, JoinKind, leftKeys: [BoundExpression], rightKeys: [BoundExpression], residual: BoundExpression?)
    case unionAll([QueryPlan])

    /// The plan as an indented tree, for `explain`.
    public var explanation: String {
        var lines: [String] = []
        describe(into: &lines, depth: 0)
        return lines.joined(separator: "\n")
    }

    private func describe(into lines: inout [String], depth: Int) {
        let pad = String(repeating: "  ", count: depth)
        switch self {
        case .scan(let name, let table):
            // The columns read, in their positions #0, #1…: projection pruning drops the others.
            lines.append(pad + "Scan \(name) (\(table.rowCount) rows) " + table.columnNames.map(SQLText.identifier).joined(separator: ", "))
        case .singleRow:
            lines.append(pad + "SingleRow")
        case .filter(let input, let condition):
            lines.append(pad + "Filter \(condition.sql)")
            input.describe(into: &lines, depth: depth + 1)
        case .project(let input, let exprs, let names):
            lines.append(pad + "Project " + zip(exprs, names).map { "\($0.0.sql) AS \(SQLText.identifier($0.1))" }.joined(separator: ", "))
            input.describe(into: &lines, depth: depth + 1)
        case .aggregate(let input, let keys, let aggregates, _):
            lines.append(pad + "HashAggregate keys [\(keys.map(\.sql).joined(separator: ", "))] aggregates [\(aggregates.map(\.sql).joined(separator: ", "))]")
            input.describe(into: &lines, depth: depth + 1)
        case .groupingSets(let input, let keys, let sets, let aggregates, _):
            let described = sets.map { "(" + $0.map { keys[$0].sql }.joined(separator: ", ") + ")" }.joined(separator: ", ")
            lines.append(pad + "HashAggregate grouping sets [\(described)] aggregates [\(aggregates.map(\.sql).joined(separator: ", "))]")
            input.describe(into: &lines, depth: depth + 1)
        case .window(let input, let calls):
            lines.append(pad + "Window " + calls.map(\.sql).joined(separator: ", "))
            input.describe(into: &lines, depth: depth + 1)
        case .sort(let input, let keys):
            lines.append(pad + "Sort " + keys.map(\.sql).joined(separator: ", "))
            input.describe(into: &lines, depth: depth + 1)
        case .limit(let input, let limit, let offset):
            lines.append(pad + "Limit \(limit.map(String.init) ?? "all")" + (offset > 0 ? " offset \(offset)" : ""))
            input.describe(into: &lines, depth: depth + 1)
        case .distinct(let input):
            lines.append(pad + "Distinct")
            input.describe(into: &lines, depth: depth + 1)
        case .join(let left, let right, let kind, let lk, let rk, let residual):
            var text = pad + "HashJoin \(kind.rawValue)"
            if lk.isEmpty, let residual, let spatial = SpatialJoin.plan(residual, leftWidth: left.width) {
                let indexed = spatial.indexedOnLeft ? "left" : "right"
                text = pad + "SpatialJoin \(kind.rawValue) on \(spatial.function.rawValue), \(indexed) polygons in a grid index"
                if let rest = spatial.rest { text += " filter \(rest.sql)" }
                lines.append(text)
                left.describe(into: &lines, depth: depth + 1)
                right.describe(into: &lines, depth: depth + 1)
                return
            }
            if !lk.isEmpty { text += " on " + zip(lk, rk).map { "\($0.0.sql) = right.\($0.1.sql)" }.joined(separator: " AND ") }
            if let residual { text += " filter \(residual.sql)" }
            lines.append(text)
            left.describe(into: &lines, depth: depth + 1)
            right.describe(into: &lines, depth: depth + 1)
        case .unionAll(let parts):
            lines.append(pad + "UnionAll")
            for p in parts { p.describe(into: &lines, depth: depth + 1) }
        }
    }
}

extension BoundExpression {
    /// A readable form for plans: columns as #position.
    var sql: String {
        switch self {
        case .column(let i, _): return "#\(i)"
        case .literal(let v, _):
            if case .string(let s) = v { return "'" + s + "'" }
            return v.isNull ? "NULL" : v.plainText
        case .arithmetic(let op, let a, let b, _): return "(\(a.sql) \(op.rawValue) \(b.sql))"
        case .negate(let e): return "-\(e.sql)"
        case .comparison(let op, let a, let b): return "\(a.sql) \(op.rawValue) \(b.sql)"
        case .and(let a, let b): return "(\(a.sql) AND \(b.sql))"
        case .or(let a, let b): return "(\(a.sql) OR \(b.sql))"
        case .not(let e): return "NOT \(e.sql)"
        case .isNull(let e, let n): return "\(e.sql) IS \(n ? "NOT " : "")NULL"
        case .inList(let e, let items, let n): return "\(e.sql) \(n ? "NOT " : "")IN (\(items.map(\.sql).joined(separator: ", ")))"
        case .inSet(let e, let set, let n): return "\(e.sql) \(n ? "NOT " : "")IN (\(set.count) value(s) of a subquery)"
        case .like(let e, let p, let ci, let n): return "\(e.sql) \(n ? "NOT " : "")\(ci ? "ILIKE" : "LIKE") \(p.sql)"
        case .caseWhen(let branches, let otherwise, _):
            return "CASE " + branches.map { "WHEN \($0.condition.sql) THEN \($0.value.sql)" }.joined(separator: " ")
                + (otherwise.map { " ELSE \($0.sql)" } ?? "") + " END"
        case .cast(let e, let t): return "CAST(\(e.sql) AS \(t))"
        case .function(.concatOperator, let args, _): return "(" + args.map(\.sql).joined(separator: " || ") + ")"
        case .function(let f, let args, _): return "\(f.rawValue)(\(args.map(\.sql).joined(separator: ", ")))"
        case .aggregateReference(let i, _): return "aggregate#\(i)"
        case .windowReference(let i, _): return "window#\(i)"
        }
    }
}

extension AggregateCall {
    var sql: String {
        switch function {
        case .countStar: return "count(*)"
        case .grouping: return "grouping(" + groupingKeys.map { "key\($0 + 1)" }.joined(separator: ", ") + ")"
        default: return "\(function.rawValue)(\(distinct ? "DISTINCT " : "")\(argument?.sql ?? "")\(second.map { ", " + $0.sql } ?? ""))"
        }
    }
}

extension WindowCall {
    var sql: String {
        let name: String
        switch function {
        case .rowNumber: name = "row_number()"
        case .rank: name = "rank()"
        case .aggregate(let f): name = f == .countStar ? "count(*)" : "\(f.rawValue)(\(argument?.sql ?? ""))"
        }
        var over: [String] = []
        if !partitionBy.isEmpty { over.append("PARTITION BY " + partitionBy.map(\.sql).joined(separator: ", ")) }
        if !orderBy.isEmpty { over.append("ORDER BY " + orderBy.map(\.sql).joined(separator: ", ")) }
        return name + " OVER (" + over.joined(separator: " ") + ")"
    }
}

extension BoundSortKey {
    var sql: String { expression.sql + (descending ? " DESC" : "") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
}
