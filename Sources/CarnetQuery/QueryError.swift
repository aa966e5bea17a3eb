/// A query that cannot run: what is wrong, where in the SQL text, and what to do instead.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Character offset in the SQL text.
    public var position: Int?
    public var hint: String?

    public init(_ message: String, at position: Int? = nil, hint: String? = nil) {
        self.message = message
        self.position = position
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}
