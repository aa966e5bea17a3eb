/// What the shell may complete at a position of a command (drives Tab completion).
public enum CompletionKind: Sendable, Equatable {
    case none
    case tableName
    case columnName
    case path
    case settingName
    case settingValue(String)
    case commandName
    /// One of these words.
    case words([String])
    /// The command's declared option keys (`delimiter=` …), then these words.
    case optionKeys(plus: [String])
}

/// One command of Carnet: its long name, syntax, help, and how to run it. The registry of these
/// drives parsing, `help`, completion and (later) what notebooks record.
public struct CommandSpec: Sendable {
    public let name: String
    public let aliases: [String]
    /// `load PATH [as NAME] [with OPTION=VALUE …]`
    public let synopsis: String
    /// One line for `help`.
    public let summary: String
    /// More lines for `help NAME`.
    public let details: String
    public let examples: [String]
    /// Whether a successful run belongs in the session's record (and its notebook).
    public let recorded: Bool
    /// The command reads its text as typed (a note's apostrophes are not quotes).
    public let takesRawText: Bool
    /// Which words (after the command name) are file paths: a saved notebook rewrites them
    /// relative to its own folder.
    public let pathWords: @Sendable (_ words: [CommandWord]) -> [Int]
    /// What may come next, given the words typed so far (the command name included).
    public let complete: @Sendable (_ words: [String]) -> CompletionKind
    /// The `KEY=VALUE` options the command takes: `ParsedOptions` checks them, help lists them,
    /// completion offers their keys and values, a saved notebook rewrites their paths.
    public let options: [OptionSpec]
    let run: @Sendable (Session, Invocation) throws -> CommandOutput

    public init(
        name: String, aliases: [String] = [], synopsis: String, summary: String, details: String = "",
        examples: [String], recorded: Bool,
        takesRawText: Bool = false,
        pathWords: @escaping @Sendable ([CommandWord]) -> [Int] = { _ in [] },
        complete: @escaping @Sendable ([String]) -> CompletionKind = { _ in .none },
        options: [OptionSpec] = [],
        run: @escaping @Sendable (Session, Invocation) throws -> CommandOutput
    ) {
        self.name = name
        self.aliases = aliases
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        self.examples = examples
        self.recorded = recorded
        self.takesRawText = takesRawText
        self.pathWords = pathWords
        self.complete = complete
        self.options = options
        self.run = run
    }

    /// The help text of `help NAME`.
    public var helpText: String {
        var lines = ["\(synopsis)", "  \(summary)"]
        if !details.isEmpty { lines += details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 } }
        if !aliases.isEmpty { lines.append("  also: " + aliases.joined(separator: ", ")) }
        if !options.isEmpty {
            lines.append("options:")
            lines += options.helpLines.map { "  " + $0 }
        }
        lines.append("example\(examples.count > 1 ? "s" : ""):")
        lines += examples.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// A command being run: its words after the command name, and the whole text.
public struct Invocation: Sendable {
    public var text: String
    public var words: [CommandWord]

    /// An empty set of the command's options, to fill with `add` word by word.
    public func options(_ spec: CommandSpec) -> ParsedOptions {
        ParsedOptions(command: spec.name, declared: spec.options)
    }

    /// A usage error pointing at `word` (or at the end of the text).
    public func usage(_ spec: CommandSpec, _ message: String, at word: CommandWord? = nil) -> CommandError {
        CommandError(message, hint: "usage: \(spec.synopsis)", position: word?.offset ?? text.count, kind: .syntax)
    }
}
