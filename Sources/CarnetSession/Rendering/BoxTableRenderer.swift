import CarnetEngine

/// Draws a table with box characters to fit a width: numbers right-aligned and never cut, long
/// text cut with `…` down to a readable width, columns that cannot fit replaced by a `…` column
/// and named in the footer.
public struct BoxTableRenderer: Sendable {
    public var width: Int
    public var locale: DisplayLocale
    public var charset: Charset
    /// Widest a column may be before its cells are cut.
    public var maxColumnWidth = 40

    public init(width: Int, locale: DisplayLocale = .en, charset: Charset = .unicode) {
        self.width = width
        self.locale = locale
        self.charset = charset
    }

    private struct Glyphs {
        let h, v, tl, tm, tr, ml, mm, mr, bl, bm, br: String
    }

    private var glyphs: Glyphs {
        charset == .unicode
            ? Glyphs(h: "─", v: "│", tl: "┌", tm: "┬", tr: "┐", ml: "├", mm: "┼", mr: "┤", bl: "└", bm: "┴", br: "┘")
            : Glyphs(h: "-", v: "|", tl: "+", tm: "+", tr: "+", ml: "+", mm: "+", mr: "+", bl: "+", bm: "+", br: "+")
    }

    /// `footer` replaces the default "N rows × M columns" line.
    public func render(_ table: Table, footer: String? = nil) -> String {
        let g = glyphs
        let formatter = ValueFormatter(locale: locale)
        let names = table.columnNames.map(DisplayWidth.sanitized)
        let types = table.columns.map { $0.type.description }
        let cells = CellText.columns(of: table, formatter: formatter)
        // Numbers and dates are never cut: their floor is their full width. Text may shrink to
        // a readable floor (its name's width, from 10 to 16 characters), cut with `…`.
        let unbreakable = table.columns.indices.map { c in
            CellText.rightAligned(table.columns[c].type) || table.columns[c].type == .date || table.columns[c].type == .timestamp
                || (table.columns[c].type == .string && cells[c].allSatisfy(CellText.looksNumeric))
        }
        let natural = table.columns.indices.map { c in
            let full = max(DisplayWidth.of(names[c]), DisplayWidth.of(types[c]), cells[c].map(DisplayWidth.of).max() ?? 0)
            return unbreakable[c] ? full : min(maxColumnWidth, full)
        }
        let floors = table.columns.indices.map { c in
            unbreakable[c] ? natural[c] : min(natural[c], max(10, min(16, DisplayWidth.of(names[c]))))
        }
        var shown = Array(table.columns.indices)
        var widths = natural
        var elided = false
        func total(_ w: (Int) -> Int) -> Int {
            shown.reduce(1) { $0 + w($1) + 3 } + (elided ? 4 : 0)
        }
        // Drop middle columns until the rest fit at their floors, then shrink the widest text
        // until the table fits.
        while shown.count > 1, total({ floors[$0] }) > width {
            shown.remove(at: shown.count / 2)
            elided = true
        }
        // The first column usually labels the rows: it gives way last, down to 24 then to its floor.
        var preferred = floors
        if !preferred.isEmpty { preferred[0] = max(floors[0], min(natural[0], 24)) }
        for floor in [preferred, floors] {
            while total({ widths[$0] }) > width {
                guard let widest = shown.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        // The `…` column stands where the dropped columns were.
        let elisionIndex = elided ? (shown.indices.first { shown[$0] != $0 } ?? shown.count) : nil

        func line(_ left: String, _ mid: String, _ right: String) -> String {
            var parts: [String] = shown.map { String(repeating: g.h, count: widths[$0] + 2) }
            if let e = elisionIndex { parts.insert(String(repeating: g.h, count: 3), at: e) }
            return left + parts.joined(separator: mid) + right
        }
        func row(_ texts: (Int) -> String, right: (Int) -> Bool, elision: String) -> String {
            var parts: [String] = shown.map { c in
                " " + DisplayWidth.pad(DisplayWidth.truncate(texts(c), to: widths[c]), to: widths[c], right: right(c)) + " "
            }
            if let e = elisionIndex { parts.insert(" " + elision + " ", at: e) }
            return g.v + parts.joined(separator: g.v) + g.v
        }
        var out: [String] = []
        out.append(line(g.tl, g.tm, g.tr))
        out.append(row({ names[$0] }, right: { _ in false }, elision: "…"))
        out.append(row({ types[$0] }, right: { _ in false }, elision: " "))
        out.append(line(g.ml, g.mm, g.mr))
        let numeric = table.columns.map { CellText.rightAligned($0.type) }
        for r in 0..<table.rowCount {
            out.append(row({ cells[$0][r] }, right: { numeric[$0] }, elision: "…"))
        }
        out.append(line(g.bl, g.bm, g.br))
        var foot = footer ?? BoxTableRenderer.countLine(rows: table.rowCount, columns: table.columnCount, locale: locale)
        if elided {
            let hidden = table.columns.indices.filter { !shown.contains($0) }.map { names[$0] }
            foot += "\n" + SessionWords(locale: locale).hiddenColumns(hidden)
        }
        out.append(foot)
        return out.joined(separator: "\n")
    }

    public static func countLine(rows: Int, columns: Int, locale: DisplayLocale) -> String {
        SessionWords(locale: locale).count(rows: rows, columns: columns)
    }
}
