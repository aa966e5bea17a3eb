import CarnetEngine
/// `help [COMMAND]`: the command list, or one command's syntax and examples.
enum HelpCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "help",
        aliases: ["?"],
        synopsis: "help [COMMAND]",
        summary: "list the commands, or show one command's syntax and examples",
        examples: ["help", "help load"],
        recorded: false,
        complete: { words in words.count <= 2 ? .commandName : .none },
        run: { _, invocation in
            guard let word = invocation.words.first else { return .text(overview) }
            if let sql = sqlHelp[word.text.lowercased()] { return .text(sql) }
            guard let command = CommandRegistry.command(named: word.text) else {
                let guess = Suggestion.nearest(to: word.text, in: CommandRegistry.names + Array(sqlHelp.keys))
                throw CommandError("no command \(quotedText(word.text))",
                                   hint: guess.map { "did you mean `help \($0)`?" } ?? "`help` lists the commands",
                                   position: word.offset)
            }
            return .text(command.helpText)
        }
    )

    static var overview: String {
        let width = CommandRegistry.commands.map { $0.name.count }.max() ?? 0
        var lines = ["commands:"]
        for command in CommandRegistry.commands {
            lines.append("  " + DisplayWidth.pad(command.name, to: width + 2, right: false) + command.summary)
        }
        lines.append("SQL:")
        for (name, summary) in sqlSummaries {
            lines.append("  " + DisplayWidth.pad(name, to: width + 2, right: false) + summary)
        }
        lines.append("`help COMMAND` gives its syntax and an example; `help select` explains SQL.")
        return lines.joined(separator: "\n")
    }

    static let sqlSummaries: [(String, String)] = [
        ("SELECT", "query the session's tables: SELECT … FROM … WHERE … GROUP BY … ORDER BY … LIMIT …;"),
        ("let", "keep a query's result as a table: let NAME = SELECT …;"),
        ("explain", "show the plan of a query: explain SELECT …;"),
    ]

    /// `help select`, `help let`, `help explain`: SQL is not a command of the registry.
    static let sqlHelp: [String: String] = {
        let select = """
        SELECT columns FROM table [JOIN other ON …] [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT n];
          SQL on the session's tables: every loaded table is a table of the query. At the prompt a
          query ends with `;` (in scripts also at a blank line or the next command).
          Also: WITH name AS (SELECT …), UNION ALL, subqueries in FROM and in expressions,
          window functions (row_number() OVER (PARTITION BY … ORDER BY …)), CASE, CAST, LIKE,
          exact decimal sums for money. Text compares by its UTF-8 bytes; NULL follows SQL's rules.
          docs/sql.md lists every function with its result type.
        examples:
          SELECT zone, nb_entreprises FROM zae ORDER BY nb_entreprises DESC LIMIT 3;
          SELECT sens, sum(montant) AS total FROM budget GROUP BY sens;
          let grandes = SELECT * FROM zae WHERE nb_entreprises >= 80;
        """
        let letText = """
        let NAME = SELECT …;
          runs the query and keeps its result as the table NAME (replacing one of that name);
          CREATE TABLE NAME AS SELECT … does the same.
        example:
          let grandes = SELECT * FROM zae WHERE nb_entreprises >= 80;
        """
        let explain = """
        explain SELECT …;
          prints the plan Carnet runs for the query (scans, filters, joins, aggregates, sorts)
          without running it.
        example:
          explain SELECT sens, sum(montant) FROM budget GROUP BY sens;
        """
        return ["select": select, "sql": select, "with": select, "let": letText, "explain": explain]
    }()
}
