import CarnetEngine
import CarnetQuery

/// The first argument of commands that read a table: a table name, or `(SELECT …)`.
struct TableSource {
    /// The table's name, or `query` for a parenthesized query.
    var label: String
    /// How SQL built by a command refers to it: the quoted name or `(SELECT …) AS src`.
    var sqlFrom: String
    /// The inner SQL of `(SELECT …)` and where it starts in the command text.
    var query: (sql: String, offset: Int)?
    /// The text after the source.
    var rest: String
    /// Where `rest` starts in the command text.
    var restOffset: Int
    /// Where the table's name (or the query's parenthesis) starts in the command text.
    var nameOffset: Int

    /// Splits `text` (the command text after its name, starting at `offset`).
    static func parse(_ text: String, offset: Int, session: Session, usage: String) throws -> TableSource {
        let chars = Array(text)
        var i = 0
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count else { throw CommandError("a table name or (SELECT …) is missing", hint: "usage: \(usage)", position: offset + i) }
        if chars[i] == "(" {
            var depth = 0
            var quote: Character?
            var j = i
            while j < chars.count {
                let c = chars[j]
                if let q = quote { if c == q { quote = nil } } else if c == "'" || c == "\"" { quote = c } else if c == "(" { depth += 1 } else if c == ")" {
                    depth -= 1
                    if depth == 0 { break }
                }
                j += 1
            }
            guard j < chars.count else { throw CommandError("the ( of the query is not closed", position: offset + i) }
            let sql = String(chars[(i + 1)..<j])
            return TableSource(label: "query", sqlFrom: "(\(sql)) AS src", query: (sql, offset + i + 1), rest: String(chars[(j + 1)...]), restOffset: offset + j + 1, nameOffset: offset + i)
        }
        var j = i
        var name = ""
        if chars[i] == "\"" {
            j += 1
            while j < chars.count, chars[j] != "\"" { name.append(chars[j]); j += 1 }
            j += 1
        } else {
            while j < chars.count, chars[j] != " " { name.append(chars[j]); j += 1 }
        }
        let entry = try session.workspace.require(name, position: offset + i)
        return TableSource(label: entry.name, sqlFrom: SQLText.delimitedIdentifier(entry.name), query: nil, rest: j < chars.count ? String(chars[j...]) : "", restOffset: offset + j, nameOffset: offset + i)
    }
}

extension TableSource {
    /// The source as the query trees of `count`, `aggregate` and `pivot` read it.
    var queried: CommandQuery.Source {
        if let query { return .query(SQLFragment(query.sql, offset: query.offset)) }
        return .table(label, at: nameOffset)
    }

    /// The table itself: the session's table, or the query's result.
    func table(in session: Session) throws -> (Table, [String]) {
        if let query { return try SQLRunner.table(query.sql, in: session, offset: query.offset) }
        return (try session.workspace.require(label).table, [])
    }
}

extension Invocation {
    /// The command's text after its name, and where that starts.
    var argumentText: (text: String, offset: Int) {
        guard let first = words.first else { return ("", text.count) }
        return (String(text.dropFirst(first.offset)), first.offset)
    }
}
