import CarnetEngine

/// `summarize SOURCE`: factual sentences about a table, added to the notebook as a note to edit.
enum SummarizeCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "summarize",
        synopsis: "summarize NAME|(SELECT …) [x=COL] [y=COL] [series=COL]",
        summary: "draft sentences from the data (total, largest and smallest with their share, balance of two series, change over time) as a note",
        details: "Without options: the first text column is the category, the first numeric column the measure.\nThe sentences state only what the data shows; edit the note afterwards.",
        examples: ["summarize budget x=libelle y=montant series=sens", "summarize (SELECT annee, sum(montant) AS total FROM t GROUP BY 1)"],
        recorded: false,
        complete: { words in words.count <= 2 ? .tableName : .words(["x=", "y=", "series="]) },
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            var x: String?, y: String?, series: String?
            for word in try CommandWords.split(source.rest) {
                guard let (key, value) = word.option else { throw CommandError("unexpected \(quotedText(word.text))", hint: "usage: \(spec.synopsis)", position: source.restOffset + word.offset) }
                switch key {
                case "x": x = value
                case "y": y = value
                case "series": series = value
                default: throw CommandError("summarize has no option \(quotedText(key))", hint: "x=, y=, series=", position: source.restOffset + word.offset)
                }
            }
            let (table, _) = try source.table(in: session)
            let sentences = try Summary.sentences(table, x: x, y: y, series: series, locale: session.settings.locale)
            let note = sentences.joined(separator: " ")
            session.document.appendProse(note)
            session.journal?.appendNote(note)
            return CommandOutput([.text(note), .message("(added to the notebook as a note: edit it before you publish)")])
        }
    )
}

/// The sentences `summarize` writes, in French or English.
enum Summary {
    static func sentences(_ table: Table, x: String?, y: String?, series: String?, locale: DisplayLocale) throws -> [String] {
        func column(_ name: String?, where test: (DataType) -> Bool, role: String, fallback: Int? = nil) throws -> Int {
            if let fallback { return fallback }
            if let name {
                guard let i = table.columnIndex(named: name) else { throw CommandError("there is no column \(quotedText(name))", hint: "columns are: " + table.columnNames.joined(separator: ", ")) }
                return i
            }
            guard let i = table.columns.firstIndex(where: { test($0.type) }) else { throw CommandError("no \(role) column to summarize", hint: "name one with \(role == "numeric" ? "y" : "x")=COL") }
            return i
        }
        let fr = locale == .fr
        let f = ValueFormatter(locale: locale)
        // A period column: a date, or integers named like a year.
        let periodWords = ["annee", "année", "year", "exercice", "an", "mois", "month", "periode", "période"]
        let period = table.columns.indices.first { i in
            table.columns[i].type == .date || (table.columns[i].type == .int64
                && periodWords.contains { table.columnNames[i].lowercased().contains($0) })
        }
        let yi = y != nil ? try column(y, where: { $0.isNumeric }, role: "numeric")
            : try column(nil, where: { _ in false }, role: "numeric", fallback: table.columns.indices.first { $0 != period && table.columns[$0].type.isNumeric })
        guard let values = table.columns[yi].doubleValues() else { throw CommandError("\(table.columnNames[yi]) is not numeric") }
        let measure = table.columnNames[yi]
        func amount(_ v: Double) -> String { f.format(v, fractionDigits: 2) }
        func share(_ v: Double, _ total: Double) -> String {
            guard total != 0 else { return "—" }
            let p = 100 * v / total
            return (p > 0 && p < 0.05 ? "< " + f.format(0.1, fractionDigits: 1) : f.format(p, fractionDigits: 1)) + "\u{A0}%"
        }
        let present = (0..<table.rowCount).filter { !table.columns[yi].isNull($0) }
        let total = present.reduce(0.0) { $0 + values[$1] }
        var out: [String] = []
        out.append(fr ? "Le total de \(measure) est de \(amount(total)) sur \(f.format(.int64(Int64(present.count)))) lignes."
                   : "The total of \(measure) is \(amount(total)) over \(f.format(.int64(Int64(present.count)))) rows.")

        // Series balance: two values of the series column (expenses versus revenues).
        if let series, let si = table.columnIndex(named: series) {
            var sums: [String: Double] = [:]
            var order: [String] = []
            for row in present {
                let key = table.columns[si].value(at: row).plainText
                if sums[key] == nil { order.append(key) }
                sums[key, default: 0] += values[row]
            }
            if order.count == 2 {
                let (a, b) = (order[0], order[1])
                let diff = sums[a]! - sums[b]!
                let (more, less) = diff >= 0 ? (a, b) : (b, a)
                out.append(fr ? "\(more) (\(amount(sums[more]!))) dépasse \(less) (\(amount(sums[less]!))) de \(amount(abs(diff)))."
                           : "\(more) (\(amount(sums[more]!))) exceeds \(less) (\(amount(sums[less]!))) by \(amount(abs(diff))).")
            }
        }

        // Largest and smallest category, when there is a category column.
        let xi = x != nil ? try column(x, where: { _ in true }, role: "text") : table.columns.firstIndex { $0.type == .string }
        if let xi {
            let categoryColumn = table.columns[xi]
            var sums: [String: Double] = [:]
            for row in present { sums[categoryColumn.value(at: row).plainText, default: 0] += values[row] }
            let sorted = sums.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            if let top = sorted.first, let bottom = sorted.last, sorted.count > 1 {
                out.append(fr ? "La plus grande valeur est \(top.key) (\(amount(top.value)), \(share(top.value, total))) ; la plus petite, \(bottom.key) (\(amount(bottom.value)), \(share(bottom.value, total)))."
                           : "The largest is \(top.key) (\(amount(top.value)), \(share(top.value, total))); the smallest, \(bottom.key) (\(amount(bottom.value)), \(share(bottom.value, total))).")
            }
        }

        // Change between the first and last period, when the first column is a date or a year.
        if let ti = period, ti != yi {
            let periods = table.columns[ti]
            let rows = present.filter { !periods.isNull($0) }.sorted { ComparisonOrder.less(periods, $0, $1) }
            if let first = rows.first, let last = rows.last, first != last {
                let a = values[first], b = values[last]
                let change = a == 0 ? "" : " (" + (b >= a ? "+" : "") + f.format(100 * (b - a) / abs(a), fractionDigits: 1) + "\u{A0}%)"
                // Years print as written (2019, not 2,019).
                func label(_ row: Int) -> String { periods.type == .int64 ? periods.value(at: row).plainText : f.format(periods.value(at: row)) }
                let p0 = label(first), p1 = label(last)
                out.append(fr ? "De \(p0) à \(p1), \(measure) passe de \(amount(a)) à \(amount(b))\(change)."
                           : "From \(p0) to \(p1), \(measure) goes from \(amount(a)) to \(amount(b))\(change).")
            }
        }
        return out
    }
}

enum ComparisonOrder {
    static func less(_ c: Column, _ a: Int, _ b: Int) -> Bool {
        RowComparator(c, descending: false, nullsFirst: false).compare(a, b) < 0
    }
}
