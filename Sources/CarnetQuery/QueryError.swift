/// A query that cannot run: what is wrong, where in the SQL text, and what to do instead.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of failure it is, so callers decide without reading the message (which the
    /// locale may one day translate).
    public enum Kind: Sendable, Equatable {
        /// The text is not SQL that Carnet reads.
        case syntax
        /// A table the query names (in FROM, or before a column's dot) does not exist.
        case unknownTable
        /// A column the query names does not exist in its tables.
        case unknownColumn
        /// A function the query calls does not exist.
        case unknownFunction
        /// Anything else: a type that does not fit, a limit, a value that cannot be computed.
        case invalid
        /// Stopped by the user (Ctrl-C) while it ran.
        case interrupted
    }

    public var message: String
    /// Character offset in the SQL text.
    public var position: Int?
    public var hint: String?
    public var kind: Kind

    public init(_ message: String, at position: Int? = nil, hint: String? = nil, kind: Kind = .invalid) {
        self.message = message
        self.position = position
        self.hint = hint
        self.kind = kind
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }

    /// A query stopped by Ctrl-C: it had not changed anything yet.
    static var interrupted: QueryError {
        QueryError("interrupted: the query was stopped, tables are as they were", kind: .interrupted)
    }
}
