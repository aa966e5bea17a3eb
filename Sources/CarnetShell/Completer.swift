import CarnetIO
import CarnetEngine
import CarnetQuery
import CarnetSession

#if canImport(Glibc)
import Glibc
#endif

/// Works out what Tab may complete: command names, table and column names, settings, paths.
/// Pure logic over the session, so it is tested without a terminal.
public struct Completer {
    public let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// The current word's start (a character offset) and what may replace it.
    public struct Completion: Equatable {
        public var wordStart: Int
        public var candidates: [String]
    }

    public func complete(_ textBeforeCursor: String) -> Completion {
        let (words, current, start) = Completer.words(of: textBeforeCursor)
        let bare = current.hasPrefix("'") || current.hasPrefix("\"") ? String(current.dropFirst()) : current
        if words.isEmpty {
            let names = CommandRegistry.names + (session.workspace.names.isEmpty ? [] : ["select"])
            return Completion(wordStart: start, candidates: matching(names, bare))
        }
        // Inside a call (`sum(mon`, `count(DISTINCT co`): a column of the tables.
        if let open = current.lastIndex(where: { $0 == "(" || $0 == "," }), !current.contains("=") || current.firstIndex(of: "=")! < open {
            let head = String(current[...open]), tail = String(current[current.index(after: open)...])
            let columns = matching(columnNames(in: words).map(SQLText.identifier), tail)
            return Completion(wordStart: start, candidates: columns.map { head + $0 })
        }
        if SQLParser.looksLikeSQL(words[0]) {
            // After FROM or JOIN a table comes; elsewhere columns, tables and keywords.
            if let last = words.last?.lowercased(), last == "from" || last == "join" {
                return Completion(wordStart: start, candidates: matching(session.workspace.names, bare))
            }
            return Completion(wordStart: start, candidates: sqlCandidates(bare))
        }
        guard let spec = CommandRegistry.command(named: words[0]) else { return Completion(wordStart: start, candidates: []) }
        // `KEY=partial`: the values the option takes (`x=` a column, `sort=d` → `sort=desc`).
        if let eq = current.firstIndex(of: "="), let option = spec.options.named(String(current[..<eq])) {
            var kept = String(current[...eq])
            var partial = String(current[current.index(after: eq)...])
            if case .columns = option.value, let comma = partial.lastIndex(of: ",") {
                kept += partial[...comma]
                partial = String(partial[partial.index(after: comma)...])
            }
            let values: [String]
            switch option.value {
            case .column, .columns: values = columnNames(in: words).map(SQLText.identifier)
            case .path: return Completion(wordStart: start, candidates: Completer.paths(matching: partial, base: session.baseDirectory).map { kept + $0 })
            default: values = option.suggestions
            }
            return Completion(wordStart: start, candidates: matching(values, partial).map { kept + $0 })
        }
        let kind = spec.complete(words + [current])
        let candidates: [String]
        switch kind {
        case .none: candidates = []
        case .tableName: candidates = matching(session.workspace.names, bare)
        case .columnName: candidates = matching(columnNames().map(SQLText.identifier), current)
        case .path: candidates = Completer.paths(matching: bare, base: session.baseDirectory)
        case .settingName: candidates = matching(Settings.catalogue.map(\.name), bare)
        case .settingValue(let name):
            let values = Settings.catalogue.first { $0.name == name }?.values
                .split(separator: "|").map { $0.filter { !$0.isWhitespace } }.filter { $0 != "N" } ?? []
            candidates = matching(values, bare)
        case .commandName: candidates = matching(CommandRegistry.names, bare)
        case .words(let list): candidates = matching(list, bare)
        case .optionKeys(let words): candidates = matching(spec.options.keys + words, bare)
        }
        return Completion(wordStart: start, candidates: candidates)
    }

    /// The columns of the first table the command names, or of every table when it names none
    /// (a query as source).
    private func columnNames(in words: [String]) -> [String] {
        for word in words.dropFirst() {
            if let entry = session.workspace.entry(named: word) { return entry.table.columnNames }
        }
        return columnNames()
    }

    private func columnNames() -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for entry in session.workspace.entries {
            for name in entry.table.columnNames where seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    private func sqlCandidates(_ prefix: String) -> [String] {
        let keywords = ["select", "from", "where", "group", "by", "order", "limit", "having", "join", "on", "as", "and", "or", "not", "distinct"]
        let quotedPrefix = prefix.hasPrefix("\"") ? prefix : prefix
        return matching(session.workspace.names, prefix)
            + matching(columnNames().map(SQLText.identifier), quotedPrefix)
            + matching(keywords, prefix)
    }

    private func matching(_ names: [String], _ prefix: String) -> [String] {
        let lowered = prefix.lowercased()
        let unquoted = lowered.hasPrefix("\"") ? String(lowered.dropFirst()) : lowered
        return names.filter {
            let name = $0.lowercased()
            return name.hasPrefix(lowered) || (name.hasPrefix("\"") && name.dropFirst().hasPrefix(unquoted))
        }
    }

    /// The complete words before the cursor, the word being typed, and where it starts.
    static func words(of text: String) -> (words: [String], current: String, start: Int) {
        var words: [String] = []
        var current = ""
        var start = 0
        var quote: Character?
        for (i, c) in text.enumerated() {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
            } else if c == " " || c == "\t" {
                if !current.isEmpty { words.append(current.unquotedWord()) }
                current = ""
                start = i + 1
            } else {
                if c == "'" || c == "\"" { quote = c }
                current.append(c)
            }
        }
        return (words, current, start)
    }

    /// Files and folders whose path starts with `prefix`; folders end with `/`, paths with
    /// spaces are quoted.
    static func paths(matching prefix: String, base: String?) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let stem = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        var listed = folder.isEmpty ? "." : folder
        if let base, !listed.hasPrefix("/") { listed = base + "/" + listed }
        var results: [String] = []
        for name in POSIXFile.names(in: listed) ?? [] {
            if name.hasPrefix("."), !stem.hasPrefix(".") { continue }
            guard name.hasPrefix(stem) else { continue }
            var info = stat()
            let isDirectory = stat(listed + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            let path = folder + name + (isDirectory ? "/" : "")
            results.append(path.contains(" ") ? "'" + path + (isDirectory ? "" : "'") : path)
        }
        return results.sorted()
    }
}

extension String {
    func unquotedWord() -> String {
        guard let first = first, first == "'" || first == "\"", count >= 2, last == first else { return self }
        return String(dropFirst().dropLast())
    }

}
