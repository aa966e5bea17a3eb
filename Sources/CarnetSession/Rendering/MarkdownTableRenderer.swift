import CarnetEngine

/// Writes a table as a GitHub-flavoured Markdown table, numbers right-aligned, `|` escaped.
public struct MarkdownTableRenderer: Sendable {
    public var locale: DisplayLocale

    public init(locale: DisplayLocale = .en) {
        self.locale = locale
    }

    public func render(_ table: Table) -> String {
        let cells = CellText.columns(of: table, formatter: ValueFormatter(locale: locale))
        func escape(_ s: String) -> String { s.replacingAll("|", with: "\\|") }
        var lines = ["| " + table.columnNames.map { escape(DisplayWidth.sanitized($0)) }.joined(separator: " | ") + " |"]
        lines.append("|" + table.columns.map { CellText.rightAligned($0.type) ? "---:" : "---" }.joined(separator: "|") + "|")
        for r in 0..<table.rowCount {
            lines.append("| " + cells.indices.map { escape(cells[$0][r]) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
