import CarnetEngine

/// One column visible to an expression: which table it comes from, its name and type.
struct ScopeColumn: Sendable {
    var table: String?
    var name: String
    var type: DataType
    /// Not expanded by `*` nor found by an unqualified name (the right side of JOIN … USING).
    var hidden = false
    /// A bare NULL: its type is whatever the other SELECTs of a UNION ALL say.
    var untypedNull = false
}

/// The columns a query level can read, in the order of its input table.
struct Scope: Sendable {
    var columns: [ScopeColumn]

    /// Finds a column by name (exact case first, then ignoring case), with errors that name
    /// the near misses.
    func resolve(table: String?, name: String, at offset: Int) throws -> Int {
        func matches(_ c: ScopeColumn, exact: Bool) -> Bool {
            if let table {
                guard let t = c.table, exact ? t == table : t.lowercased() == table.lowercased() else { return false }
            } else if c.hidden {
                return false
            }
            return exact ? c.name == name : c.name.lowercased() == name.lowercased()
        }
        for exact in [true, false] {
            let found = columns.indices.filter { matches(columns[$0], exact: exact) }
            if found.count == 1 { return found[0] }
            if found.count > 1 {
                let tables = found.compactMap { columns[$0].table }.map { "\($0).\(name)" }
                throw QueryError("the column name \(name) is ambiguous", at: offset,
                                 hint: "write one of " + tables.joined(separator: ", "))
            }
        }
        let candidates = columns.filter { !$0.hidden }.map(\.name)
        if let table, !columns.contains(where: { $0.table?.lowercased() == table.lowercased() }) {
            let tables = Array(Set(columns.compactMap(\.table))).sorted()
            throw QueryError("there is no table \(table) in this query", at: offset,
                             hint: Suggestion.nearest(to: table, in: tables).map { "did you mean \($0)?" } ?? "tables here: " + tables.joined(separator: ", "),
                             kind: .unknownTable)
        }
        let guess = Suggestion.nearest(to: name, in: candidates)
        throw QueryError("there is no column \(name)", at: offset,
                         hint: guess.map { "did you mean \(SQLText.identifier($0))?" } ?? "columns are: " + candidates.map(SQLText.identifier).joined(separator: ", "),
                         kind: .unknownColumn)
    }
}
