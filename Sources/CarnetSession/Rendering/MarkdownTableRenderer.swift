import CarnetEngine

/// Writes a table as a GitHub-flavoured Markdown table, numbers right-aligned, cell text
/// escaped so that data stays text when rendered (no markup, no HTML, no links).
public struct MarkdownTableRenderer: Sendable {
    public var locale: DisplayLocale

    public init(locale: DisplayLocale = .en) {
        self.locale = locale
    }

    public func render(_ table: Table) -> String {
        let cells = CellText.columns(of: table, formatter: ValueFormatter(locale: locale))
        func escape(_ s: String) -> String { MarkdownTableRenderer.escaped(s) }
        var lines = ["| " + table.columnNames.map { escape(DisplayWidth.sanitized($0)) }.joined(separator: " | ") + " |"]
        lines.append("|" + table.columns.map { CellText.rightAligned($0.type) ? "---:" : "---" }.joined(separator: "|") + "|")
        for r in 0..<table.rowCount {
            lines.append("| " + cells.indices.map { escape(cells[$0][r]) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Markdown punctuation backslash-escaped (CommonMark allows it before any ASCII
    /// punctuation): `<script>` shows as typed instead of becoming HTML, `*x*` stays literal.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            if "\\|*_`[]<>&~".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
