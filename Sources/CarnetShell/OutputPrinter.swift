import CarnetEngine
import CarnetSession

/// Prints command outputs and errors in the format the settings ask for, sized to the terminal.
struct OutputPrinter {
    var sink: OutputSink
    /// Width to draw tables at when no `set width` is given.
    var terminalWidth: Int
    /// Colours on standard error (a colour terminal and no NO_COLOR).
    var colors: Bool
    /// Colours in charts on standard output.
    var chartColors = false
    /// Batch mode: messages (load reports, confirmations, files written) go to standard error,
    /// so that standard output holds results only, as with `duckdb -csv` or `sqlite3`.
    var messagesToStandardError = false

    func print(_ output: CommandOutput, settings: Settings) {
        for block in output.blocks {
            switch block {
            case .text(let text):
                sink.out(text + "\n")
            case .message(let text):
                message(text)
            case .input:
                continue
            case .written(_, _, let summary):
                message(summary)
            case .chart(let drawing):
                sink.out(TextRendering.chart(drawing, settings: settings, width: terminalWidth, colors: chartColors) + "\n")
            case .warning(let text):
                sink.err(paint(TextRendering.warningPrefix(settings.locale), "33") + text + "\n")
            case .table(let table, let footer):
                sink.out(render(table, footer: footer, settings: settings))
            }
        }
    }

    private func message(_ text: String) {
        if messagesToStandardError { sink.err(text + "\n") } else { sink.out(text + "\n") }
    }

    func render(_ table: Table, footer: String?, settings: Settings) -> String {
        TextRendering.render(table, footer: footer, settings: settings, width: terminalWidth)
    }

    /// An error with a caret under the place it points at; `line` is the input line in batch mode.
    func printError(_ error: CommandError, statement: String, line: Int?) {
        var text = paint("error", "31")
        if let line { text += " (line \(line))" }
        text += ": " + error.message + "\n"
        if let position = error.position, position <= statement.count {
            // The line of the statement that holds the position, and a caret under it.
            let before = statement.prefix(position)
            let lineStart = before.lastIndex(of: "\n").map { statement.index(after: $0) } ?? statement.startIndex
            let lineEnd = statement[lineStart...].firstIndex(of: "\n") ?? statement.endIndex
            let shown = DisplayWidth.sanitized(String(statement[lineStart..<lineEnd]))
            let column = DisplayWidth.of(String(statement[lineStart..<before.endIndex]))
            text += "  " + shown + "\n  " + String(repeating: " ", count: column) + paint("^", "31") + "\n"
        }
        if let hint = error.hint { text += "  hint: " + hint + "\n" }
        sink.err(text)
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }
}
