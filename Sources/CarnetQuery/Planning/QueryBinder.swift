import CarnetEngine

/// The tables a query can read by name.
public struct TableCatalog: Sendable {
    let lookup: @Sendable (String) -> (name: String, table: Table)?
    let names: [String]

    public init(names: [String], lookup: @escaping @Sendable (String) -> (name: String, table: Table)?) {
        self.names = names
        self.lookup = lookup
    }
}

/// A bound query: its plan and the names and types of its output columns.
struct BoundQuery {
    var plan: QueryPlan
    var columns: [ScopeColumn]
}

/// Turns parsed queries into plans: resolves tables (catalog, WITH, subqueries), binds every
/// clause, and places aggregation, windows, projection, DISTINCT, ORDER BY and LIMIT.
struct QueryBinder {
    let catalog: TableCatalog
    private var ctes: [String: BoundQuery] = [:]

    init(catalog: TableCatalog) {
        self.catalog = catalog
    }

    /// A binder for one clause. Subqueries in expressions (`(SELECT max(x) FROM t)`,
    /// `x IN (SELECT …)`) do not refer to the outer query, so they are run once, here, with
    /// the same tables and WITH names, and enter the plan as values.
    private func expressionBinder(_ scope: Scope) -> ExpressionBinder {
        var binder = ExpressionBinder(scope: scope)
        let (catalog, ctes) = (self.catalog, self.ctes)
        binder.runSubquery = { query in
            var inner = QueryBinder(catalog: catalog)
            inner.ctes = ctes
            let bound = try inner.bind(query)
            return try Executor().run(Optimizer.optimize(bound.plan))
        }
        return binder
    }

    mutating func bind(_ query: ParsedQuery) throws -> BoundQuery {
        let saved = ctes
        defer { ctes = saved }
        for (name, columns, q) in query.with {
            var bound = try bind(q)
            if let columns {
                guard columns.count == bound.columns.count else {
                    throw QueryError("WITH \(name) names \(columns.count) column(s), its query gives \(bound.columns.count)", at: q.cores.first?.at ?? 0)
                }
                for (k, column) in columns.enumerated() { bound.columns[k].name = column }
            }
            bound.columns = bound.columns.map { ScopeColumn(table: name, name: $0.name, type: $0.type) }
            ctes[name.lowercased()] = bound
        }
        var result: BoundQuery
        if query.cores.count == 1 {
            result = try bindCore(query.cores[0], orderBy: query.orderBy)
        } else {
            let parts = try query.cores.map { try bindCore($0, orderBy: []) }
            result = try union(parts, at: query.cores[1].at)
            if !query.orderBy.isEmpty {
                let keys = try query.orderBy.map { item -> BoundSortKey in
                    let index = try outputPosition(item.expression, names: result.columns.map(\.name))
                    return BoundSortKey(expression: .column(index, result.columns[index].type), descending: item.descending,
                                        nullsFirst: item.nullsFirst ?? item.descending)
                }
                result.plan = .sort(result.plan, keys)
            }
        }
        if query.limit != nil || (query.offset ?? 0) > 0 {
            result.plan = .limit(result.plan, limit: query.limit, offset: query.offset ?? 0)
        }
        return result
    }

    private func union(_ parts: [BoundQuery], at: Int) throws -> BoundQuery {
        let width = parts[0].columns.count
        var types = [DataType?](repeating: nil, count: width)
        for part in parts {
            guard part.columns.count == width else {
                throw QueryError("each SELECT of a UNION ALL needs the same number of columns (\(width) and \(part.columns.count))", at: at)
            }
            for i in 0..<width where !part.columns[i].untypedNull {
                guard let known = types[i] else { types[i] = part.columns[i].type; continue }
                guard let t = DataType.common(known, part.columns[i].type) else {
                    throw QueryError("UNION ALL column \(i + 1) mixes \(known) and \(part.columns[i].type)", at: at)
                }
                types[i] = t
            }
        }
        let final = types.map { $0 ?? .string }
        // Parts whose columns have another type (a bare NULL, an integer among decimals) are cast.
        let plans = parts.map { part -> QueryPlan in
            guard part.columns.indices.contains(where: { part.columns[$0].type != final[$0] }) else { return part.plan }
            let casts = part.columns.indices.map { i -> BoundExpression in
                let column = BoundExpression.column(i, part.columns[i].type)
                return part.columns[i].type == final[i] ? column : .cast(column, final[i])
            }
            return .project(part.plan, casts, names: part.columns.map(\.name))
        }
        let columns = parts[0].columns.enumerated().map { ScopeColumn(table: nil, name: $0.element.name, type: final[$0.offset]) }
        return BoundQuery(plan: .unionAll(plans), columns: columns)
    }

    /// An ORDER BY item that must name an output column: a position or a name.
    private func outputPosition(_ e: ParsedExpression, names: [String]) throws -> Int {
        if case .literal(.integer(let k), let at) = e {
            guard k >= 1, k <= names.count else { throw QueryError("ORDER BY position \(k) is not in the select list (1 to \(names.count))", at: at) }
            return Int(k - 1)
        }
        if case .column(nil, let name, let at) = e {
            if let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
            throw QueryError("there is no output column \(name) to order by", at: at, kind: .unknownColumn)
        }
        throw QueryError("after UNION ALL, ORDER BY takes output column names or positions", at: e.offset)
    }

    // MARK: - One SELECT

    private mutating func bindCore(_ core: ParsedSelectCore, orderBy: [ParsedOrderItem]) throws -> BoundQuery {
        var (plan, scope) = try core.from.map { try bindFrom($0) } ?? (.singleRow, Scope(columns: []))
        if let filter = core.filter {
            // EXISTS, NOT EXISTS and IN over subqueries that refer to this query become semi and
            // anti joins, comparisons with such aggregate subqueries inner joins on a grouped
            // subquery; the rest of WHERE filters as usual.
            var remaining: [ParsedExpression] = []
            for conjunct in filter.parsedConjuncts {
                if let joined = try correlatedJoin(conjunct, plan: plan, scope: scope) {
                    plan = joined
                } else if let (joined, rewritten) = try correlatedScalar(conjunct, plan: plan, scope: &scope) {
                    plan = joined
                    remaining.append(rewritten)
                } else {
                    remaining.append(conjunct)
                }
            }
            if let rest = remaining.first.map({ first in remaining.dropFirst().reduce(first) { .binary(.and, $0, $1, at: $1.offset) } }) {
                var b = expressionBinder(scope)
                let condition = try b.bind(rest)
                guard condition.type == .bool else { throw QueryError("WHERE needs a true/false condition, not \(condition.type)", at: filter.offset) }
                plan = .filter(plan, condition)
            }
        }

        // Select items, with * expanded.
        var items: [(expression: ParsedExpression, name: String)] = []
        for item in core.items {
            if case .star(let table, let at) = item.expression {
                let visible = scope.columns.filter { c in
                    if let table { return c.table?.lowercased() == table.lowercased() }
                    return !c.hidden
                }
                if visible.isEmpty { throw QueryError(table.map { "there is no table \($0) in this query" } ?? "* with no table", at: at, kind: .unknownTable) }
                items += visible.map { (.column(table: $0.table, name: $0.name, at: at), $0.name) }
            } else {
                // A scalar subquery that reads the outer row becomes a LEFT join on its keys
                // (not in a grouped query, whose select list reads groups).
                var expression = item.expression
                if core.groupBy.isEmpty, !core.groupByAll {
                    expression = try expression.rewritten { e in
                        guard case .scalarSubquery(let q, let at) = e,
                              let (joined, reference) = try correlatedValue(q, at: at, plan: plan, scope: &scope, keepAll: true) else { return nil }
                        plan = joined
                        return reference
                    }
                }
                items.append((expression, item.alias ?? item.expression.displayName))
            }
        }

        var binder = expressionBinder(scope)
        binder.allowAggregates = true
        binder.allowWindows = true
        let selected = try items.map { try binder.bind($0.expression) }

        // ORDER BY: output names and positions first, else expressions added as hidden columns.
        var sortSources: [(index: Int?, expression: BoundExpression?, item: ParsedOrderItem)] = []
        for item in orderBy {
            if case .literal(.integer, _) = item.expression {
                sortSources.append((try outputPosition(item.expression, names: items.map(\.name)), nil, item))
            } else if case .column(nil, let name, _) = item.expression,
                      let i = items.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                sortSources.append((i, nil, item))
            } else {
                sortSources.append((nil, try binder.bind(item.expression), item))
            }
        }

        let qualify = try core.qualify.map { try binder.bind($0) }
        binder.allowWindows = false
        let having = try core.having.map { try binder.bind($0) }
        // GROUP BY ALL: the select items that hold no aggregate, bound as keys.
        let allKeys = !core.groupByAll ? [] : try zip(items, selected).filter { !$0.1.usesAggregate }.map { item, _ -> BoundExpression in
            var keyBinder = expressionBinder(scope)
            return try keyBinder.bind(item.expression)
        }
        let writtenKeys = core.groupByAll ? allKeys : try core.groupBy.map { key -> BoundExpression in
            var keyBinder = expressionBinder(scope)
            if case .literal(.integer(let k), let at) = key {
                guard k >= 1, k <= items.count else { throw QueryError("GROUP BY position \(k) is not in the select list", at: at) }
                return try keyBinder.bind(items[Int(k - 1)].expression)
            }
            if case .column(nil, let name, _) = key, (try? scope.resolve(table: nil, name: name, at: 0)) == nil,
               let i = items.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                return try keyBinder.bind(items[i].expression)
            }
            return try keyBinder.bind(key)
        }

        // A key written in several grouping sets is one key, present in each of them.
        var groupKeys = writtenKeys
        var groupingSets = core.groupingSets
        if let sets = groupingSets {
            groupKeys = []
            var position: [Int] = []
            for key in writtenKeys {
                if let k = groupKeys.firstIndex(of: key) { position.append(k) } else { position.append(groupKeys.count); groupKeys.append(key) }
            }
            groupingSets = sets.map { set in set.map { position[$0] }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } } }
        }
        // grouping(…) names GROUP BY keys: now that they are bound, by their positions.
        var aggregates = binder.aggregates
        for i in aggregates.indices where aggregates[i].function == .grouping {
            aggregates[i].groupingKeys = try aggregates[i].groupingArguments.map { argument in
                guard let k = groupKeys.firstIndex(of: argument) else {
                    throw QueryError("grouping() takes GROUP BY keys, and \(argument.sql) is not one", at: core.at, hint: "write the key as it is in GROUP BY")
                }
                return k
            }
            aggregates[i].groupingArguments = []
        }
        let aggregated = !groupKeys.isEmpty || !aggregates.isEmpty
        var rewrite: (BoundExpression, Int) throws -> BoundExpression = { e, _ in e }
        var width = scope.columns.count
        if aggregated {
            let names = groupKeys.map { key -> String in
                if case .column(let i, _) = key { return scope.columns[i].name }
                return "key"
            } + aggregates.map(\.sql)
            if let sets = groupingSets {
                plan = .groupingSets(plan, keys: groupKeys, sets: sets, aggregates: aggregates, names: names)
            } else {
                plan = .aggregate(plan, keys: groupKeys, aggregates: aggregates, names: names)
            }
            let keyCount = groupKeys.count
            rewrite = { e, at in
                try e.rewritten { sub in
                    if let k = groupKeys.firstIndex(of: sub) { return .column(k, sub.type) }
                    switch sub {
                    case .aggregateReference(let i, let t): return .column(keyCount + i, t)
                    case .column(let i, _):
                        throw QueryError("\(SQLText.identifier(scope.columns[i].name)) must appear in GROUP BY or be used in an aggregate function", at: at,
                                         hint: "add it to GROUP BY, or write e.g. min(\(SQLText.identifier(scope.columns[i].name)))")
                    default: return nil
                    }
                }
            }
            width = keyCount + aggregates.count
            if let having { plan = .filter(plan, try rewrite(having, core.having!.offset)) }
        } else if core.having != nil {
            throw QueryError("HAVING needs GROUP BY or an aggregate", at: core.having!.offset, hint: "use WHERE to filter rows")
        }

        if !binder.windows.isEmpty {
            let calls = try binder.windows.map { call -> WindowCall in
                var c = call
                c.argument = try call.argument.map { try rewrite($0, core.at) }
                c.partitionBy = try call.partitionBy.map { try rewrite($0, core.at) }
                c.orderBy = try call.orderBy.map { BoundSortKey(expression: try rewrite($0.expression, core.at), descending: $0.descending, nullsFirst: $0.nullsFirst) }
                return c
            }
            plan = .window(plan, calls)
            let base = width
            let previous = rewrite
            rewrite = { e, at in
                try previous(e, at).rewritten { sub in
                    if case .windowReference(let i, let t) = sub { return .column(base + i, t) }
                    return nil
                }
            }
        }

        if let qualify, let q = core.qualify {
            let condition = try rewrite(qualify, q.offset)
            guard condition.type == .bool else { throw QueryError("QUALIFY needs a true/false condition, not \(condition.type)", at: q.offset) }
            plan = .filter(plan, condition)
        }

        var projections = try zip(selected, items).map { try rewrite($0.0, $0.1.expression.offset) }
        var names = items.map(\.name)
        let visibleCount = projections.count
        var sortKeys: [BoundSortKey] = []
        for source in sortSources {
            let item = source.item
            let index: Int
            if let i = source.index {
                index = i
            } else {
                let e = try rewrite(source.expression!, item.expression.offset)
                if let same = projections.firstIndex(of: e) {
                    index = same
                } else {
                    if core.distinct {
                        throw QueryError("with SELECT DISTINCT, ORDER BY expressions must appear in the select list", at: item.expression.offset)
                    }
                    projections.append(e)
                    names.append("order_\(projections.count)")
                    index = projections.count - 1
                }
            }
            sortKeys.append(BoundSortKey(expression: .column(index, projections[index].type), descending: item.descending,
                                         nullsFirst: item.nullsFirst ?? item.descending))
        }
        plan = .project(plan, projections, names: names)
        if core.distinct { plan = .distinct(plan) }
        if !sortKeys.isEmpty { plan = .sort(plan, sortKeys) }
        if projections.count > visibleCount {
            let kept = (0..<visibleCount).map { BoundExpression.column($0, projections[$0].type) }
            plan = .project(plan, kept, names: Array(names.prefix(visibleCount)))
        }
        let columns = (0..<visibleCount).map { i -> ScopeColumn in
            var c = ScopeColumn(table: nil, name: names[i], type: projections[i].type)
            if case .literal(.null, _) = projections[i] { c.untypedNull = true }
            return c
        }
        return BoundQuery(plan: plan, columns: columns)
    }

    // MARK: - Correlated subqueries

    /// A WHERE conjunct `[NOT] EXISTS (SELECT … FROM … WHERE …)` or `x IN (SELECT y …)` whose
    /// subquery refers to the outer query's columns, as a semi (anti) join of the outer plan
    /// with the subquery's tables: the conditions on the subquery's tables alone filter them,
    /// those that read both sides are the join's condition (its equalities become hash keys).
    /// Nil when the conjunct is something else or its subquery stands alone (then it runs
    /// once, as a value).
    private mutating func correlatedJoin(_ conjunct: ParsedExpression, plan: QueryPlan, scope: Scope) throws -> QueryPlan? {
        let query: ParsedQuery, negated: Bool, probe: ParsedExpression?, at: Int
        switch conjunct {
        case .exists(let q, let a): (query, negated, probe, at) = (q, false, nil, a)
        case .not(.exists(let q, let a), _): (query, negated, probe, at) = (q, true, nil, a)
        case .inSubquery(let x, let q, let n, let a): (query, negated, probe, at) = (q, n, x, a)
        default: return nil
        }
        guard let parts = try correlatedParts(query, outer: scope),
              !parts.core.items.contains(where: { $0.expression.callsAggregate }) else { return nil }
        let (core, innerPlan) = (parts.core, parts.plan)
        var binder = parts.binder, conditions = parts.conditions
        let outerWidth = scope.columns.count
        if let probe {
            guard !negated else {
                throw QueryError("NOT IN over a subquery that refers to the outer query is not supported", at: at,
                                 hint: "write NOT EXISTS (SELECT … WHERE … AND y = x), which also says what NULLs do")
            }
            guard core.items.count == 1, case let item = core.items[0].expression, !item.isStar else {
                throw QueryError("the subquery of IN gives one column", at: at)
            }
            let y = try binder.bind(item)
            var outerBinder = expressionBinder(scope)
            let x = try outerBinder.bind(probe)
            guard DataType.common(x.type, y.type) != nil else { throw QueryError("cannot compare \(x.type) with \(y.type) in IN (SELECT …)", at: at) }
            conditions.append(.comparison(.equal, x, y))
        }
        var local: [BoundExpression] = [], across: [BoundExpression] = []
        for c in conditions {
            if c.side(leftWidth: outerWidth) == .right { local.append(c.shifted(by: -outerWidth)) } else { across.append(c) }
        }
        let right = BoundExpression.conjunction(local).map { QueryPlan.filter(innerPlan, $0) } ?? innerPlan
        return .join(plan, right, negated ? .anti : .semi, leftKeys: [], rightKeys: [], residual: BoundExpression.conjunction(across))
    }

    /// What decorrelating a subquery starts from: its one `SELECT … FROM … WHERE …`, the plan of
    /// its tables, a binder that reads its columns after the outer query's, and its WHERE's
    /// conditions in that layout. Nil when it has another shape, when it does not read the outer
    /// row, or when its WHERE does not bind this way (it holds a correlated subquery of its own,
    /// TPC-H's Q20: then the usual path binds it as a query, which decorrelates inside).
    private mutating func correlatedParts(_ query: ParsedQuery, outer scope: Scope) throws
        -> (core: ParsedSelectCore, plan: QueryPlan, binder: ExpressionBinder, conditions: [BoundExpression])? {
        guard query.with.isEmpty, query.cores.count == 1, query.orderBy.isEmpty, query.limit == nil, (query.offset ?? 0) == 0,
              let core = query.cores.first, core.groupBy.isEmpty, !core.groupByAll, core.having == nil,
              let from = core.from, let filter = core.filter else { return nil }
        let (plan, innerScope) = try bindFrom(from)
        var binder = expressionBinder(innerScope)
        binder.outer = scope
        guard let condition = try? binder.bind(filter) else { return nil }
        guard condition.type == .bool else { throw QueryError("WHERE needs a true/false condition, not \(condition.type)", at: filter.offset) }
        let outerWidth = scope.columns.count
        guard condition.conjuncts.contains(where: { $0.columnsRead.contains { $0 < outerWidth } }) else { return nil }
        return (core, plan, binder, condition.conjuncts)
    }

    /// A WHERE comparison with a scalar subquery that reads the outer row through equalities
    /// (TPC-H's `l_quantity < (SELECT 0.2 * avg(l_quantity) FROM lineitem WHERE l_partkey =
    /// p_partkey)`): the comparison, reading the subquery's value (see `correlatedValue`). An
    /// outer row without a group compares with nothing and is dropped, as a comparison with the
    /// subquery's NULL would drop it. Nil when the conjunct is something else or its subquery
    /// stands alone.
    private mutating func correlatedScalar(_ conjunct: ParsedExpression, plan: QueryPlan, scope: inout Scope) throws -> (QueryPlan, ParsedExpression)? {
        guard case .binary(let op, let l, let r, let at) = conjunct, op.isComparison else { return nil }
        let query: ParsedQuery, other: ParsedExpression, subqueryLeft: Bool
        if case .scalarSubquery(let q, _) = r { (query, other, subqueryLeft) = (q, l, false) }
        else if case .scalarSubquery(let q, _) = l { (query, other, subqueryLeft) = (q, r, true) }
        else { return nil }
        guard let (joined, reference) = try correlatedValue(query, at: at, plan: plan, scope: &scope, keepAll: false) else { return nil }
        return (joined, subqueryLeft ? .binary(op, reference, other, at: at) : .binary(op, other, reference, at: at))
    }

    /// A scalar subquery that reads the outer row through equalities, as a value joined to
    /// `plan`: the subquery is grouped by its side of the equalities and joined on them, once,
    /// instead of being run per row; the value is a column appended after the outer query's,
    /// and the returned expression reads it. `keepAll` (the select list) joins LEFT, so that an
    /// outer row without a group stays, with NULL; a bare count always does, and reads 0 there.
    /// Nil when the subquery stands alone or has another shape.
    private mutating func correlatedValue(_ query: ParsedQuery, at: Int, plan: QueryPlan, scope: inout Scope, keepAll: Bool) throws -> (QueryPlan, ParsedExpression)? {
        guard let (core, innerPlan, binder, conditions) = try correlatedParts(query, outer: scope), core.items.count == 1 else { return nil }
        let outerWidth = scope.columns.count
        let innerScope = binder.scope
        var outerKeys: [BoundExpression] = [], innerKeys: [BoundExpression] = [], local: [BoundExpression] = []
        for c in conditions {
            if c.side(leftWidth: outerWidth) == .right { local.append(c.shifted(by: -outerWidth)); continue }
            if let (outer, inner) = c.equalityAcross(leftWidth: outerWidth) {
                outerKeys.append(outer)
                innerKeys.append(inner)
                continue
            }
            throw QueryError("a subquery used as a value may refer to the outer query only through equalities (inner = outer)", at: at,
                             hint: "move the other conditions into a JOIN")
        }
        // The value: the select item over the subquery's own columns, its aggregates grouped by the keys.
        var valueBinder = expressionBinder(innerScope)
        valueBinder.allowAggregates = true
        let value = try valueBinder.bind(core.items[0].expression)
        // A bare count is 0 where the outer row has no group: a LEFT join, then coalesce. A
        // count inside an expression would need the expression at 0: refused.
        let counts = valueBinder.aggregates.contains { $0.function == .count || $0.function == .countStar }
        let bareCount: Bool
        if case .aggregateReference = value, counts { bareCount = true } else { bareCount = false }
        guard !valueBinder.aggregates.isEmpty, !counts || bareCount else {
            throw QueryError("a subquery used as a value that refers to the outer query needs an aggregate (min, max, sum, avg, count…), and count alone", at: at,
                             hint: "JOIN a grouped count, with coalesce(n, 0) for the rows without any")
        }
        let keyCount = innerKeys.count
        let filtered = BoundExpression.conjunction(local).map { QueryPlan.filter(innerPlan, $0) } ?? innerPlan
        let grouped = QueryPlan.aggregate(filtered, keys: innerKeys, aggregates: valueBinder.aggregates,
                                          names: (0..<keyCount).map { "key\($0 + 1)" } + valueBinder.aggregates.map(\.sql))
        let computed = value.rewritten { e in
            if case .aggregateReference(let i, let t) = e { return .column(keyCount + i, t) }
            return nil
        }
        let right = QueryPlan.project(grouped, (0..<keyCount).map { .column($0, innerKeys[$0].type) } + [computed],
                                      names: (0..<keyCount).map { "key\($0 + 1)" } + ["value"])
        let joined = QueryPlan.join(plan, right, keepAll || bareCount ? .left : .inner, leftKeys: outerKeys, rightKeys: (0..<keyCount).map { .column($0, innerKeys[$0].type) }, residual: nil)
        // The keys and the value join the scope hidden (no `*` shows them); the comparison reads
        // the value by a qualified name only this rewrite uses.
        let table = "carnet_subquery", valueName = "value_\(outerWidth + keyCount)"
        for k in 0..<keyCount { scope.columns.append(ScopeColumn(table: table, name: "key_\(outerWidth + k)", type: innerKeys[k].type, hidden: true)) }
        scope.columns.append(ScopeColumn(table: table, name: valueName, type: computed.type, hidden: true))
        let reference = ParsedExpression.column(table: table, name: valueName, at: at)
        guard bareCount else { return (joined, reference) }
        return (joined, .function(name: "coalesce", arguments: [reference, .literal(.integer(0), at: at)], distinct: false, star: false, over: nil, at: at))
    }

    // MARK: - FROM

    private mutating func bindFrom(_ from: ParsedFrom) throws -> (QueryPlan, Scope) {
        switch from {
        case .table(let name, let alias, let at):
            let label = alias ?? name
            if let cte = ctes[name.lowercased()] {
                return (cte.plan, Scope(columns: cte.columns.map { ScopeColumn(table: label, name: $0.name, type: $0.type) }))
            }
            guard let found = catalog.lookup(name) else {
                let guess = Suggestion.nearest(to: name, in: catalog.names + ctes.keys)
                throw QueryError("there is no table \(name)", at: at,
                                 hint: guess.map { "did you mean \($0)?" } ?? (catalog.names.isEmpty ? "load a file first" : "tables are: " + catalog.names.joined(separator: ", ")),
                                 kind: .unknownTable)
            }
            let columns = zip(found.table.columnNames, found.table.columns).map { ScopeColumn(table: label, name: $0.0, type: $0.1.type) }
            return (.scan(name: found.name, table: found.table), Scope(columns: columns))
        case .subquery(let query, let alias, _):
            let bound = try bind(query)
            return (bound.plan, Scope(columns: bound.columns.map { ScopeColumn(table: alias, name: $0.name, type: $0.type) }))
        case .join(let l, let r, let kind, let on, let using, let at):
            let (leftPlan, leftScope) = try bindFrom(l)
            let (rightPlan, rightScopeRaw) = try bindFrom(r)
            var rightScope = rightScopeRaw
            var merged: [(left: Int, right: Int)] = []
            var leftKeys: [BoundExpression] = [], rightKeys: [BoundExpression] = []
            var residual: BoundExpression?
            for name in using {
                let li = try leftScope.resolve(table: nil, name: name, at: at)
                let ri = try rightScopeRaw.resolve(table: nil, name: name, at: at)
                guard DataType.common(leftScope.columns[li].type, rightScopeRaw.columns[ri].type) != nil else {
                    throw QueryError("USING (\(name)) joins \(leftScope.columns[li].type) with \(rightScopeRaw.columns[ri].type)", at: at)
                }
                leftKeys.append(.column(li, leftScope.columns[li].type))
                rightKeys.append(.column(ri, rightScopeRaw.columns[ri].type))
                rightScope.columns[ri].hidden = true
                merged.append((li, ri))
            }
            let scope = Scope(columns: leftScope.columns + rightScope.columns)
            if let on {
                var b = expressionBinder(scope)
                let condition = try b.bind(on)
                guard condition.type == .bool else { throw QueryError("ON needs a true/false condition", at: on.offset) }
                // The optimizer turns its equalities into hash keys (JoinConditionExtraction).
                residual = condition
            } else if kind != .cross && using.isEmpty {
                throw QueryError("this JOIN needs ON or USING", at: at)
            }
            let join = QueryPlan.join(leftPlan, rightPlan, kind, leftKeys: leftKeys, rightKeys: rightKeys, residual: residual)
            guard kind == .right || kind == .full, !merged.isEmpty else { return (join, scope) }
            // The USING column shown must be set on every row: the right one for RIGHT JOIN,
            // whichever is not NULL for FULL JOIN. It takes the left one's place; the two
            // originals stay readable by their table names.
            var columns: [BoundExpression] = [], mergedScope = Scope(columns: [])
            for (i, column) in scope.columns.enumerated() {
                if let (_, ri) = merged.first(where: { $0.left == i }) {
                    let right = BoundExpression.column(leftScope.columns.count + ri, rightScope.columns[ri].type)
                    let value = kind == .right ? right : try FunctionTyping.scalar(.coalesce, [.column(i, column.type), right], at: at)
                    columns.append(value)
                    mergedScope.columns.append(ScopeColumn(table: nil, name: column.name, type: value.type))
                }
                columns.append(.column(i, column.type))
                var original = column
                if merged.contains(where: { $0.left == i }) { original.hidden = true }
                mergedScope.columns.append(original)
            }
            return (.project(join, columns, names: mergedScope.columns.map(\.name)), mergedScope)
        }
    }
}

extension BoundExpression {
    /// Whether an aggregate (or a window over one) is part of the expression.
    var usesAggregate: Bool {
        var found = false
        _ = rewritten { e in
            switch e {
            case .aggregateReference, .windowReference: found = true
            default: break
            }
            return nil
        }
        return found
    }

    var conjuncts: [BoundExpression] {
        if case .and(let a, let b) = self { return a.conjuncts + b.conjuncts }
        return [self]
    }

    func shifted(by delta: Int) -> BoundExpression {
        rewritten { e in
            if case .column(let i, let t) = e { return .column(i + delta, t) }
            return nil
        }
    }
}
