import CarnetCharts
import Synchronization

/// A chart a command made, with its text drawings: each width and style is drawn once, by
/// whoever asks first (the notebook's copy at 100 columns, the terminal's at its width), and
/// handed out again after. The SVG and the HTML report read `spec`.
public final class ChartDrawing: Sendable {
    public let spec: ChartSpec

    /// What a text drawing depends on besides the chart.
    struct Style: Hashable {
        var width: Int
        var unicode: Bool
        var colors: Bool
    }

    private let drawn = Mutex<[Style: String]>([:])

    public init(_ spec: ChartSpec) { self.spec = spec }

    /// The chart as text, `width` columns wide.
    public func text(width: Int, unicode: Bool, colors: Bool) -> String {
        let style = Style(width: width, unicode: unicode, colors: colors)
        if let text = drawn.withLock({ $0[style] }) { return text }
        let text = TextChartRenderer(width: width, style: TextStyle(unicode: unicode, colors: colors)).render(spec)
        drawn.withLock { $0[style] = text }
        return text
    }

    /// How many distinct drawings were made (for tests).
    var drawingCount: Int { drawn.withLock { $0.count } }
}
