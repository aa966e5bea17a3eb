import CarnetEngine
import CarnetIO

/// A table held by the session, with where it came from.
public struct NamedTable: Sendable {
    public var name: String
    public var table: Table
    /// The file it was loaded from, if any.
    public var source: String?
    public var report: LoadReport?
    /// The SHA-256 of the file as it was loaded (hex), for provenance.
    public var sha256: String? = nil
}

/// The tables of a session, in the order they were created. Names are case-insensitive.
public struct Workspace: Sendable {
    public private(set) var entries: [NamedTable] = []

    public init() {}

    public var names: [String] { entries.map(\.name) }

    public func entry(named name: String) -> NamedTable? {
        entries.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Adds a table, replacing one of the same name in place.
    public mutating func put(_ entry: NamedTable) {
        if let i = entries.firstIndex(where: { $0.name.lowercased() == entry.name.lowercased() }) {
            entries[i] = entry
        } else {
            entries.append(entry)
        }
    }

    @discardableResult
    public mutating func remove(named name: String) -> Bool {
        guard let i = entries.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else { return false }
        entries.remove(at: i)
        return true
    }

    /// The table called `name`, or an error that suggests a near name.
    public func require(_ name: String, position: Int? = nil) throws -> NamedTable {
        if let found = entry(named: name) { return found }
        if entries.isEmpty {
            throw CommandError("there is no table \(quotedText(name)): nothing is loaded yet",
                               hint: "load a file first: load PATH [as NAME]", position: position, kind: .unknownName)
        }
        let guess = Suggestion.nearest(to: name, in: names)
        throw CommandError("there is no table \(quotedText(name))",
                           hint: guess.map { "did you mean `\($0)`?" } ?? "tables are: " + names.joined(separator: ", "),
                           position: position, kind: .unknownName)
    }
}
