extension ParsedExpression {
    /// The name a select item gets without an alias: the column's name, else the expression
    /// written back compactly (`sum(montant)`, `nb * 2`).
    var displayName: String {
        switch self {
        case .column(_, let name, _): return name
        default: return text
        }
    }

    var text: String {
        switch self {
        case .literal(let l, _):
            switch l {
            case .null: return "NULL"
            case .integer(let v): return String(v)
            case .decimal(let v, let s): return FixedPointText.text(v, s)
            case .double(let d): return String(d)
            case .string(let s): return "'" + s + "'"
            case .bool(let b): return b ? "true" : "false"
            case .date: return "DATE"
            case .timestamp: return "TIMESTAMP"
            case .interval(let months, let days):
                return months != 0 ? "INTERVAL '\(months)' MONTH" + (days != 0 ? " + INTERVAL '\(days)' DAY" : "") : "INTERVAL '\(days)' DAY"
            }
        case .column(let table, let name, _): return (table.map { $0 + "." } ?? "") + name
        case .star(let table, _): return (table.map { $0 + "." } ?? "") + "*"
        case .negate(let e, _): return "-" + e.text
        case .not(let e, _): return "NOT " + e.text
        case .binary(let op, let a, let b, _): return "\(a.text) \(op.rawValue) \(b.text)"
        case .isNull(let e, let n, _): return "\(e.text) IS \(n ? "NOT " : "")NULL"
        case .inList(let e, let items, let n, _): return "\(e.text) \(n ? "NOT " : "")IN (\(items.map(\.text).joined(separator: ", ")))"
        case .scalarSubquery: return "(SELECT …)"
        case .inSubquery(let e, _, let n, _): return "\(e.text) \(n ? "NOT " : "")IN (SELECT …)"
        case .exists: return "EXISTS (SELECT …)"
        case .between(let e, let lo, let hi, let n, _): return "\(e.text) \(n ? "NOT " : "")BETWEEN \(lo.text) AND \(hi.text)"
        case .like(let e, let p, let ci, let n, _): return "\(e.text) \(n ? "NOT " : "")\(ci ? "ILIKE" : "LIKE") \(p.text)"
        case .caseWhen: return "CASE"
        case .cast(let e, let t, _): return "CAST(\(e.text) AS \(t))"
        case .function(let name, let args, let distinct, let star, let over, _):
            let inner = star ? "*" : (distinct ? "DISTINCT " : "") + args.map(\.text).joined(separator: ", ")
            return "\(name)(\(inner))" + (over == nil ? "" : " OVER (…)")
        }
    }
}

enum FixedPointText {
    static func text(_ v: Int64, _ s: Int) -> String {
        var digits = String(v.magnitude)
        if s > 0 {
            if digits.count <= s { digits = String(repeating: "0", count: s - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -s))
        }
        return (v < 0 ? "-" : "") + digits
    }
}

extension ParsedExpression {
    /// `a AND b AND c` as [a, b, c].
    var parsedConjuncts: [ParsedExpression] {
        if case .binary(.and, let a, let b, _) = self { return a.parsedConjuncts + b.parsedConjuncts }
        return [self]
    }

    var isStar: Bool {
        if case .star = self { return true }
        return false
    }

    /// Whether an aggregate function is called (outside subqueries).
    var callsAggregate: Bool {
        switch self {
        case .function(let name, let arguments, _, let star, let over, _):
            if over == nil, star || AggregateFunction(rawValue: name.lowercased()) != nil { return true }
            return arguments.contains { $0.callsAggregate }
        case .negate(let e, _), .not(let e, _), .isNull(let e, _, _), .cast(let e, _, _): return e.callsAggregate
        case .binary(_, let a, let b, _), .like(let a, let b, _, _, _): return a.callsAggregate || b.callsAggregate
        case .between(let a, let b, let c, _, _): return a.callsAggregate || b.callsAggregate || c.callsAggregate
        case .inList(let e, let items, _, _): return e.callsAggregate || items.contains { $0.callsAggregate }
        case .caseWhen(let operand, let branches, let otherwise, _):
            return (operand?.callsAggregate ?? false) || branches.contains { $0.0.callsAggregate || $0.1.callsAggregate } || (otherwise?.callsAggregate ?? false)
        default: return false
        }
    }
}
