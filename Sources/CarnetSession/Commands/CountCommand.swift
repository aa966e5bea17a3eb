/// `count TABLE by COL[, COL]`: a frequency table, most frequent first.
enum CountCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "count",
        aliases: ["freq"],
        synopsis: "count NAME|(SELECT …) [by COL[, COL …]]",
        summary: "count rows, or rows per value of some columns, with their share in percent",
        details: "Compiles to SELECT COLS, count(*), 100.0 * count(*) / sum(count(*)) OVER () … GROUP BY COLS.",
        examples: ["count zae", "count budget by sens, section"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : (words.count == 3 ? .words(["by"]) : .columnName) },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            let clauses = try FriendlyClauses.parse(source.rest, offset: source.restOffset, keywords: ["by"], usage: spec.synopsis)
            guard let columns = clauses["by"] else {
                return try SQLRunner.run("SELECT count(*) AS count FROM \(source.sqlFrom)", in: session)
            }
            let sql = "SELECT \(columns), count(*) AS count, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent "
                + "FROM \(source.sqlFrom) GROUP BY \(columns) ORDER BY count DESC, \(columns)"
            return try SQLRunner.run(sql, in: session)
        }
    )
}

/// `aggregate TABLE sum(COL)[, avg(COL) …] [by COL[, COL]] [where CONDITION]`.
enum AggregateCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "aggregate",
        aliases: ["agg"],
        synopsis: "aggregate NAME|(SELECT …) AGG(COL)[, …] [by COL[, COL …]] [where CONDITION]",
        summary: "sums, averages, counts… per group (sum, avg, count, min, max, median, stddev)",
        details: "Compiles to SELECT COLS, AGGS FROM … [WHERE …] GROUP BY COLS ORDER BY COLS.",
        examples: ["aggregate budget sum(montant) by sens, section", "aggregate zae sum(nb_entreprises), avg(superficie_ha) where superficie_ha > 10"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .columnName },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            let clauses = try FriendlyClauses.parse(source.rest, offset: source.restOffset, keywords: ["", "by", "where"], usage: spec.synopsis)
            guard let aggregates = clauses[""], !aggregates.isEmpty else {
                throw CommandError("aggregate needs at least one aggregate, e.g. sum(montant)", hint: "usage: \(spec.synopsis)", position: source.restOffset)
            }
            var sql = "SELECT " + (clauses["by"].map { $0 + ", " } ?? "") + aggregates + " FROM \(source.sqlFrom)"
            if let condition = clauses["where"] { sql += " WHERE \(condition)" }
            if let by = clauses["by"] { sql += " GROUP BY \(by) ORDER BY \(by)" }
            return try SQLRunner.run(sql, in: session)
        }
    )
}

/// Splits the text of a friendly command into clauses led by keywords (`by`, `where`…), outside
/// quotes and parentheses. The clause before the first keyword is keyed "".
enum FriendlyClauses {
    static func parse(_ text: String, offset: Int, keywords: [String], usage: String) throws -> [String: String] {
        var clauses: [String: String] = [:]
        var current = ""
        var key = ""
        var depth = 0
        var quote: Character?
        var word = ""
        func flush() throws {
            let value = current.trimmingWhitespace()
            if !value.isEmpty || key != "" {
                guard !value.isEmpty else { throw CommandError("`\(key)` needs something after it", hint: "usage: \(usage)", position: offset + text.count) }
                guard keywords.contains(key) else {
                    throw CommandError("unexpected text \(quotedText(value))", hint: "usage: \(usage)", position: offset)
                }
                clauses[key] = value
            }
            current = ""
        }
        for c in text + " " {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
                continue
            }
            if c == "'" || c == "\"" { quote = c }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c == " ", depth == 0 {
                let lowered = word.lowercased()
                if keywords.contains(lowered), lowered != "" {
                    current.removeLast(word.count)
                    try flush()
                    key = lowered
                    word = ""
                    continue
                }
                word = ""
                current.append(c)
                continue
            }
            word.append(c)
            current.append(c)
        }
        try flush()
        return clauses
    }
}
