import CarnetEngine
import CarnetIO
import CarnetQuery

/// The state of one Carnet session (its tables and settings) and the one way to change it:
/// running a command. Knows nothing of terminals; the shell and notebooks drive it.
public final class Session {
    public var workspace = Workspace()
    public var settings = Settings()
    /// Folder that relative paths start from; nil means the process's current folder.
    public var baseDirectory: String?
    /// Reports load progress and interruption (the shell sets it on a terminal).
    public var loadMonitor: LoadMonitor = .none
    /// The session as a notebook: commands with their outputs, and notes.
    public var document = NotebookDocument()
    /// Where the notebook was opened from or last saved.
    public var notebookPath: String?
    /// Successful recorded commands go into `document` (off while replaying).
    public var isRecording = true
    /// Writes must stay inside `baseDirectory` (replaying a notebook received from elsewhere).
    public var restrictWrites = false
    /// Where each recorded command is appended as it succeeds, to recover after a crash.
    public var journal: Journal?
    /// `param NAME = VALUE` values (names lower-cased), put in place of `$NAME`.
    public var parameters: [String: String] = [:]
    /// Values given with `carnet run -P NAME=VALUE`: they win over the notebook's own.
    public var parameterOverrides: [String: String] = [:]

    public init() {
        // Before the first load: its large buffers are reused through the heap too.
        AllocatorPolicy.configure()
    }

    /// The outcome of one command line.
    public enum Outcome {
        case success(CommandOutput, recorded: Bool)
        case failure(CommandError)
        /// Nothing to run (blank line or comment).
        case empty
    }

    /// Runs one command line; never throws: failures come back as `.failure`.
    public func execute(_ line: String) -> Outcome {
        var text = line.trimmingWhitespace()
        while text.hasSuffix(";") { text.removeLast(); text = text.trimmingWhitespace() }
        if text.isEmpty || text.hasPrefix("--") || text.hasPrefix("#") { return .empty }
        // Commands are recorded as typed (`load $fichier`), and run with the parameters' values.
        let typed = text
        // A note keeps `$NAME` as a live reference instead (a replay with -P rewrites it).
        let head = text.prefix { !$0.isWhitespace }.lowercased()
        if head != "param", head != "note" { text = Parameters.substitute(text, parameters) }
        do {
            if SQLParser.looksLikeSQL(text) {
                let output = try SQLRunner.run(text, in: self)
                record(typed, output)
                return .success(output, recorded: true)
            }
            let name = String(text.prefix { !$0.isWhitespace })
            let nameOffset = 0
            // Commands that take their text as typed (note, echo) do not split it into words.
            if let spec = CommandRegistry.command(named: name), spec.takesRawText {
                let rest = text.dropFirst(name.count).drop { $0.isWhitespace }
                let words = [CommandWord(text: name, quoted: false, offset: nameOffset)]
                    + (rest.isEmpty ? [] : [CommandWord(text: String(rest), quoted: false, offset: text.count - rest.count)])
                let output = try spec.run(self, Invocation(text: text, words: Array(words.dropFirst())))
                if spec.recorded { record(typed, output) }
                return .success(output, recorded: spec.recorded)
            }
            let words = try CommandWords.split(text)
            guard let first = words.first else { return .empty }
            guard let spec = CommandRegistry.command(named: first.text) else {
                // SQL's first words count too: `SELEC` gets "did you mean SELECT".
                let sqlWords = ["SELECT", "WITH", "let", "explain"]
                let guess = Suggestion.nearest(to: first.text, in: CommandRegistry.names + sqlWords)
                    .map { g in sqlWords.contains(g) && first.text == first.text.uppercased() ? g.uppercased() : g }
                return .failure(CommandError(
                    "unknown command \(quotedText(first.text))",
                    hint: guess.map { "did you mean `\($0)`? (`help` lists the commands)" } ?? "`help` lists the commands",
                    position: first.offset, kind: .unknownName))
            }
            let output = try spec.run(self, Invocation(text: text, words: Array(words.dropFirst())))
            if spec.recorded { record(typed, output) }
            return .success(output, recorded: spec.recorded)
        } catch let error as CommandError {
            return .failure(error)
        } catch let error as QueryError {
            // A clause of count/aggregate/pivot that does not parse: its offsets are the command's.
            return .failure(CommandError(error))
        } catch let error as LoadError {
            return .failure(CommandError(error.description))
        } catch let error as MemoryLimitExceeded {
            return .failure(CommandError(error.description, hint: error.hint))
        } catch is LoadInterrupted {
            return .failure(CommandError("interrupted: nothing was loaded, tables are as they were"))
        } catch {
            return .failure(CommandError("\(error)"))
        }
    }

    /// Resolves a path typed by the user against `baseDirectory`.
    public func resolve(_ path: String) -> String {
        var expanded = path
        if expanded.hasPrefix("~/"), let home = environment("HOME") {
            expanded = home + expanded.dropFirst(1)
        }
        guard let base = baseDirectory, !expanded.hasPrefix("/") else { return expanded }
        return base.hasSuffix("/") ? base + expanded : base + "/" + expanded
    }
}
