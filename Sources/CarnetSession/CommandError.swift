/// A command that failed: what went wrong, where in the typed text, and what to do instead.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    /// Character offset in the command text that the error points at.
    public var position: Int?

    public init(_ message: String, hint: String? = nil, position: Int? = nil) {
        self.message = message
        self.hint = hint
        self.position = position
    }

    public var description: String {
        hint.map { "\(message)\n  hint: \($0)" } ?? message
    }
}
