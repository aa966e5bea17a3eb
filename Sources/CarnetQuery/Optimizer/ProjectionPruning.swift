import CarnetEngine

/// Drops the columns nothing above reads, from the scans up: a join then gathers only the
/// columns the query uses, not every column of both tables (TPC-H's lineitem has 16, a query
/// reads 4). A whole-tree pass, top-down, because what a node may drop depends on all of its
/// ancestors; it runs last, after the rules that move conditions.
enum ProjectionPruning {
    static func prune(_ plan: QueryPlan) -> QueryPlan {
        prune(plan, needed: Set(0..<plan.width)).plan
    }

    /// The plan computing at least the `needed` columns of `plan`, and where each of `plan`'s
    /// columns went (-1 for those dropped). Kept columns stay in their order.
    private static func prune(_ plan: QueryPlan, needed: Set<Int>) -> (plan: QueryPlan, moved: [Int]) {
        switch plan {
        case .scan(let name, let table):
            guard needed.count < table.columnCount else { return (plan, Array(0..<table.columnCount)) }
            let kept = needed.sorted()
            let narrow = Table(columnNames: kept.map { table.columnNames[$0] }, columns: kept.map { table.columns[$0] }, rowCount: table.rowCount)
            return (.scan(name: name, table: narrow), positions(of: kept, width: table.columnCount))
        case .singleRow:
            return (plan, [])
        case .filter(let input, let condition):
            let (child, moved) = prune(input, needed: needed.union(condition.columnsRead))
            let filtered = QueryPlan.filter(child, condition.remapped(moved))
            // Columns only the condition reads go right after it (TPC-H Q13's o_comment): the
            // executor then gathers the kept rows of the other columns only.
            guard !condition.columnsRead.isSubset(of: needed) else { return (filtered, moved) }
            let kept = needed.sorted(), types = child.columnTypes
            return (.project(filtered, kept.map { .column(moved[$0], types[moved[$0]]) }, names: kept.map { "c\($0 + 1)" }),
                    positions(of: kept, width: input.width))
        case .project(let input, let expressions, let names):
            let kept = expressions.indices.filter(needed.contains)
            let read = kept.reduce(into: Set<Int>()) { $0.formUnion(expressions[$1].columnsRead) }
            let (child, moved) = prune(input, needed: read)
            return (.project(child, kept.map { expressions[$0].remapped(moved) }, names: kept.map { names[$0] }),
                    positions(of: kept, width: expressions.count))
        case .aggregate(let input, let keys, let aggregates, let names):
            let (child, part) = pruneAggregate(input, keys, aggregates, names, needed: needed)
            return (.aggregate(child, keys: part.keys, aggregates: part.aggregates, names: part.names), part.moved)
        case .groupingSets(let input, let keys, let sets, let aggregates, let names):
            let (child, part) = pruneAggregate(input, keys, aggregates, names, needed: needed)
            return (.groupingSets(child, keys: part.keys, sets: sets, aggregates: part.aggregates, names: part.names), part.moved)
        case .window(let input, let calls):
            let inputWidth = input.width
            let keptCalls = calls.indices.filter { needed.contains(inputWidth + $0) }
            var read = needed.filter { $0 < inputWidth }
            for c in keptCalls { read.formUnion(calls[c].columnsRead) }
            let (child, moved) = prune(input, needed: read)
            let childWidth = child.width
            var all = moved
            for c in calls.indices { all.append(keptCalls.firstIndex(of: c).map { childWidth + $0 } ?? -1) }
            return (.window(child, keptCalls.map { calls[$0].remapped(moved) }), all)
        case .sort(let input, let keys):
            let read = keys.reduce(into: needed) { $0.formUnion($1.expression.columnsRead) }
            let (child, moved) = prune(input, needed: read)
            return (.sort(child, keys.map { $0.remapped(moved) }), moved)
        case .limit(let input, let limit, let offset):
            let (child, moved) = prune(input, needed: needed)
            return (.limit(child, limit: limit, offset: offset), moved)
        case .distinct(let input):
            // Every column is part of what makes rows distinct.
            let (child, moved) = prune(input, needed: Set(0..<input.width))
            return (.distinct(child), moved)
        case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual):
            let leftWidth = left.width
            var leftRead = needed.filter { $0 < leftWidth }
            var rightRead = Set(needed.filter { $0 >= leftWidth }.map { $0 - leftWidth })
            for k in leftKeys { leftRead.formUnion(k.columnsRead) }
            for k in rightKeys { rightRead.formUnion(k.columnsRead) }
            for c in residual?.columnsRead ?? [] {
                if c < leftWidth { leftRead.insert(c) } else { rightRead.insert(c - leftWidth) }
            }
            let (newLeft, leftMoved) = prune(left, needed: leftRead)
            let (newRight, rightMoved) = prune(right, needed: rightRead)
            let newLeftWidth = newLeft.width
            let combined = leftMoved + rightMoved.map { $0 < 0 ? -1 : newLeftWidth + $0 }
            let join = QueryPlan.join(newLeft, newRight, kind, leftKeys: leftKeys.map { $0.remapped(leftMoved) },
                                      rightKeys: rightKeys.map { $0.remapped(rightMoved) }, residual: residual?.remapped(combined))
            let joinMoved = kind.keepsOnlyLeft ? leftMoved : combined
            // Columns only this join reads (its keys, its residual) are not in its output: the
            // executor then never gathers them at the joined rows.
            guard join.width > needed.count else { return (join, joinMoved) }
            let kept = needed.sorted(), types = join.columnTypes
            return (.project(join, kept.map { .column(joinMoved[$0], types[joinMoved[$0]]) }, names: kept.map { "c\($0 + 1)" }),
                    positions(of: kept, width: plan.width))
        case .unionAll(let parts):
            // Each part keeps exactly the needed positions, so that the parts line up.
            let kept = needed.sorted()
            let types = plan.columnTypes
            let newParts = parts.map { part -> QueryPlan in
                let (child, moved) = prune(part, needed: needed)
                if child.width == kept.count, kept.allSatisfy({ moved[$0] == kept.firstIndex(of: $0) }) { return child }
                return .project(child, kept.map { .column(moved[$0], types[$0]) }, names: kept.map { "c\($0 + 1)" })
            }
            return (.unionAll(newParts), positions(of: kept, width: plan.width))
        }
    }

    /// Every key stays (keys make the groups); aggregates nothing reads go.
    private static func pruneAggregate(_ input: QueryPlan, _ keys: [BoundExpression], _ aggregates: [AggregateCall], _ names: [String],
                                       needed: Set<Int>) -> (QueryPlan, (keys: [BoundExpression], aggregates: [AggregateCall], names: [String], moved: [Int])) {
        let keptAggregates = aggregates.indices.filter { needed.contains(keys.count + $0) }
        var read = keys.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
        for a in keptAggregates { read.formUnion(aggregates[a].columnsRead) }
        let (child, moved) = prune(input, needed: read)
        let kept = Array(keys.indices) + keptAggregates.map { keys.count + $0 }
        return (child, (keys.map { $0.remapped(moved) }, keptAggregates.map { aggregates[$0].remapped(moved) },
                        kept.map { names[$0] }, positions(of: kept, width: keys.count + aggregates.count)))
    }

    /// Old position → new position when only `kept` (sorted) remain of `width` columns.
    private static func positions(of kept: [Int], width: Int) -> [Int] {
        var moved = [Int](repeating: -1, count: width)
        for (new, old) in kept.enumerated() { moved[old] = new }
        return moved
    }
}

extension BoundExpression {
    /// The expression reading each column at its new position (`moved[old]`).
    func remapped(_ moved: [Int]) -> BoundExpression {
        rewritten { e in
            guard case .column(let i, let t) = e else { return nil }
            precondition(moved[i] >= 0, "a pruned column is still read")
            return .column(moved[i], t)
        }
    }
}

extension AggregateCall {
    var columnsRead: Set<Int> { (argument?.columnsRead ?? []).union(second?.columnsRead ?? []) }
    func remapped(_ moved: [Int]) -> AggregateCall {
        var call = self
        call.argument = argument?.remapped(moved)
        call.second = second?.remapped(moved)
        return call
    }
}

extension WindowCall {
    var columnsRead: Set<Int> {
        var read = argument?.columnsRead ?? []
        for e in partitionBy { read.formUnion(e.columnsRead) }
        for k in orderBy { read.formUnion(k.expression.columnsRead) }
        return read
    }

    func remapped(_ moved: [Int]) -> WindowCall {
        var call = self
        call.argument = argument?.remapped(moved)
        call.partitionBy = partitionBy.map { $0.remapped(moved) }
        call.orderBy = orderBy.map { $0.remapped(moved) }
        return call
    }
}

extension BoundSortKey {
    func remapped(_ moved: [Int]) -> BoundSortKey {
        var key = self
        key.expression = expression.remapped(moved)
        return key
    }
}
