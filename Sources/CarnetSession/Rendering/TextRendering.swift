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
            case .chart(let drawing): text += chart(drawing, settings: settings, width: width, colors: colors) + "\n"
            case .text(let s): text += s + "\n"
            case .message(let s): text += s + "\n"
            case .input: continue
            case .written(_, _, let summary): text += summary + "\n"
            case .warning(let s): text += warningPrefix(settings.locale) + s + "\n"
            case .table(let table, let footer): text += render(table, footer: footer, settings: settings, width: width)
            }
        }
        return text
    }

    /// The one place a chart becomes text, for the terminal and for notebooks alike.
    /// `warning: ` or, under `set locale fr`, `attention : `.
    public static func warningPrefix(_ locale: DisplayLocale) -> String { locale == .fr ? "attention\u{A0}: " : "warning: " }

    public static func chart(_ drawing: ChartDrawing, settings: Settings, width: Int, colors: Bool) -> String {
        drawing.text(width: settings.width ?? width, unicode: settings.charset == .unicode, colors: colors)
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
