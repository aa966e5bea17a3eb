import CarnetEngine

/// Draws a table with box characters to fit a width: numbers right-aligned, long cells cut with
/// `…` (never wrapped), columns that cannot fit replaced by a `…` column, a footer line.
public struct BoxTableRenderer: Sendable {
    public var width: Int
    public var locale: DisplayLocale
    public var charset: Charset
    /// Widest a column may be before its cells are cut.
    public var maxColumnWidth = 40
    public static let minColumnWidth = 5

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
        let natural = table.columns.indices.map { c in
            min(maxColumnWidth, max(DisplayWidth.of(names[c]), DisplayWidth.of(types[c]), cells[c].map(DisplayWidth.of).max() ?? 0))
        }
        // Columns shown: drop middle columns until the rest fit at their minimum width, then
        // shrink the widest until the table fits.
        var shown = Array(table.columns.indices)
        var widths = natural
        var elided = false
        func total(_ w: (Int) -> Int) -> Int {
            shown.reduce(1) { $0 + w($1) + 3 } + (elided ? 4 : 0)
        }
        while shown.count > 1, total({ min(widths[$0], BoxTableRenderer.minColumnWidth) }) > width {
            shown.remove(at: shown.count / 2)
            elided = true
        }
        // Cells shrink before names: first no column below its name's width (the first column,
        // which usually labels the rows, keeps up to 24 cells), then down to the minimum.
        var nameWidths = names.map { max(BoxTableRenderer.minColumnWidth, DisplayWidth.of($0)) }
        if !nameWidths.isEmpty { nameWidths[0] = max(nameWidths[0], min(natural[0], 24)) }
        for floor in [{ (c: Int) in nameWidths[c] }, { (_: Int) in BoxTableRenderer.minColumnWidth }] {
            while total({ widths[$0] }) > width {
                guard let widest = shown.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) else { break }
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
        if elided { foot += " (\(table.columnCount - shown.count) columns hidden to fit the width)" }
        out.append(foot)
        return out.joined(separator: "\n")
    }

    public static func countLine(rows: Int, columns: Int, locale: DisplayLocale) -> String {
        let f = ValueFormatter(locale: locale)
        return "\(f.format(.int64(Int64(rows)))) \(rows == 1 ? "row" : "rows") × \(columns) \(columns == 1 ? "column" : "columns")"
    }
}
