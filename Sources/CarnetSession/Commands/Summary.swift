import CarnetEngine
import CarnetQuery

/// The sentences `summarize` drafts, in French or English. Each one states a fact the data
/// holds, or is left out: totals and shares never add up different series (expenses and
/// revenues), a change over time is only drawn on a date or year axis with one value per
/// period, and a year is never "the largest value".
struct Summary {
    let table: Table
    let locale: DisplayLocale
    let measure: Int
    let category: Int?
    let period: Int?
    let series: Int?
    let unit: String?

    init(_ table: Table, x: String?, y: String?, series seriesName: String?, unit: String?, locale: DisplayLocale) throws {
        func index(_ name: String) throws -> Int {
            guard let i = table.columnIndex(named: name) else {
                let guess = Suggestion.nearest(to: name, in: table.columnNames)
                throw CommandError("there is no column \(quotedText(name))", hint: guess.map { "did you mean \($0)?" } ?? "columns are: " + table.columnNames.joined(separator: ", "),
                                   kind: .unknownName)
            }
            return i
        }
        func isPeriod(_ i: Int) -> Bool {
            let c = table.columns[i]
            return c.type == .date || c.type == .timestamp || ColumnNaming.isYear(table.columnNames[i], c)
        }
        self.table = table
        self.locale = locale
        let seriesIndex = try seriesName.map(index)
        series = seriesIndex
        let xi = try x.map(index)
        let measureIndex: Int
        if let y {
            measureIndex = try index(y)
            guard table.columns[measureIndex].type.isNumeric else {
                throw CommandError("y=\(y) is \(table.columns[measureIndex].type), and a summary needs numbers there", hint: "count it instead: summarize (SELECT \(y), count(*) AS n FROM … GROUP BY 1)")
            }
        } else {
            // The first number that is a quantity (not a year, a code, a coordinate or the x
            // column), preferring an amount of money (montant, BGT_MTPREV).
            let quantities = table.columns.indices.filter { i in
                i != xi && table.columns[i].type.isNumeric && !ColumnNaming.isPlainNumber(table.columnNames[i], table.columns[i])
                    && !ColumnNaming.isCoordinate(table.columnNames[i]) && !ColumnNaming.isIdentifier(table.columnNames[i])
            }
            guard let i = quantities.first(where: { Summary.unit(ofMeasure: table.columnNames[$0]) == "€" }) ?? quantities.first else {
                throw CommandError("no numeric column to summarize", hint: "name one with y=COL, or count rows: summarize (SELECT col, count(*) AS n FROM … GROUP BY 1)")
            }
            measureIndex = i
        }
        measure = measureIndex
        if let xi {
            (category, period) = isPeriod(xi) ? (nil, xi) : (xi, nil)
        } else if let text = table.columns.indices.first(where: { i in
            i != seriesIndex && table.columns[i].type == .string && Summary.repeatsOrVaries(table.columns[i])
                && Summary.namesThings(table.columnNames[i])
        }) {
            (category, period) = (text, nil)
        } else {
            (category, period) = (nil, table.columns.indices.first { $0 != measureIndex && isPeriod($0) })
        }
        self.unit = unit ?? Summary.unit(ofMeasure: table.columnNames[measure])
    }

    /// A category worth naming: more than one value (a column of one value says nothing).
    static func repeatsOrVaries(_ c: Column) -> Bool {
        ColumnProfile(c).distinctCount > 1
    }

    /// A text column whose values name things people read (not codes): labels always do.
    static func namesThings(_ name: String) -> Bool {
        let labelWords: Set<String> = ["label", "libelle", "libellé", "nom", "name", "intitule", "intitulé", "objet", "designation"]
        return ColumnNaming.words(name).contains(where: labelWords.contains) || !ColumnNaming.isIdentifier(name)
    }

    /// The unit a measure's name implies: money for `montant`, `prix`…, hectares for `…_ha`.
    static func unit(ofMeasure name: String) -> String? {
        let words = ColumnNaming.words(name)
        let money: Set<String> = ["montant", "montants", "prix", "cout", "coût", "budget", "euros", "eur", "subvention", "depenses", "dépenses", "recettes", "mtreal", "mtbudgpre"]
        // `mt…` is the SCDL budget's prefix for amounts (BGT_MTPREV, BGT_MTREAL).
        if words.contains(where: { money.contains($0) || $0.hasPrefix("montant") || ($0.hasPrefix("mt") && $0.count > 4) }) { return "€" }
        if words.contains("ha") || words.contains("hectares") { return "ha" }
        return nil
    }

    var fr: Bool { locale == .fr }
    var formatter: ValueFormatter { ValueFormatter(locale: locale) }
    var measureName: String { table.columnNames[measure] }

    func text(_ c: Int, _ row: Int) -> String {
        let column = table.columns[c]
        if column.isNull(row) { return "NULL" }
        return ColumnNaming.isYear(table.columnNames[c], column) ? column.value(at: row).plainText : formatter.format(column.value(at: row))
    }

    /// Rows with a measure, grouped by series (one group without series=), in order of appearance.
    func groups(_ values: [Double]) -> [Group] {
        let present = (0..<table.rowCount).filter { !table.columns[measure].isNull($0) && !values[$0].isNaN }
        guard let series else { return [Group(name: nil, condition: nil, rows: present)] }
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for row in present {
            let key = text(series, row)
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(row)
        }
        let column = SQLText.delimitedIdentifier(table.columnNames[series])
        return order.map { key in
            let value = table.columns[series].value(at: rows[key]![0])
            return Group(name: key, condition: SummarySQL.equals(column, value), rows: rows[key]!)
        }
    }

    /// The sentences, each number in them a live value: a query over `from` that the notebook
    /// computes again on every replay, so the sentence follows the data.
    func sentences(from: String) throws -> [[LiveValues.Piece]] {
        guard let values = table.columns[measure].doubleValues() else { throw CommandError("\(measureName) is not numeric") }
        let groups = groups(values)
        guard groups.contains(where: { !$0.rows.isEmpty }) else { return [] }
        let sql = SummarySQL(from: from, measure: measureName, unit: unit,
                             reserved: [category, period].compactMap { $0.map { table.columnNames[$0] } })
        if let period {
            let sentences = timeSentences(values, groups, period, sql)
            if sentences.isEmpty {
                let p = table.columnNames[period]
                throw CommandError("\(p) has several rows for one period, so there is no change over time to state",
                                   hint: "add them up first: summarize (SELECT \(p), sum(\(measureName)) AS \(measureName) FROM … GROUP BY 1)")
            }
            return sentences.map(Summary.capitalized)
        }
        var out: [[LiveValues.Piece]] = []
        if series == nil {
            let g = groups[0]
            out.append(fr ? [.text("Le total de \(measureName) est de "), sql.total(g), .text(" ("), sql.count(g), .text(" lignes).")]
                       : [.text("The total of \(measureName) is "), sql.total(g), .text(" ("), sql.count(g), .text(" rows).")])
        } else {
            var sentence: [LiveValues.Piece] = [.text(fr ? "Total de \(measureName) par \(table.columnNames[series!]) — " : "Total of \(measureName) by \(table.columnNames[series!]) — ")]
            for (i, g) in groups.enumerated() {
                if i > 0 { sentence.append(.text(fr ? "\u{A0}; " : "; ")) }
                sentence += [.text("\(g.name!)\(fr ? "\u{A0}:" : ":") "), sql.total(g)]
            }
            out.append(sentence + [.text(".")])
            if groups.count == 2 {
                // A signed balance reads true whichever side the next file makes larger.
                let (a, b) = (groups[0].name!, groups[1].name!)
                out.append([.text(fr ? "Le solde \(a) − \(b) est de " : "The balance \(a) − \(b) is "), sql.balance(groups[0], groups[1]), .text(".")])
            }
        }
        guard let category else { return out.map(Summary.capitalized) }
        for g in groups {
            var sums: [String: Double] = [:]
            for row in g.rows { sums[text(category, row), default: 0] += values[row] }
            guard sums.count > 1 else { continue }
            let total = sums.values.reduce(0, +)
            let sorted = sums.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let (top, bottom) = (sorted.first!, sorted.last!)
            // Shares of a total are only meaningful when every part is positive.
            let shares = total > 0 && !sums.values.contains { $0 < 0 }
            let parts = sql.parts(g, by: table.columnNames[category])
            func described(largest: Bool, _ value: Double) -> [LiveValues.Piece] {
                var pieces: [LiveValues.Piece] = [parts.name(largest: largest), .text(" ("), parts.amount(largest: largest)]
                if shares {
                    // A share under 0.05 % keeps two decimals, so that it never reads as 0 %.
                    let share = 100 * value / total
                    pieces += [.text(", "), parts.share(largest: largest, digits: share > 0 && share < 0.05 ? 2 : 1)]
                }
                return pieces + [.text(")")]
            }
            let scope = g.name.map { fr ? "Pour \($0), l" : "For \($0), t" } ?? (fr ? "L" : "T")
            out.append(fr ? [.text("\(scope)a plus grande part revient à ")] + described(largest: true, top.value) + [.text(" ; la plus petite à ")] + described(largest: false, bottom.value) + [.text(".")]
                          : [.text("\(scope)he largest share is ")] + described(largest: true, top.value) + [.text("; the smallest, ")] + described(largest: false, bottom.value) + [.text(".")])
        }
        return out.map(Summary.capitalized)
    }

    /// A sentence starts with a capital, even when it starts with a value (`recette dépasse…`).
    static func capitalized(_ sentence: [LiveValues.Piece]) -> [LiveValues.Piece] {
        guard case .text(let first)? = sentence.first, let letter = first.first, letter.isLowercase else { return sentence }
        return [.text(letter.uppercased() + first.dropFirst())] + sentence.dropFirst()
    }

    /// From the first to the last period, per series; only when each period has one value.
    func timeSentences(_ values: [Double], _ groups: [Group], _ period: Int, _ sql: SummarySQL) -> [[LiveValues.Piece]] {
        let periods = table.columns[period]
        let periodName = table.columnNames[period]
        var out: [[LiveValues.Piece]] = []
        for g in groups {
            let rows = g.rows.filter { !periods.isNull($0) }.sorted { RowComparator(periods, descending: false, nullsFirst: false).compare($0, $1) < 0 }
            guard rows.count > 1 else { continue }
            let keys = rows.map { text(period, $0) }
            guard Set(keys).count == keys.count else { continue }   // several values per period: not a time series
            let (first, last) = (rows.first!, rows.last!)
            let series = sql.series(g, over: periodName)
            let name = g.name.map { "\(measureName) (\($0))" } ?? measureName
            var change: [LiveValues.Piece] = []
            if values[first] > 0 { change = [.text(fr ? " (évolution\u{A0}: " : " (change: "), series.change, .text(")")] }
            out.append(fr ? [.text("De "), series.period(first: true), .text(" à "), series.period(first: false), .text(", \(name) passe de "), series.value(first: true), .text(" à "), series.value(first: false)] + change + [.text(".")]
                          : [.text("From "), series.period(first: true), .text(" to "), series.period(first: false), .text(", \(name) goes from "), series.value(first: true), .text(" to "), series.value(first: false)] + change + [.text(".")])
            let highest = rows.max { values[$0] != values[$1] ? values[$0] < values[$1] : $0 > $1 }!
            let lowest = rows.min { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }!
            if highest != last || lowest != first {
                out.append(fr ? [.text("Le point le plus haut est "), series.extreme(highest: true), .text(" ("), series.extremeValue(highest: true), .text("), le plus bas "), series.extreme(highest: false), .text(" ("), series.extremeValue(highest: false), .text(").")]
                              : [.text("The highest point is "), series.extreme(highest: true), .text(" ("), series.extremeValue(highest: true), .text("), the lowest "), series.extreme(highest: false), .text(" ("), series.extremeValue(highest: false), .text(").")])
            }
        }
        return out
    }

    /// The rows of one series (all rows without series=) and the SQL condition that selects them.
    struct Group {
        let name: String?
        let condition: String?
        let rows: [Int]
    }
}
