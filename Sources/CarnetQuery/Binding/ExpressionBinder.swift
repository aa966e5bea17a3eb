import CarnetEngine

/// Resolves a parsed expression against a scope: names become column positions, types are
/// checked and result types decided (docs/sql.md). Aggregate and window calls are collected
/// and replaced by references, to be computed by their own operators.
struct ExpressionBinder {
    var scope: Scope
    var allowAggregates = false
    var allowWindows = false
    private(set) var aggregates: [AggregateCall] = []
    private(set) var windows: [WindowCall] = []
    /// Runs a subquery of an expression (set by the query binder, which knows the tables).
    var runSubquery: ((ParsedQuery) throws -> Table)?
    /// Inside an aggregate's argument: another aggregate there is an error.
    private var insideAggregate = false
    /// The enclosing query's columns, for a correlated subquery's conditions: a name not found in
    /// `scope` is looked up there. Outer columns come first in positions, then `scope`'s (the
    /// layout of a join of the outer query with the subquery's tables).
    var outer: Scope?

    init(scope: Scope) {
        self.scope = scope
    }

    mutating func bind(_ e: ParsedExpression) throws -> BoundExpression {
        switch e {
        case .literal(let literal, _):
            return ExpressionBinder.bind(literal)
        case .column(let table, let name, let at):
            guard let outer else {
                let index = try scope.resolve(table: table, name: name, at: at)
                return .column(index, scope.columns[index].type)
            }
            do {
                let index = try scope.resolve(table: table, name: name, at: at)
                return .column(outer.columns.count + index, scope.columns[index].type)
            } catch let error as QueryError where error.kind == .unknownColumn || error.kind == .unknownTable {
                guard let index = try? outer.resolve(table: table, name: name, at: at) else { throw error }
                return .column(index, outer.columns[index].type)
            }
        case .star(_, let at):
            throw QueryError("* is only allowed in the select list or in count(*)", at: at)
        case .negate(let inner, let at):
            let b = try bind(inner)
            guard b.type.isNumeric else { throw QueryError("cannot negate a \(b.type) value", at: at) }
            return .negate(b)
        case .not(let inner, let at):
            return .not(try condition(inner, at: at, clause: "NOT"))
        case .binary(let op, let l, let r, let at):
            return try binary(op, l, r, at: at)
        case .isNull(let inner, let negated, _):
            return .isNull(try bind(inner), negated: negated)
        case .inList(let inner, let items, let negated, let at):
            let value = try bind(inner)
            var bound: [BoundExpression] = []
            for item in items {
                var b = try bind(item)
                b = try coerce(b, toward: value.type, at: item.offset)
                guard DataType.common(value.type, b.type) != nil || isNullLiteral(b) else {
                    throw QueryError("cannot compare \(value.type) with \(b.type) in IN (…)", at: at)
                }
                bound.append(b)
            }
            return .inList(value, bound, negated: negated)
        case .scalarSubquery(let query, let at):
            let table = try subquery(query, at: at)
            guard table.rowCount <= 1 else {
                throw QueryError("this subquery gives \(table.rowCount) rows where one value is needed", at: at,
                                 hint: "reduce it to one row: an aggregate such as max(…), or LIMIT 1")
            }
            let column = table.columns[0]
            return .literal(table.rowCount == 0 ? .null : column.value(at: 0), column.type)
        case .exists(let query, let at):
            // Not referring to the outer query: run once, as a value (correlated ones become
            // semi joins in the query binder).
            guard let runSubquery else { throw QueryError("a subquery cannot be used here", at: at) }
            return .literal(.bool(try runSubquery(query).rowCount > 0), .bool)
        case .inSubquery(let inner, let query, let negated, let at):
            var value = try bind(inner)
            var set = try subquery(query, at: at).columns[0]
            guard let common = DataType.common(value.type, set.type) else {
                throw QueryError("cannot compare \(value.type) with \(set.type) in IN (SELECT …)", at: at)
            }
            if value.type != common { value = .cast(value, common) }
            if set.type != common { set = try ValueCasting.cast(set, to: common) }
            return .inSet(value, set, negated: negated)
        case .between(let inner, let low, let high, let negated, let at):
            let lower = try binary(.greaterOrEqual, inner, low, at: at)
            let upper = try binary(.lessOrEqual, inner, high, at: at)
            let both = BoundExpression.and(lower, upper)
            return negated ? .not(both) : both
        case .like(let inner, let pattern, let caseInsensitive, let negated, let at):
            let value = try bind(inner), p = try bind(pattern)
            guard value.type == .string || isNullLiteral(value), p.type == .string || isNullLiteral(p) else {
                throw QueryError("LIKE compares text, not \(value.type)", at: at, hint: "CAST(x AS text) LIKE …")
            }
            return .like(value, p, caseInsensitive: caseInsensitive, negated: negated)
        case .caseWhen(let operand, let branches, let otherwise, let at):
            return try caseWhen(operand, branches, otherwise, at: at)
        case .cast(let inner, let type, let at):
            let value = try bind(inner)
            // CAST('1994-01-01' AS date) is a date once, not a conversion of every row: TPC-H's
            // filters ran 10x slower before, and missed the comparison-with-constant kernels.
            if case .literal(let v, let own) = value, !v.isNull {
                do {
                    let cast = try ValueCasting.cast(Column.constant(v, type: own, count: 1), to: type)
                    return .literal(cast.value(at: 0), type)
                } catch let failure as CastFailure {
                    throw QueryError("cannot convert '\(failure.text)' to \(failure.type)", at: at)
                }
            }
            return .cast(value, type)
        case .function(let name, let arguments, let distinct, let star, let over, let at):
            return try function(name, arguments, distinct: distinct, star: star, over: over, at: at)
        }
    }

    /// A date or timestamp moved by an interval; a literal is moved here, once.
    private mutating func moved(_ e: ParsedExpression, months: Int, days: Int, at: Int) throws -> BoundExpression {
        let value = try bind(e)
        guard value.type == .date || value.type == .timestamp || isNullLiteral(value) else {
            throw QueryError("an interval moves a date or a timestamp, not \(value.type)", at: at, hint: "CAST(x AS date) + interval '1' month")
        }
        switch value {
        case .literal(.date(let d), _): return .literal(.date(IntervalArithmetic.add(months: months, days: days, to: d)), .date)
        case .literal(.timestamp(let t), _): return .literal(.timestamp(IntervalArithmetic.add(months: months, days: days, to: t)), .timestamp)
        default:
            return .function(.addInterval, [value, .literal(.int64(Int64(months)), .int64), .literal(.int64(Int64(days)), .int64)],
                             isNullLiteral(value) ? .date : value.type)
        }
    }

    static func bind(_ literal: Literal) -> BoundExpression {
        switch literal {
        case .null: return .literal(.null, .string)
        case .integer(let v): return .literal(.int64(v), .int64)
        case .decimal(let v, let s): return .literal(.decimal(v, scale: s), .decimal(scale: s))
        case .double(let v): return .literal(.double(v), .double)
        case .string(let s): return .literal(.string(s), .string)
        case .bool(let b): return .literal(.bool(b), .bool)
        case .date(let d): return .literal(.date(d), .date)
        case .timestamp(let t): return .literal(.timestamp(t), .timestamp)
        // Only reached outside `date ± interval` (the binder checks there first).
        case .interval: return .literal(.null, .string)
        }
    }

    private func isNullLiteral(_ e: BoundExpression) -> Bool {
        if case .literal(.null, _) = e { return true }
        return false
    }

    /// Gives an untyped NULL or a text literal the type of the other side (`d >= '2022-01-01'`).
    private func coerce(_ e: BoundExpression, toward type: DataType, at: Int) throws -> BoundExpression {
        guard case .literal(let value, let own) = e, own != type else { return e }
        if value == .null { return .literal(.null, type) }
        guard case .string(let text) = value, type != .string else { return e }
        guard let converted = ValueCasting.parse(text, as: type) else {
            throw QueryError("'\(text)' is not a valid \(type)", at: at)
        }
        return .literal(converted, type)
    }

    private mutating func condition(_ e: ParsedExpression, at: Int, clause: String) throws -> BoundExpression {
        let b = try bind(e)
        guard b.type == .bool || isNullLiteral(b) else {
            throw QueryError("\(clause) needs a true/false condition, not a \(b.type) value", at: e.offset)
        }
        return b
    }

    private mutating func binary(_ op: BinaryOperator, _ l: ParsedExpression, _ r: ParsedExpression, at: Int) throws -> BoundExpression {
        if op == .and || op == .or {
            let a = try condition(l, at: at, clause: op.rawValue), b = try condition(r, at: at, clause: op.rawValue)
            return op == .and ? .and(a, b) : .or(a, b)
        }
        if case .literal(.interval(let months, let days), _) = r, op == .add || op == .subtract {
            return try moved(l, months: op == .add ? months : -months, days: op == .add ? days : -days, at: at)
        }
        if case .literal(.interval(let months, let days), _) = l, op == .add {
            return try moved(r, months: months, days: days, at: at)
        }
        if case .literal(.interval, let where_) = l { throw QueryError("an interval goes after a date: date + interval '1' month", at: where_) }
        if case .literal(.interval, let where_) = r { throw QueryError("an interval is added to or subtracted from a date", at: where_) }
        var a = try bind(l), b = try bind(r)
        if op == .concat {
            // Any types, written as text ('n°' || 5). One node, not CASE WHEN a IS NULL OR
            // b IS NULL …: that copied `a` at every `||`, so a chain of n operators evaluated
            // its first operand 2^n times.
            return .function(.concatOperator, [a, b].map { $0.type == .string ? $0 : .cast($0, .string) }, .string)
        }
        a = try coerce(a, toward: b.type, at: l.offset)
        b = try coerce(b, toward: a.type, at: r.offset)
        if op.isComparison {
            guard DataType.common(a.type, b.type) != nil else {
                throw QueryError("cannot compare \(a.type) with \(b.type)", at: at, hint: "CAST one side, e.g. CAST(x AS text)")
            }
            return .comparison(op, a, b)
        }
        guard a.type.isNumeric, b.type.isNumeric else {
            let bad = a.type.isNumeric ? b.type : a.type
            throw QueryError("\(op.rawValue) needs numbers, not \(bad) (\(a.type) \(op.rawValue) \(b.type))", at: at)
        }
        let type = ExpressionBinder.arithmeticType(op, a.type, b.type)
        // `1 + 10` (TPC-H Q19) is 11 once, not a sum over every row. Division is left to run
        // time, where a division by zero warns.
        if case .literal(let x, let tx) = a, case .literal(let y, let ty) = b, !x.isNull, !y.isNull, [.add, .subtract, .multiply].contains(op) {
            let folded = try NumericKernels.arithmetic(op, Column.constant(x, type: tx, count: 1), Column.constant(y, type: ty, count: 1),
                                                       type: type, rowCount: 1, context: EvaluationContext())
            return .literal(folded.value(at: 0), type)
        }
        return .arithmetic(op, a, b, type)
    }

    static func arithmeticType(_ op: BinaryOperator, _ a: DataType, _ b: DataType) -> DataType {
        if op == .divide { return .double }
        switch (a, b) {
        case (.double, _), (_, .double): return .double
        case (.int64, .int64): return .int64
        case (.decimal(let x), .int64): return op == .multiply ? .decimal(scale: x) : .decimal(scale: x)
        case (.int64, .decimal(let y)): return .decimal(scale: y)
        case (.decimal(let x), .decimal(let y)):
            if op == .multiply { return x + y <= DataType.maxDecimalScale ? .decimal(scale: x + y) : .double }
            return .decimal(scale: max(x, y))
        default: return .double
        }
    }

    private mutating func caseWhen(_ operand: ParsedExpression?, _ branches: [(ParsedExpression, ParsedExpression)], _ otherwise: ParsedExpression?, at: Int) throws -> BoundExpression {
        var bound: [CaseBranch] = []
        for (condition, value) in branches {
            let c: BoundExpression
            if let operand {
                c = try binary(.equal, operand, condition, at: condition.offset)
            } else {
                c = try self.condition(condition, at: condition.offset, clause: "WHEN")
            }
            bound.append(CaseBranch(condition: c, value: try bind(value)))
        }
        let other = try otherwise.map { try bind($0) }
        let values = bound.map(\.value) + (other.map { [$0] } ?? [])
        let type = try commonType(values, at: at, what: "CASE branches")
        bound = try bound.map { CaseBranch(condition: $0.condition, value: try coerce($0.value, toward: type, at: at)) }
        return .caseWhen(bound, otherwise: try other.map { try coerce($0, toward: type, at: at) }, type)
    }

    private func commonType(_ values: [BoundExpression], at: Int, what: String) throws -> DataType {
        var type: DataType?
        for v in values where !isNullLiteral(v) {
            guard let t = type else { type = v.type; continue }
            guard let c = DataType.common(t, v.type) else {
                throw QueryError("\(what) mix \(t) and \(v.type)", at: at, hint: "CAST them to one type")
            }
            type = c
        }
        return type ?? .string
    }

    // MARK: - Functions

    private mutating func function(_ name: String, _ arguments: [ParsedExpression], distinct: Bool, star: Bool, over: ParsedWindow?, at: Int) throws -> BoundExpression {
        if let over { return try window(name, arguments, over: over, at: at) }
        if let aggregate = AggregateFunction(rawValue: name) {
            return try self.aggregate(aggregate, arguments, distinct: distinct, star: star, at: at)
        }
        if name == "row_number" || name == "rank" {
            throw QueryError("\(name)() needs OVER (…)", at: at, hint: "\(name)() OVER (ORDER BY …)")
        }
        guard let function = ScalarFunction(rawValue: name), function != .concatOperator, function != .addInterval else {
            let known = ScalarFunction.allCases.filter { $0 != .concatOperator && $0 != .addInterval }.map(\.rawValue) + AggregateFunction.allCases.dropFirst().map(\.rawValue) + ["row_number", "rank"]
            throw QueryError("unknown function \(name)", at: at, hint: Suggestion.nearest(to: name, in: known).map { "did you mean \($0)?" },
                             kind: .unknownFunction)
        }
        if star || distinct { throw QueryError("\(name) takes no * or DISTINCT", at: at) }
        let args = try arguments.map { try bind($0) }
        return try FunctionTyping.scalar(function, args, at: at)
    }

    private mutating func aggregate(_ function: AggregateFunction, _ arguments: [ParsedExpression], distinct: Bool, star: Bool, at: Int) throws -> BoundExpression {
        guard allowAggregates else {
            throw QueryError("\(function.rawValue)() is not allowed here", at: at, hint: "aggregates go in the select list, HAVING or ORDER BY")
        }
        guard !insideAggregate else { throw QueryError("an aggregate cannot contain another aggregate", at: at, hint: "use a window: sum(sum(x)) OVER ()") }
        var call: AggregateCall
        if star {
            guard function == .count else { throw QueryError("only count takes *", at: at) }
            call = AggregateCall(function: .countStar, argument: nil, distinct: false, type: .int64)
        } else if function == .grouping {
            // Checked against the GROUP BY keys once they are bound (QueryBinder).
            guard !arguments.isEmpty, !distinct else { throw QueryError("grouping takes one or more GROUP BY keys", at: at) }
            call = AggregateCall(function: .grouping, argument: nil, distinct: false, type: .int64,
                                 groupingArguments: try arguments.map { try bind($0) })
        } else {
            let arity: ClosedRange<Int> = switch function {
            case .corr, .quantileCont: 2...2
            case .stringAgg: 1...2
            default: 1...1
            }
            guard arity.contains(arguments.count) else {
                throw QueryError("\(function.rawValue) takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) or \(arity.upperBound)") argument(s), not \(arguments.count)", at: at,
                                 hint: Self.aggregateForms[function])
            }
            insideAggregate = true
            let savedWindows = allowWindows
            allowWindows = false
            defer { insideAggregate = false; allowWindows = savedWindows }
            var argument = try bind(arguments[0])
            var second = try arguments.dropFirst().first.map { try bind($0) }
            switch function {
            case .stringAgg:
                if argument.type != .string { argument = .cast(argument, .string) }
                if let s = second {
                    guard case .literal(let v, _) = s, case .string = v else {
                        throw QueryError("string_agg's separator must be a text constant", at: arguments[1].offset, hint: "string_agg(x, ', ')")
                    }
                } else {
                    second = .literal(.string(","), .string)
                }
            case .quantileCont:
                guard case .literal(let v, _) = second!, let q = v.numberAsDouble, q >= 0, q <= 1 else {
                    throw QueryError("quantile_cont's fraction must be a number constant from 0 to 1", at: arguments[1].offset, hint: "quantile_cont(x, 0.9)")
                }
                second = .literal(.double(q), .double)
            case .corr:
                guard second!.type.isNumeric else { throw QueryError("corr needs numbers, not \(second!.type)", at: arguments[1].offset) }
            default:
                break
            }
            call = AggregateCall(function: function, argument: argument, distinct: distinct,
                                 type: try FunctionTyping.aggregate(function, argument.type, at: at), second: second)
        }
        if let existing = aggregates.firstIndex(of: call) { return .aggregateReference(existing, call.type) }
        aggregates.append(call)
        return .aggregateReference(aggregates.count - 1, call.type)
    }

    private mutating func window(_ name: String, _ arguments: [ParsedExpression], over: ParsedWindow, at: Int) throws -> BoundExpression {
        guard allowWindows else { throw QueryError("window functions are allowed in the select list and ORDER BY only", at: at) }
        allowWindows = false
        defer { allowWindows = true }
        let function: WindowFunction
        var argument: BoundExpression?
        var type: DataType
        switch name {
        case "row_number", "rank":
            guard arguments.isEmpty else { throw QueryError("\(name)() takes no argument", at: at) }
            function = name == "rank" ? .rank : .rowNumber
            type = .int64
        default:
            guard let aggregate = AggregateFunction(rawValue: name) else {
                throw QueryError("\(name) cannot be used with OVER", at: at, hint: "row_number, rank, or an aggregate")
            }
            if [.corr, .quantileCont, .stringAgg, .grouping].contains(aggregate) {
                throw QueryError("\(name) cannot be used with OVER", at: at, hint: "compute it in a grouped subquery and join it")
            }
            if arguments.isEmpty {
                guard aggregate == .count else { throw QueryError("\(name) needs an argument", at: at) }
                function = .aggregate(.countStar)
                type = .int64
            } else {
                let a = try bind(arguments[0])
                argument = a
                function = .aggregate(aggregate)
                type = try FunctionTyping.aggregate(aggregate, a.type, at: at)
            }
        }
        let partition = try over.partitionBy.map { try bind($0) }
        let order = try over.orderBy.map { item in
            BoundSortKey(expression: try bind(item.expression), descending: item.descending, nullsFirst: item.nullsFirst ?? item.descending)
        }
        let call = WindowCall(function: function, argument: argument, partitionBy: partition, orderBy: order, type: type)
        if let existing = windows.firstIndex(of: call) { return .windowReference(existing, type) }
        windows.append(call)
        return .windowReference(windows.count - 1, type)
    }
}

extension ExpressionBinder {
    /// How the aggregates with more than one argument are called, for errors.
    static let aggregateForms: [AggregateFunction: String] = [
        .corr: "corr(y, x)", .quantileCont: "quantile_cont(x, 0.5)", .stringAgg: "string_agg(x, ', ')",
    ]

    /// Runs a subquery used in an expression; it must give one column.
    fileprivate func subquery(_ query: ParsedQuery, at: Int) throws -> Table {
        guard let runSubquery else { throw QueryError("a subquery cannot be used here", at: at) }
        let table: Table
        do {
            table = try runSubquery(query)
        } catch var error as QueryError where error.kind == .unknownColumn || error.kind == .unknownTable {
            error.hint = (error.hint.map { $0 + "; " } ?? "")
                + "a subquery may refer to the outer query as [NOT] EXISTS or IN in WHERE, or as an aggregate over equalities in WHERE or the select list: JOIN instead"
            throw error
        }
        guard table.columnCount == 1 else {
            throw QueryError("this subquery gives \(table.columnCount) columns where one is needed", at: at)
        }
        return table
    }
}

extension Value {
    /// A number literal's value as a Double; nil for other values.
    var numberAsDouble: Double? {
        switch self {
        case .int64(let v): return Double(v)
        case .decimal(let v, let scale): return Double(v) / Double(FixedPoint.powersOfTen[scale])
        case .double(let v): return v
        default: return nil
        }
    }
}
