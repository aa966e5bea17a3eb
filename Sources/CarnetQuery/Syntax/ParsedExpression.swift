import CarnetEngine

/// A literal value as written in SQL.
public enum Literal: Sendable, Equatable {
    case null
    case integer(Int64)
    case decimal(Int64, scale: Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case date(Int32)
    case timestamp(Int64)
    /// `interval '3' month`: only as an operand of + or - with a date or a timestamp.
    case interval(months: Int, days: Int)
}

/// Binary operators, by the symbol or keyword written.
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR", concat = "||"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .modulo: return true
        default: return false
        }
    }
}

/// `OVER (PARTITION BY … ORDER BY …)`.
public struct ParsedWindow: Sendable {
    var partitionBy: [ParsedExpression]
    var orderBy: [ParsedOrderItem]
}

/// An SQL expression as parsed, before names and types are resolved. Offsets point into the text.
public indirect enum ParsedExpression: Sendable {
    case literal(Literal, at: Int)
    case column(table: String?, name: String, at: Int)
    case star(table: String?, at: Int)
    case negate(ParsedExpression, at: Int)
    case not(ParsedExpression, at: Int)
    case binary(BinaryOperator, ParsedExpression, ParsedExpression, at: Int)
    case isNull(ParsedExpression, negated: Bool, at: Int)
    case inList(ParsedExpression, [ParsedExpression], negated: Bool, at: Int)
    case between(ParsedExpression, ParsedExpression, ParsedExpression, negated: Bool, at: Int)
    case like(ParsedExpression, ParsedExpression, caseInsensitive: Bool, negated: Bool, at: Int)
    case caseWhen(operand: ParsedExpression?, branches: [(ParsedExpression, ParsedExpression)], otherwise: ParsedExpression?, at: Int)
    case cast(ParsedExpression, DataType, at: Int)
    case function(name: String, arguments: [ParsedExpression], distinct: Bool, star: Bool, over: ParsedWindow?, at: Int)
    /// `(SELECT …)` as a value: one column, at most one row.
    case scalarSubquery(ParsedQuery, at: Int)
    /// `x [NOT] IN (SELECT …)`.
    case inSubquery(ParsedExpression, ParsedQuery, negated: Bool, at: Int)
    /// `EXISTS (SELECT …)`; NOT EXISTS is `.not(.exists)`.
    case exists(ParsedQuery, at: Int)

    var offset: Int {
        switch self {
        case .literal(_, let at), .column(_, _, let at), .star(_, let at), .negate(_, let at), .not(_, let at),
             .binary(_, _, _, let at), .isNull(_, _, let at), .inList(_, _, _, let at), .between(_, _, _, _, let at),
             .like(_, _, _, _, let at), .caseWhen(_, _, _, let at), .cast(_, _, let at), .function(_, _, _, _, _, let at),
             .scalarSubquery(_, let at), .inSubquery(_, _, _, let at), .exists(_, let at):
            return at
        }
    }
}

/// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
public struct ParsedOrderItem: Sendable {
    var expression: ParsedExpression
    var descending: Bool
    /// nil: the default (NULLs last ascending, first descending).
    var nullsFirst: Bool?
}
