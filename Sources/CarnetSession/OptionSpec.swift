/// What the value of a `KEY=VALUE` option is: completion offers it, help describes it.
public enum OptionValue: Sendable, Equatable {
    /// A column of the command's table.
    case column
    /// Columns separated by commas (`y=depenses,recettes`).
    case columns
    /// One of these words.
    case choice([String])
    /// Free text, a number or a size: nothing to complete.
    case text(String)
}

/// One `KEY=VALUE` option of a command, declared once in its `CommandSpec`: completion offers
/// the key and its values from it.
public struct OptionSpec: Sendable, Equatable {
    public let name: String
    public let value: OptionValue

    public init(_ name: String, _ value: OptionValue) {
        self.name = name
        self.value = value
    }
}
