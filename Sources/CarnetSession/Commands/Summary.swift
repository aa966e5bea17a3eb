import CarnetEngine

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
                throw CommandError("there is no column \(quotedText(name))", hint: guess.map { "did you mean \($0)?" } ?? "columns are: " + table.columnNames.joined(separator: ", "))
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

    /// A value as a person writes it: whole numbers without decimals, others with two (cents).
    func amount(_ v: Double) -> String {
        let text = v == v.rounded() && abs(v) < 1e15 ? formatter.format(.int64(Int64(v)))
            : abs(v) < 1e15 ? formatter.format(.decimal(Int64((v * 100).rounded()), scale: 2)) : formatter.format(v, fractionDigits: 2)
        return text + (unit.map { "\u{A0}" + $0 } ?? "")
    }

    func share(_ v: Double, of total: Double) -> String {
        let p = 100 * v / total
        return (p > 0 && p < 0.05 ? "< " + formatter.format(0.1, fractionDigits: 1) : formatter.format(p, fractionDigits: 1)) + "\u{A0}%"
    }

    func text(_ c: Int, _ row: Int) -> String {
        let column = table.columns[c]
        if column.isNull(row) { return "NULL" }
        return ColumnNaming.isYear(table.columnNames[c], column) ? column.value(at: row).plainText : formatter.format(column.value(at: row))
    }

    /// Rows with a measure, grouped by series (one group without series=), in order of appearance.
    func groups(_ values: [Double]) -> [(name: String?, rows: [Int])] {
        let present = (0..<table.rowCount).filter { !table.columns[measure].isNull($0) && !values[$0].isNaN }
        guard let series else { return [(nil, present)] }
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for row in present {
            let key = text(series, row)
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(row)
        }
        return order.map { ($0, rows[$0]!) }
    }

    func sentences() throws -> [String] {
        guard let values = table.columns[measure].doubleValues() else { throw CommandError("\(measureName) is not numeric") }
        let groups = groups(values)
        guard groups.contains(where: { !$0.rows.isEmpty }) else { return [] }
        if let period {
            let sentences = timeSentences(values, groups, period)
            if sentences.isEmpty {
                let p = table.columnNames[period]
                throw CommandError("\(p) has several rows for one period, so there is no change over time to state",
                                   hint: "add them up first: summarize (SELECT \(p), sum(\(measureName)) AS \(measureName) FROM … GROUP BY 1)")
            }
            return sentences.map(Summary.capitalized)
        }
        var out: [String] = []
        let totals = groups.map { g in g.rows.reduce(0.0) { $0 + values[$1] } }
        if series == nil {
            let n = formatter.format(.int64(Int64(groups[0].rows.count)))
            out.append(fr ? "Le total de \(measureName) est de \(amount(totals[0])) (\(n) lignes)."
                       : "The total of \(measureName) is \(amount(totals[0])) (\(n) rows).")
        } else {
            let parts = zip(groups, totals).map { "\($0.name!)\(fr ? "\u{A0}:" : ":") \(amount($1))" }
            out.append(fr ? "Total de \(measureName) par \(table.columnNames[series!]) — " + parts.joined(separator: "\u{A0}; ") + "."
                       : "Total of \(measureName) by \(table.columnNames[series!]) — " + parts.joined(separator: "; ") + ".")
            if groups.count == 2 {
                let diff = totals[0] - totals[1]
                let (more, less) = diff >= 0 ? (0, 1) : (1, 0)
                out.append(diff == 0
                    ? (fr ? "\(groups[0].name!) et \(groups[1].name!) s'équilibrent exactement." : "\(groups[0].name!) and \(groups[1].name!) balance exactly.")
                    : (fr ? "\(groups[more].name!) dépasse \(groups[less].name!) de \(amount(abs(diff)))."
                          : "\(groups[more].name!) exceeds \(groups[less].name!) by \(amount(abs(diff)))."))
            }
        }
        guard let category else { return out.map(Summary.capitalized) }
        for (g, total) in zip(groups, totals) {
            var sums: [String: Double] = [:]
            for row in g.rows { sums[text(category, row), default: 0] += values[row] }
            guard sums.count > 1 else { continue }
            let sorted = sums.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let (top, bottom) = (sorted.first!, sorted.last!)
            // Shares of a total are only meaningful when every part is positive.
            let shares = total > 0 && !sums.values.contains { $0 < 0 }
            func described(_ e: (key: String, value: Double)) -> String {
                shares ? "\(e.key) (\(amount(e.value)), \(share(e.value, of: total)))" : "\(e.key) (\(amount(e.value)))"
            }
            let scope = g.name.map { fr ? "Pour \($0), l" : "For \($0), t" } ?? (fr ? "L" : "T")
            out.append(fr ? "\(scope)a plus grande part revient à \(described(top)) ; la plus petite à \(described(bottom))."
                       : "\(scope)he largest share is \(described(top)); the smallest, \(described(bottom)).")
        }
        return out.map(Summary.capitalized)
    }

    /// A sentence starts with a capital, even when it starts with a value (`recette dépasse…`).
    static func capitalized(_ sentence: String) -> String {
        guard let first = sentence.first, first.isLowercase else { return sentence }
        return first.uppercased() + sentence.dropFirst()
    }

    /// From the first to the last period, per series; only when each period has one value.
    func timeSentences(_ values: [Double], _ groups: [(name: String?, rows: [Int])], _ period: Int) -> [String] {
        let periods = table.columns[period]
        var out: [String] = []
        for g in groups {
            let rows = g.rows.filter { !periods.isNull($0) }.sorted { RowComparator(periods, descending: false, nullsFirst: false).compare($0, $1) < 0 }
            guard rows.count > 1 else { continue }
            let keys = rows.map { text(period, $0) }
            guard Set(keys).count == keys.count else { continue }   // several values per period: not a time series
            let (first, last) = (rows.first!, rows.last!)
            let (a, b) = (values[first], values[last])
            let change = a <= 0 ? "" : " (" + (b >= a ? "+" : "") + formatter.format(100 * (b - a) / a, fractionDigits: 1) + "\u{A0}%)"
            let name = g.name.map { "\(measureName) (\($0))" } ?? measureName
            out.append(fr ? "De \(keys.first!) à \(keys.last!), \(name) passe de \(amount(a)) à \(amount(b))\(change)."
                       : "From \(keys.first!) to \(keys.last!), \(name) goes from \(amount(a)) to \(amount(b))\(change).")
            let highest = rows.max { values[$0] != values[$1] ? values[$0] < values[$1] : $0 > $1 }!
            let lowest = rows.min { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }!
            if highest != last || lowest != first {
                out.append(fr ? "Le point le plus haut est \(text(period, highest)) (\(amount(values[highest]))), le plus bas \(text(period, lowest)) (\(amount(values[lowest])))."
                           : "The highest point is \(text(period, highest)) (\(amount(values[highest]))), the lowest \(text(period, lowest)) (\(amount(values[lowest]))).")
            }
        }
        return out
    }
}
