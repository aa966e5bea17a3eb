import CarnetEngine

/// Filters and projections stacked over one input, run a row range (a morsel) at a time on
/// all cores, as DuckDB's pipelines do: each morsel's intermediate columns stay small enough
/// for the caches, and a filter's survivors are gathered only for the columns read above it.
struct MorselChain {
    /// A row-local operator, in the order they apply (the one nearest the input first).
    enum Step {
        case filter(BoundExpression)
        case project([BoundExpression], names: [String])
    }

    /// Inputs below this many rows run whole: the morsels would cost more than they save.
    static let minimumRows = Parallel.cutSize(normally: 1 << 18)

    var steps: [Step]
    var source: QueryPlan

    /// The filters and projections at the top of `plan` over what they read; nil when they
    /// compute nothing (none, or projections that only pick columns) and `requiringWork`.
    init?(_ plan: QueryPlan, requiringWork: Bool = true) {
        var steps: [Step] = []
        var node = plan
        loop: while true {
            switch node {
            case .filter where TopRowsPerPartition(node) != nil:
                // Its own operator (the first rows of each partition): it stays the source whole.
                break loop
            case .filter(let input, let condition):
                steps.append(.filter(condition))
                node = input
            case .project(.join, let expressions, _) where expressions.allSatisfy(\.isColumn):
                // The join gathers only the picked columns (Executor): it stays the source whole.
                break loop
            case .project(let input, let expressions, let names):
                steps.append(.project(expressions, names: names))
                node = input
            default:
                break loop
            }
        }
        let computes = steps.contains {
            if case .project(let e, _) = $0 { return !e.allSatisfy(\.isColumn) }
            return true
        }
        guard computes || !requiringWork else { return nil }
        self.steps = steps.reversed()
        source = node
    }

    /// The chain's output for rows `range` of `input` (the source's result), holding only the
    /// output columns at positions `needed`, in that order: the others are never made.
    func run(_ input: Table, rows range: Range<Int>, needed: [Int], evaluator: ExpressionEvaluator) throws -> Table {
        try advance(input, rows: range, evaluator: evaluator).materialize(needed)
    }

    /// For a chain of filters and column picks (`sourceColumns` not nil): the rows of `input`
    /// in `range` that pass its filters, as positions in `input`.
    func selectedRows(_ input: Table, rows range: Range<Int>, evaluator: ExpressionEvaluator) throws -> [Int32] {
        switch try advance(input, rows: range, evaluator: evaluator).selection {
        case .range(let r): return (r.lowerBound..<r.upperBound).map { Int32($0) }
        case .rows(let rows): return rows
        }
    }

    /// Whether a step of the chain is a filter.
    var filters: Bool {
        steps.contains { if case .filter = $0 { true } else { false } }
    }

    /// When the chain only filters and picks columns, the input column behind each output
    /// column: its output is then the input's columns gathered once at the selected rows.
    func sourceColumns(width: Int) -> [Int]? {
        var map = Array(0..<width)
        for step in steps {
            guard case .project(let expressions, _) = step else { continue }
            var picked: [Int] = []
            for e in expressions {
                guard case .column(let i, _) = e else { return nil }
                picked.append(map[i])
            }
            map = picked
        }
        return map
    }

    /// The chain's steps over rows `range` of `input`, copying only what each step reads.
    private func advance(_ input: Table, rows range: Range<Int>, evaluator: ExpressionEvaluator) throws -> MorselView {
        var view = MorselView(table: input, selection: .range(range))
        for step in steps {
            switch step {
            case .filter(let condition):
                let read = condition.columnsRead.sorted()
                let narrow = view.materialize(read)
                let kept = try evaluator.selection(condition.remapped(MorselView.positions(of: read, width: view.table.columnCount)), narrow)
                if kept.count < view.count { view.select(kept) }
            case .project(let expressions, let names):
                if expressions.allSatisfy(\.isColumn) {
                    // Columns picked: the same buffers renamed, nothing copied yet.
                    let picked = expressions.map { e -> Column in
                        guard case .column(let i, _) = e else { preconditionFailure() }
                        return view.table.columns[i]
                    }
                    view.table = Table(columnNames: names, columns: picked, rowCount: view.table.rowCount)
                    continue
                }
                let read = expressions.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }.sorted()
                let narrow = view.materialize(read)
                let moved = MorselView.positions(of: read, width: view.table.columnCount)
                let columns = try expressions.map { try evaluator.evaluate($0.remapped(moved), narrow) }
                view = MorselView(table: Table(columnNames: names, columns: columns, rowCount: narrow.rowCount),
                                  selection: .range(0..<narrow.rowCount))
            }
        }
        return view
    }

    /// The chain again, over an input already computed.
    func plan(over input: Table) -> QueryPlan {
        steps.reduce(QueryPlan.scan(name: "morsel input", table: input)) { plan, step in
            switch step {
            case .filter(let condition): return .filter(plan, condition)
            case .project(let expressions, let names): return .project(plan, expressions, names: names)
            }
        }
    }

    /// The chain's output column names over the source's `input`.
    func outputNames(over input: Table) -> [String] {
        for step in steps.reversed() {
            if case .project(_, let names) = step { return names }
        }
        return input.columnNames
    }

}

/// Some rows of a table, not yet copied: a range of it, or the rows a filter kept.
struct MorselView {
    enum Selection {
        case range(Range<Int>)
        case rows([Int32])
    }

    var table: Table
    var selection: Selection

    var count: Int {
        switch selection {
        case .range(let r): return r.count
        case .rows(let rows): return rows.count
        }
    }

    /// Keeps the rows at `kept`, positions among the rows selected now.
    mutating func select(_ kept: [Int32]) {
        switch selection {
        case .range(let r):
            let base = Int32(r.lowerBound)
            selection = .rows(kept.map { base + $0 })
        case .rows(let rows):
            selection = .rows(rows.withUnsafeBufferPointer { rows in kept.map { rows[Int($0)] } })
        }
    }

    /// The selected rows of the columns at `columns`, copied into a table of their own.
    func materialize(_ columns: [Int]) -> Table {
        let picked = columns.map { c -> Column in
            let column = table.columns[c]
            switch selection {
            case .range(let r): return r == 0..<table.rowCount ? column : column.slice(r)
            case .rows(let rows): return column.gather(rows)
            }
        }
        return Table(columnNames: columns.map { table.columnNames[$0] }, columns: picked, rowCount: count)
    }

    /// For remapping an expression onto `materialize(read)`: each read column's new position.
    static func positions(of read: [Int], width: Int) -> [Int] {
        var moved = [Int](repeating: -1, count: width)
        for (k, c) in read.enumerated() { moved[c] = k }
        return moved
    }
}
