import CarnetQuery

/// `count TABLE by COL[, COL]`: a frequency table, most frequent first.
enum CountCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "count",
        aliases: ["freq"],
        synopsis: "count NAME|(SELECT …) [by COL[, COL …]]",
        summary: "count rows, or rows per value of some columns, with their share in percent",
        details: "Runs SELECT COLS, count(*), 100.0 * count(*) / sum(count(*)) OVER () … GROUP BY COLS.",
        examples: ["count zae", "count budget by sens, section"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : (words.count == 3 ? .words(["by"]) : .columnName) },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            let clauses = try FriendlyClauses.parse(source.rest, offset: source.restOffset, keywords: ["by"], usage: spec.synopsis)
            return try SQLRunner.run(try CommandQuery.count(source.queried, by: clauses["by"]), in: session)
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
        details: "Runs SELECT COLS, AGGS FROM … [WHERE …] GROUP BY COLS ORDER BY COLS.",
        examples: ["aggregate budget sum(montant) by sens, section", "aggregate zae sum(nb_entreprises), avg(superficie_ha) where superficie_ha > 10"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .columnName },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            let clauses = try FriendlyClauses.parse(source.rest, offset: source.restOffset, keywords: ["", "by", "where"], usage: spec.synopsis)
            guard let aggregates = clauses[""] else {
                throw CommandError("aggregate needs at least one aggregate, e.g. sum(montant)", hint: "usage: \(spec.synopsis)", position: source.restOffset)
            }
            let query = try CommandQuery.aggregate(source.queried, aggregates, by: clauses["by"], where: clauses["where"])
            return try SQLRunner.run(query, in: session)
        }
    )
}
