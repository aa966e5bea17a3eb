extension ParsedExpression {
    /// The tree with `transform` applied top-down: where it gives a replacement, that node is
    /// replaced (and not entered); elsewhere the children are rewritten. Subqueries are left
    /// whole (their own names belong to their own scope).
    func rewritten(_ transform: (ParsedExpression) throws -> ParsedExpression?) rethrows -> ParsedExpression {
        if let replaced = try transform(self) { return replaced }
        func r(_ e: ParsedExpression) throws -> ParsedExpression { try e.rewritten(transform) }
        switch self {
        case .literal, .column, .star, .scalarSubquery, .exists: return self
        case .negate(let e, let at): return .negate(try r(e), at: at)
        case .not(let e, let at): return .not(try r(e), at: at)
        case .binary(let op, let a, let b, let at): return .binary(op, try r(a), try r(b), at: at)
        case .isNull(let e, let n, let at): return .isNull(try r(e), negated: n, at: at)
        case .inList(let e, let items, let n, let at): return .inList(try r(e), try items.map(r), negated: n, at: at)
        case .between(let e, let lo, let hi, let n, let at): return .between(try r(e), try r(lo), try r(hi), negated: n, at: at)
        case .like(let e, let p, let ci, let n, let at): return .like(try r(e), try r(p), caseInsensitive: ci, negated: n, at: at)
        case .caseWhen(let operand, let branches, let otherwise, let at):
            return .caseWhen(operand: try operand.map(r), branches: try branches.map { (try r($0.0), try r($0.1)) }, otherwise: try otherwise.map(r), at: at)
        case .cast(let e, let t, let at): return .cast(try r(e), t, at: at)
        case .function(let name, let args, let distinct, let star, let over, let at):
            var window = over
            if var w = window {
                w.partitionBy = try w.partitionBy.map(r)
                w.orderBy = try w.orderBy.map { item in var i = item; i.expression = try r(item.expression); return i }
                window = w
            }
            return .function(name: name, arguments: try args.map(r), distinct: distinct, star: star, over: window, at: at)
        case .inSubquery(let e, let q, let n, let at): return .inSubquery(try r(e), q, negated: n, at: at)
        }
    }
}
