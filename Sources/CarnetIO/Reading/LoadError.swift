/// Why a file could not be loaded, with where it happened and what to do about it.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What the user can do next.
    public var hint: String?

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var text = "\(place): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Raised when the user interrupts a load (Ctrl-C): nothing is kept from it.
public struct LoadInterrupted: Error, Sendable {
    public init() {}
}
