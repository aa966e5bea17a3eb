import CarnetQuery

/// A command that failed: what went wrong, where in the typed text, and what to do instead.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of failure it is, so callers decide without reading the message (which the
    /// locale may translate).
    public enum Kind: Sendable, Equatable {
        /// The words do not form the command (or the SQL is not SQL Carnet reads).
        case syntax
        /// A command, table, column, setting or option the words name does not exist.
        case unknownName
        /// Anything else: a value out of range, a file that cannot be read or written…
        case invalid
    }

    public var message: String
    public var hint: String?
    /// Character offset in the command text that the error points at.
    public var position: Int?
    public var kind: Kind

    public init(_ message: String, hint: String? = nil, position: Int? = nil, kind: Kind = .invalid) {
        self.message = message
        self.hint = hint
        self.position = position
        self.kind = kind
    }

    /// A query's error as the command's, pointing at the same place (moved by `offset` when the
    /// query starts inside the command's text).
    public init(_ error: QueryError, offset: Int = 0) {
        let kind: Kind = switch error.kind {
        case .syntax: .syntax
        case .unknownTable, .unknownColumn, .unknownFunction: .unknownName
        case .invalid, .interrupted: .invalid
        }
        self.init(error.message, hint: error.hint, position: error.position.map { $0 + offset }, kind: kind)
    }

    public var description: String {
        hint.map { "\(message)\n  hint: \($0)" } ?? message
    }
}
