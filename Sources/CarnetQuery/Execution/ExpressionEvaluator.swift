import CarnetEngine

/// Evaluates bound expressions a whole column at a time over an input table: every kernel
/// loops over typed buffers, never over boxed rows.
struct ExpressionEvaluator {
    let context: EvaluationContext

    /// A kernel's operand: a non-NULL literal as a one-row column that the kernel repeats,
    /// anything else evaluated over the input.
    private func operand(_ e: BoundExpression, _ input: Table) throws -> Column {
        if case .literal(let value, let type) = e, !value.isNull, input.rowCount != 1 { return Column.constant(value, type: type, count: 1) }
        return try evaluate(e, input)
    }

    func evaluate(_ e: BoundExpression, _ input: Table) throws -> Column {
        let n = input.rowCount
        switch e {
        case .column(let i, _):
            return input.columns[i]
        case .literal(let value, let type):
            return Column.constant(value, type: type, count: n)
        case .arithmetic(let op, let a, let b, let type):
            return try NumericKernels.arithmetic(op, try operand(a, input), try operand(b, input), type: type, rowCount: n, context: context)
        case .negate(let inner):
            return try NumericKernels.negate(try evaluate(inner, input))
        case .comparison(let op, let a, let b):
            if case .literal(let value, let type) = b {
                return ComparisonKernels.compare(op, try evaluate(a, input), constant: value, type: type)
            }
            if case .literal(let value, let type) = a {
                return ComparisonKernels.compare(op.mirrored, try evaluate(b, input), constant: value, type: type)
            }
            return ComparisonKernels.compare(op, try evaluate(a, input), try evaluate(b, input))
        case .and(let a, let b):
            return LogicKernels.and(try evaluate(a, input), try evaluate(b, input))
        case .or(let a, let b):
            return LogicKernels.or(try evaluate(a, input), try evaluate(b, input))
        case .not(let inner):
            return LogicKernels.not(try evaluate(inner, input))
        case .isNull(let inner, let negated):
            let c = try evaluate(inner, input)
            return Column(.bool((0..<n).map { c.isNull($0) != negated }))
        case .inList(let value, let items, let negated):
            // The value once (substring(c_phone, 1, 2) IN seven codes), compared with each item.
            let tested = try evaluate(value, input)
            var result: Column?
            for item in items {
                let eq: Column
                if case .literal(let constant, let type) = item {
                    eq = ComparisonKernels.compare(.equal, tested, constant: constant, type: type)
                } else {
                    eq = ComparisonKernels.compare(.equal, tested, try evaluate(item, input))
                }
                result = result.map { LogicKernels.or($0, eq) } ?? eq
            }
            let any = result ?? Column(.bool([Bool](repeating: false, count: n)))
            return negated ? LogicKernels.not(any) : any
        case .inSet(let value, let set, let negated):
            return Membership.test(try evaluate(value, input), in: set, negated: negated)
        case .like(let value, let pattern, let caseInsensitive, let negated):
            let matched = try TextKernels.like(try evaluate(value, input), pattern: try evaluate(pattern, input), caseInsensitive: caseInsensitive)
            return negated ? LogicKernels.not(matched) : matched
        case .caseWhen(let branches, let otherwise, let type):
            return try caseWhen(branches, otherwise, type, input)
        case .cast(let inner, let type):
            do {
                return try ValueCasting.cast(try evaluate(inner, input), to: type)
            } catch let failure as CastFailure {
                throw QueryError("cannot convert '\(failure.text)' to \(failure.type)", hint: "filter or fix that value first")
            }
        case .function(let f, let args, let type):
            return try ScalarFunctions.apply(f, try args.map { try evaluate($0, input) }, type: type, rowCount: n)
        case .aggregateReference, .windowReference:
            throw QueryError("internal error: an aggregate or window reference was left in an expression")
        }
    }

    /// A condition's rows that are TRUE (NULL and FALSE rows are dropped), as a selection vector.
    func selection(_ condition: BoundExpression, _ input: Table) throws -> [Int32] {
        // `a AND b AND …` over many rows: the most selective condition first over every row,
        // each next one only over the rows still in (the columns it reads, gathered at them).
        // A row is kept when every condition is TRUE, as when the AND is evaluated whole.
        let parts = condition.conjuncts
        guard parts.count > 1, input.rowCount >= 4096 else { return try rowsWhereTrue(condition, input) }
        let ordered = parts.enumerated().sorted {
            let (a, b) = (CardinalityEstimate.selectivity($0.element), CardinalityEstimate.selectivity($1.element))
            return a < b || (a == b && $0.offset < $1.offset)
        }.map(\.element)
        var rows = try rowsWhereTrue(ordered[0], input)
        for part in ordered.dropFirst() where !rows.isEmpty {
            let read = part.columnsRead.sorted()
            var moved = [Int](repeating: -1, count: input.columnCount)
            for (k, c) in read.enumerated() { moved[c] = k }
            let kept = rows
            let narrow = Table(columnNames: read.map { "c\($0)" }, columns: read.map { input.columns[$0].gather(kept) }, rowCount: kept.count)
            rows = try rowsWhereTrue(part.remapped(moved), narrow).map { kept[Int($0)] }
        }
        return rows
    }

    /// The rows where the condition is TRUE (not FALSE, not NULL).
    private func rowsWhereTrue(_ condition: BoundExpression, _ input: Table) throws -> [Int32] {
        let c = try evaluate(condition, input)
        guard case .bool(let values) = c.buffer else { return [] }
        // Every row is written and the end moves on by whether it is kept: no branch to
        // mispredict when about half the rows pass (l_receiptdate > l_commitdate keeps 63 %).
        var rows = [Int32](repeating: 0, count: values.count)
        var kept = 0
        rows.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { v in
                // A Bool's byte is 0 or 1: added as it is (`? 1 : 0` compiles to a branch).
                if let validity = c.validity {
                    validity.words.withUnsafeBufferPointer { words in
                        for i in 0..<v.count {
                            out[kept] = Int32(truncatingIfNeeded: i)
                            let valid = Int(truncatingIfNeeded: words[i &>> 6] &>> UInt64(i & 63)) & 1
                            kept &+= Int(unsafeBitCast(v[i], to: UInt8.self)) & valid
                        }
                    }
                } else {
                    for i in 0..<v.count {
                        out[kept] = Int32(truncatingIfNeeded: i)
                        kept &+= Int(unsafeBitCast(v[i], to: UInt8.self))
                    }
                }
            }
        }
        rows.removeLast(rows.count - kept)
        return rows
    }

    private func caseWhen(_ branches: [CaseBranch], _ otherwise: BoundExpression?, _ type: DataType, _ input: Table) throws -> Column {
        let n = input.rowCount
        // Which branch each row takes (-1: ELSE).
        var chosen = [Int](repeating: -1, count: n)
        var undecided = n
        for (k, branch) in branches.enumerated() where undecided > 0 {
            let c = try evaluate(branch.condition, input)
            guard case .bool(let values) = c.buffer else { continue }
            for row in 0..<n where chosen[row] == -1 && values[row] && !c.isNull(row) {
                chosen[row] = k
                undecided -= 1
            }
        }
        let values = try branches.map { try ValueCasting.cast(try evaluate($0.value, input), to: type) }
        let fallback = try otherwise.map { try ValueCasting.cast(try evaluate($0, input), to: type) }
        var out = ColumnAppender(type: type)
        out.reserveCapacity(n)
        for row in 0..<n {
            if chosen[row] >= 0 { out.append(from: values[chosen[row]], row: row) }
            else if let fallback { out.append(from: fallback, row: row) }
            else { out.appendNull() }
        }
        return out.build()
    }
}

extension BinaryOperator {
    /// The operator with its sides swapped: `5 < x` is `x > 5`.
    var mirrored: BinaryOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}
