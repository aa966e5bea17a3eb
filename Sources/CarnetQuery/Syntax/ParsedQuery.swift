/// One item of a select list: an expression and its name, if given.
public struct ParsedSelectItem: Sendable {
    var expression: ParsedExpression
    var alias: String?
}

/// How two tables are joined.
public enum JoinKind: String, Sendable {
    case inner = "INNER", left = "LEFT", cross = "CROSS"
    /// Outer joins keeping the right side's unmatched rows (RIGHT), or both sides' (FULL).
    case right = "RIGHT", full = "FULL"
    /// The left rows that have a match (EXISTS, IN), or that have none (NOT EXISTS): left
    /// columns only, each left row once. Made by the binder from correlated subqueries.
    case semi = "SEMI", anti = "ANTI"
}

/// What a FROM clause reads.
public indirect enum ParsedFrom: Sendable {
    case table(name: String, alias: String?, at: Int)
    case subquery(ParsedQuery, alias: String, at: Int)
    case join(ParsedFrom, ParsedFrom, JoinKind, on: ParsedExpression?, using: [String], at: Int)
}

/// `SELECT … FROM … WHERE … GROUP BY … HAVING …` without ORDER BY and LIMIT, which belong to
/// the whole query (and so to a whole UNION ALL).
public struct ParsedSelectCore: Sendable {
    var distinct = false
    var items: [ParsedSelectItem] = []
    var from: ParsedFrom?
    var filter: ParsedExpression?
    var groupBy: [ParsedExpression] = []
    /// `GROUP BY ALL`: every select item without an aggregate is a key (DuckDB).
    var groupByAll = false
    /// ROLLUP, CUBE, GROUPING SETS: each set as positions in `groupBy`; nil for a plain GROUP BY.
    var groupingSets: [[Int]]?
    var having: ParsedExpression?
    /// `QUALIFY condition`: filters rows after the window functions (DuckDB, Snowflake).
    var qualify: ParsedExpression?
    var at = 0
}

/// A whole query: common table expressions, one or more cores joined by UNION ALL, then
/// ORDER BY, LIMIT and OFFSET.
public struct ParsedQuery: Sendable {
    /// `WITH name [(column, …)] AS (…)`: the optional list renames the query's columns.
    var with: [(name: String, columns: [String]?, query: ParsedQuery)] = []
    var cores: [ParsedSelectCore] = []
    var orderBy: [ParsedOrderItem] = []
    var limit: Int?
    var offset: Int?
}

/// A statement of the SQL subset.
public enum ParsedStatement: Sendable {
    case query(ParsedQuery)
    /// `let NAME = SELECT …` or `CREATE TABLE NAME AS SELECT …`.
    case createTable(name: String, query: ParsedQuery)
    case explain(ParsedQuery)
}
