import CarnetCharts
import CarnetEngine

/// What a command produced, before it is drawn for a terminal, a file or a notebook.
public enum OutputBlock: Sendable {
    /// A result table. `footer` overrides the row-count line.
    case table(Table, footer: String?)
    /// A result to show as is (it goes to standard output, as tables do).
    case text(String)
    /// What a command did rather than what it found (a load report, `saved …`, `set x = y`):
    /// kept in notebooks, printed on standard error in batch mode so that standard output
    /// holds results only.
    case message(String)
    /// A chart, drawn as text at the width of wherever it is shown (once per width).
    case chart(ChartDrawing)
    /// A file the command wrote (a chart's SVG): shown as `summary`, linked from notebooks.
    case written(path: String, title: String, summary: String)
    /// Something the user should know (printed on standard error in batch mode).
    case warning(String)
    /// What a load read, for the notebook's provenance (not printed).
    case input(InputRecord)
}

/// The blocks of one command's output, plus whether the command asks the shell to stop.
public struct CommandOutput: Sendable {
    public var blocks: [OutputBlock]
    public var quit: Bool

    public init(_ blocks: [OutputBlock] = [], quit: Bool = false) {
        self.blocks = blocks
        self.quit = quit
    }

    public static func text(_ s: String) -> CommandOutput { CommandOutput([.text(s)]) }
    public static func message(_ s: String) -> CommandOutput { CommandOutput([.message(s)]) }
}
