import CarnetEngine

/// Numbers in prose that stay true: a note typed with `{{SELECT …}}` stores the query and the
/// value it gave, `<!--{{SELECT …}}-->912<!--/-->`, so that a forge shows `912` and a replay
/// computes it again. `carnet run --check` fails when a value changed; `carnet run` rewrites it.
enum LiveValues {
    static let open = "<!--{{", middle = "}}-->", close = "<!--/-->"

    /// A piece of prose: text as written, or a live value with its query and last rendering.
    enum Piece: Equatable {
        case text(String)
        case live(sql: String, value: String?)
    }

    static func contains(_ text: String) -> Bool { text.contains("{{") }

    /// The pieces of a note, stored (`<!--{{…}}-->v<!--/-->`) or typed (`{{…}}`).
    static func pieces(_ text: String) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            var before = rest[..<start.lowerBound]
            let stored = before.hasSuffix("<!--")
            if stored { before = before.dropLast(4) }
            guard let end = rest[start.upperBound...].range(of: "}}") else {
                throw CommandError("a live value opened with {{ is never closed with }}", hint: "write {{SELECT …}} around a query that gives one value")
            }
            let sql = String(rest[start.upperBound..<end.lowerBound]).trimmingWhitespace()
            if !before.isEmpty { pieces.append(.text(String(before))) }
            rest = rest[end.upperBound...]
            if stored, rest.hasPrefix("-->"), let valueEnd = rest.range(of: close) {
                pieces.append(.live(sql: sql, value: String(rest[rest.index(rest.startIndex, offsetBy: 3)..<valueEnd.lowerBound])))
                rest = rest[valueEnd.upperBound...]
            } else {
                pieces.append(.live(sql: sql, value: nil))
            }
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// Each live value computed again in `session`; text left as it is.
    static func refresh(_ pieces: [Piece], in session: Session) throws -> [Piece] {
        try pieces.map { piece in
            guard case .live(let sql, _) = piece else { return piece }
            return .live(sql: sql, value: try value(of: sql, in: session))
        }
    }

    /// The stored form, for the notebook.
    static func stored(_ pieces: [Piece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let t): return t
            case .live(let sql, let value): return open + sql + middle + (value ?? "") + close
            }
        }.joined()
    }

    /// What a reader sees: the values without their queries.
    static func shown(_ pieces: [Piece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let t): return t
            case .live(_, let value): return value ?? ""
            }
        }.joined()
    }

    /// The sentences of `after` that differ from those of `before` (both as shown), for messages.
    static func changedSentences(before: String, after: String) -> [(String, String)] {
        func sentences(_ s: String) -> [String] {
            var out: [String] = []
            var current = ""
            for ch in s {
                current.append(ch)
                if ch == "." || ch == "!" || ch == "?" || ch == "\n" {
                    let t = current.trimmingWhitespace()
                    if !t.isEmpty { out.append(t) }
                    current = ""
                }
            }
            let t = current.trimmingWhitespace()
            if !t.isEmpty { out.append(t) }
            return out
        }
        let a = sentences(before), b = sentences(after)
        guard a.count == b.count else { return [(before.trimmingWhitespace(), after.trimmingWhitespace())] }
        return zip(a, b).filter { $0 != $1 }
    }

    /// `SELECT … | €`: the query and the unit written after its value. The unit is what follows
    /// the last lone `|` (`||` is SQL's concatenation), when it is short and holds no SQL.
    static func unitSuffix(_ source: String) -> (sql: String, unit: String?) {
        let chars = Array(source)
        guard let bar = chars.lastIndex(of: "|"), bar > 0, chars[bar - 1] != "|" else { return (source, nil) }
        let unit = String(chars[(bar + 1)...]).trimmingWhitespace()
        guard !unit.isEmpty, unit.count <= 16, !unit.contains(where: { "'\"()|".contains($0) }) else { return (source, nil) }
        return (String(chars[..<bar]).trimmingWhitespace(), unit)
    }

    /// One value, written for people in the session's locale: `912`, `36 600 000 €`, `43,9`.
    /// A number with no fraction is written without one (`36 600 000 €`, not `36 600 000,00 €`).
    static func value(of source: String, in session: Session) throws -> String {
        if source.hasPrefix("$") {
            let name = String(source.dropFirst()).lowercased()
            guard let value = session.parameters[name] else {
                throw CommandError("{{\(source)}}: there is no parameter \(name)", hint: "declare it first: param \(name) = VALUE")
            }
            return value
        }
        let (query, explicitUnit) = unitSuffix(source)
        let sql = Parameters.substitute(query, session.parameters)
        let table: Table
        do {
            (table, _) = try SQLRunner.table(sql, in: session)
        } catch let error as CommandError {
            throw CommandError("the live value {{\(sql)}} fails: \(error.message)", hint: error.hint)
        }
        guard table.rowCount == 1, table.columnCount == 1 else {
            throw CommandError("the live value {{\(sql)}} gives \(table.rowCount) row(s) × \(table.columnCount) column(s); it must give one value",
                               hint: "aggregate or filter it: {{SELECT sum(col) FROM t}}, {{SELECT col FROM t WHERE …}}")
        }
        let name = table.columnNames[0], column = table.columns[0]
        if column.isNull(0) { return "NULL" }
        let formatter = ValueFormatter(locale: session.settings.locale, grouping: !ColumnNaming.isPlainNumber(name, column))
        // A count has no unit, whatever it counts (`count(superficie_ha)` is 9, not 9 ha).
        let counts = name.lowercased().hasPrefix("count")
        let unit = explicitUnit ?? (column.type.isNumeric && !counts ? Summary.unit(ofMeasure: name) : nil)
        let text: String
        switch column.value(at: 0) {
        case .decimal(let units, let scale) where unit == "€" && scale < 2 && units % FixedPoint.powersOfTen[scale] != 0
                && FixedPoint.rescale(units, from: scale, to: 2) != nil:
            // Money with a fraction is written in cents: 98,50 €, not 98,5 €.
            text = formatter.format(.decimal(FixedPoint.rescale(units, from: scale, to: 2)!, scale: 2))
        case .decimal(let units, let scale) where units % FixedPoint.powersOfTen[scale] == 0:
            text = formatter.format(.int64(units / FixedPoint.powersOfTen[scale]))
        case .double(let v) where v == v.rounded() && abs(v) < 1e15:
            text = formatter.format(.int64(Int64(v)))
        case .double(let v):
            text = formatter.format(v, fractionDigits: 2)
        case let cell:
            text = formatter.format(cell)
        }
        return text + (unit.map { "\u{A0}" + $0 } ?? "")
    }
}
