/// The query trees of the commands that read like sentences (`count`, `aggregate`, `pivot`).
/// Each clause the user typed is parsed on its own, at its own offset in the command, and the
/// tree is built around it: nothing the user typed is pasted into generated SQL text, so an
/// error's caret lands in the command as typed.
public enum CommandQuery {
    /// What the command reads: a table by name, or a query typed in parentheses.
    public enum Source: Sendable {
        case table(String, at: Int)
        case query(SQLFragment)
    }

    /// `count`: rows per value of `keys` with their share in percent, most frequent first;
    /// without keys, the number of rows.
    /// `SELECT keys, count(*) AS count, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
    /// FROM source GROUP BY keys ORDER BY count DESC, keys`
    public static func count(_ source: Source, by keys: SQLFragment?) throws -> ParsedQuery {
        let from = try parsedFrom(source)
        let count = ParsedSelectItem(expression: try generated("count(*)"), alias: "count")
        guard let keys else { return query(ParsedSelectCore(items: [count], from: from)) }
        let groups = try SQLParser.expressions(keys, clause: "the by clause")
        let percent = ParsedSelectItem(expression: try generated("round(100.0 * count(*) / sum(count(*)) OVER (), 1)"), alias: "percent")
        let core = ParsedSelectCore(items: groups.map { ParsedSelectItem(expression: $0, alias: nil) } + [count, percent], from: from, groupBy: groups)
        let order = [ParsedOrderItem(expression: .column(table: nil, name: "count", at: keys.offset), descending: true, nullsFirst: nil)]
            + groups.map { ParsedOrderItem(expression: $0, descending: false, nullsFirst: nil) }
        return query(core, orderBy: order)
    }

    /// `aggregate`: `SELECT [keys,] aggregates FROM source [WHERE condition] [GROUP BY keys ORDER BY keys]`.
    public static func aggregate(_ source: Source, _ aggregates: SQLFragment, by keys: SQLFragment?, where condition: SQLFragment?) throws -> ParsedQuery {
        let from = try parsedFrom(source)
        let items = try SQLParser.selectItems(aggregates, clause: "the aggregates")
        let groups = try keys.map { try SQLParser.expressions($0, clause: "the by clause") } ?? []
        let filter = try condition.map { try SQLParser.expression($0, clause: "the where clause") }
        let core = ParsedSelectCore(items: groups.map { ParsedSelectItem(expression: $0, alias: nil) } + items, from: from, filter: filter, groupBy: groups)
        return query(core, orderBy: groups.map { ParsedOrderItem(expression: $0, descending: false, nullsFirst: nil) })
    }

    /// The four queries of a cross table: the cells per (row, column) label, the totals per row
    /// label and per column label, and the grand total. Labels are text so that any key type
    /// becomes a column name.
    public struct Pivot: Sendable {
        public var cells: ParsedQuery
        public var rowTotals: ParsedQuery
        public var columnTotals: ParsedQuery
        public var grandTotal: ParsedQuery
    }

    /// `pivot`: `SELECT CAST(rows AS text), CAST(columns AS text), value FROM source GROUP BY 1, 2`
    /// and its totals.
    public static func pivot(_ source: Source, rows: SQLFragment, columns: SQLFragment, value: SQLFragment) throws -> Pivot {
        let from = try parsedFrom(source)
        let rowKey = ParsedExpression.cast(try SQLParser.expression(rows, clause: "the rows clause"), .string, at: rows.offset)
        let columnKey = ParsedExpression.cast(try SQLParser.expression(columns, clause: "the columns clause"), .string, at: columns.offset)
        let measure = try SQLParser.expression(value, clause: "the values clause")
        func grouped(_ keys: [ParsedExpression]) -> ParsedQuery {
            query(ParsedSelectCore(items: (keys + [measure]).map { ParsedSelectItem(expression: $0, alias: nil) }, from: from, groupBy: keys))
        }
        return Pivot(cells: grouped([rowKey, columnKey]), rowTotals: grouped([rowKey]), columnTotals: grouped([columnKey]), grandTotal: grouped([]))
    }

    private static func parsedFrom(_ source: Source) throws -> ParsedFrom {
        switch source {
        case .table(let name, let at): return .table(name: name, alias: nil, at: at)
        case .query(let fragment): return .subquery(try SQLParser.query(fragment), alias: "src", at: fragment.offset)
        }
    }

    /// An expression of Carnet's own making (the share in percent): fixed text, never the user's.
    private static func generated(_ sql: String) throws -> ParsedExpression {
        try SQLParser.expression(SQLFragment(sql, offset: 0), clause: "a generated expression")
    }

    private static func query(_ core: ParsedSelectCore, orderBy: [ParsedOrderItem] = []) -> ParsedQuery {
        var query = ParsedQuery()
        query.cores = [core]
        query.orderBy = orderBy
        return query
    }
}

private extension ParsedSelectCore {
    init(items: [ParsedSelectItem], from: ParsedFrom, filter: ParsedExpression? = nil, groupBy: [ParsedExpression] = []) {
        self.init()
        self.items = items
        self.from = from
        self.filter = filter
        self.groupBy = groupBy
    }
}
