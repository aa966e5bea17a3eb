import CarnetCharts
import CarnetEngine

/// Turns a command's output into text in the format the settings ask for. The shell prints
/// it; notebooks (later) store it.
public enum TextRendering {
    /// The whole output as one text, warnings included (`warning: …` lines).
    public static func render(_ output: CommandOutput, settings: Settings, width: Int, colors: Bool = false) -> String {
        var text = ""
        for block in output.blocks {
            switch block {
            case .chart(let spec): text += chart(spec, settings: settings, width: width, colors: colors) + "\n"
            case .text(let s): text += s + "\n"
            case .message(let s): text += s + "\n"
            case .input: continue
            case .written(_, _, let summary): text += summary + "\n"
            case .warning(let s): text += "warning: " + s + "\n"
            case .table(let table, let footer): text += render(table, footer: footer, settings: settings, width: width)
            }
        }
        return text
    }

    public static func chart(_ spec: ChartSpec, settings: Settings, width: Int, colors: Bool) -> String {
        TextChartRenderer(width: settings.width ?? width, style: TextStyle(unicode: settings.charset == .unicode, colors: colors)).render(spec)
    }

    public static func render(_ table: Table, footer: String?, settings: Settings, width: Int) -> String {
        switch settings.output {
        case .table:
            let renderer = BoxTableRenderer(width: settings.width ?? width, locale: settings.locale, charset: settings.charset)
            return renderer.render(table, footer: footer) + "\n"
        case .csv:
            return DelimitedTableWriter().render(table)
        case .markdown:
            return MarkdownTableRenderer(locale: settings.locale).render(table) + "\n"
        case .json:
            return JSONTableWriter().render(table) + "\n"
        }
    }
}
