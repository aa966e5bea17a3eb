/// The kinds of chart Carnet draws.
public enum ChartKind: String, Sendable, CaseIterable {
    /// Horizontal bars: the default for category labels such as budget chapters.
    case bar
    /// Vertical bars.
    case column
    case line, scatter, histogram, pie, donut, map
}

/// How categories are ordered.
public enum ChartSort: String, Sendable {
    case asc, desc, none
}

/// What the user asked for (`chart KIND SOURCE x=… y=… …`), before it meets the data.
public struct ChartRequest: Sendable, Equatable {
    public var kind: ChartKind
    public var x: String?
    public var y: [String] = []
    public var series: String?
    public var title: String?
    public var subtitle: String?
    public var source: String?
    /// What the values measure, written after them on axes and labels (`€`, `ha`, `%`).
    public var unit: String?
    public var sort: ChartSort = .none
    public var top: Int?
    public var bins: Int?
    public var binWidth: Double?
    /// Several y columns or a series column: stacked instead of side by side.
    public var stacked = false
    public var lat: String?
    public var lon: String?
    public var color: String?
    public var label: String?
    /// Choropleth: how many classes (`classes=5`) and how they are cut (`breaks=quantile`).
    public var classes: Int?
    public var breaks: ClassBreaks = .quantile
    /// Axis titles (`xtitle=`, `ytitle=`); by default the column names, written as words.
    public var xTitle: String?
    public var yTitle: String?
    /// SVG size in pixels.
    public var width: Int?
    public var height: Int?

    public init(kind: ChartKind) {
        self.kind = kind
    }
}

/// A chart that cannot be drawn from this data, with what to do instead.
public struct ChartError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
