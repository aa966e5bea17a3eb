import CarnetEngine

/// One series of values over the chart's categories (NaN where a category has no value).
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
}

/// One series of (x, y) points.
public struct PointSeries: Sendable, Equatable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
}

/// A point of a map, in WGS84 degrees.
public struct MapPoint: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    /// Index into the map's categories, or nil.
    public var category: Int?
    public var label: String?
}

/// The data of a chart, by family.
public enum ChartData: Sendable, Equatable {
    /// Bars, columns, pies: values per category, one series or several.
    case categorical(categories: [String], series: [ChartSeries], stacked: Bool)
    /// Lines and scatter plots; `xIsDate` when x counts days.
    case points(series: [PointSeries], xIsDate: Bool)
    /// Counts per bin; `edges` has one more element than `counts`.
    case histogram(edges: [Double], counts: [Double])
    case map(points: [MapPoint], categories: [String])
}

/// The categories a `top=N` chart does not draw, so that its caption can say so.
public struct OmittedCategories: Sendable, Equatable {
    public var count: Int
    /// Their values added up, over all series.
    public var total: Double
}

/// Everything needed to draw a chart, decided once from the data: both renderers draw this, so
/// the terminal and the SVG show the same bins, order, totals and labels.
public struct ChartSpec: Sendable, Equatable {
    public var kind: ChartKind
    public var title: String?
    public var subtitle: String?
    public var source: String?
    public var xTitle: String?
    public var yTitle: String?
    public var data: ChartData
    /// The value axis (bars, columns, histogram counts, y of points).
    public var valueScale: NiceScale
    /// The x axis of points.
    public var xScale: NiceScale?
    /// Where the x axis of points is marked, and how (calendar dates, years, numbers).
    public var xTicks: [AxisTick] = []
    public var locale: DisplayLocale
    /// Rows of the source that could not be drawn (NULL values, points without coordinates).
    public var skippedRows: Int
    /// What the values measure (`unit=€`); a histogram's counts have none, its x title says it.
    public var unit: String? = nil
    /// Categories past `top=N` that bars and columns leave out (pies gather them in one slice).
    public var omitted: OmittedCategories? = nil
    /// A map's polygons: its own (a choropleth, zones) and a background table's.
    public var mapLayers = MapLayers()

    public var words: ChartWords { ChartWords(locale: locale) }

    /// The captions under the plot: categories left out, rows without a value.
    public var captions: [String] {
        var lines: [String] = []
        if let omitted { lines.append(words.omitted(omitted.count, total: format.full(omitted.total))) }
        if skippedRows > 0 { lines.append(words.skipped(skippedRows)) }
        return lines
    }

    public var format: ChartNumberFormat { ChartNumberFormat(locale: locale, unit: kind == .histogram ? nil : unit) }

    /// A sentence that describes the chart, for screen readers (SVG `<desc>`), in its locale.
    public var accessibleDescription: String {
        let fr = locale == .fr
        let kindName = words.kindName(kind)
        switch data {
        case .categorical(let categories, let series, _):
            let names = series.map(\.name).joined(separator: ", ")
            return (fr ? "\(kindName) de \(names) sur \(categories.count) catégories : " : "\(kindName) of \(names) over \(categories.count) categories: ")
                + categories.prefix(12).enumerated().map { i, c in
                    c + " " + series.map { $0.values[i].isNaN ? words.noValue : format.full($0.values[i]) }.joined(separator: " / ")
                }.joined(separator: "; ") + (categories.count > 12 ? "; …" : "")
        case .points(let series, _):
            let n = series.reduce(0) { $0 + $1.xs.count }
            return fr ? "\(kindName) de \(series.count) série\(series.count > 1 ? "s" : ""), \(n) points" : "\(kindName) of \(series.count) series, \(n) points"
        case .histogram(let edges, let counts):
            let n = Int(counts.reduce(0, +))
            return fr ? "histogramme de \(n) valeurs en \(counts.count) classes de \(format.full(edges.first ?? 0)) à \(format.full(edges.last ?? 0))"
                : "histogram of \(n) values in \(counts.count) bins from \(format.full(edges.first ?? 0)) to \(format.full(edges.last ?? 0))"
        case .map(let points, let categories):
            let list = categories.joined(separator: ", ")
            let shapes = mapLayers.shapes.count
            if shapes > 0, let classes = mapLayers.classes {
                let ranges = classes.bounds.map { format.full($0.0) + " – " + format.full($0.1) }.joined(separator: "; ")
                return fr ? "carte de \(shapes) zones en \(classes.bounds.count) classes de \(yTitle ?? "valeur") : " + ranges
                    : "map of \(shapes) areas in \(classes.bounds.count) classes of \(yTitle ?? "value"): " + ranges
            }
            if shapes > 0 {
                return fr ? "carte de \(shapes) zones" + (categories.isEmpty ? "" : " en \(categories.count) catégories : " + list)
                    : "map of \(shapes) areas" + (categories.isEmpty ? "" : " in \(categories.count) categories: " + list)
            }
            return fr ? "carte de \(points.count) points" + (categories.isEmpty ? "" : " en \(categories.count) catégories : " + list)
                : "map of \(points.count) points" + (categories.isEmpty ? "" : " in \(categories.count) categories: " + list)
        }
    }

}
