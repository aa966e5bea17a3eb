import CarnetEngine

/// Builds a `ChartSpec` from a table and a request, refusing with guidance what would give a
/// misleading or unreadable picture.
public enum ChartBuilder {
    /// More bars than this are unreadable: the user is asked for `top=`.
    public static let maxCategories = 50
    public static let maxSlices = 8

    /// `background`: a table whose polygons a map draws under its data (`background=communes`).
    public static func build(_ request: ChartRequest, table: Table, background: Table? = nil, locale: DisplayLocale) throws -> ChartSpec {
        guard table.rowCount > 0 else {
            throw ChartError("there is nothing to draw: the table has no row", hint: "check the query's WHERE clause")
        }
        var spec: ChartSpec
        switch request.kind {
        case .bar, .column, .pie, .donut: spec = try categorical(request, table, locale)
        case .histogram: spec = try histogram(request, table, locale)
        case .line, .scatter: spec = try points(request, table, locale)
        case .map: spec = try map(request, table, background, locale)
        }
        // Column names read as words on axes (`nb_entreprises` → `nb entreprises`) unless titled.
        spec.xTitle = request.xTitle ?? spec.xTitle.map(readable)
        spec.yTitle = request.yTitle ?? spec.yTitle.map(readable)
        if let unit = request.unit, !unit.isEmpty {
            spec.unit = unit
            if spec.kind == .histogram, request.xTitle == nil { spec.xTitle = spec.xTitle.map { "\($0) (\(unit))" } }
        }
        return spec
    }

    // MARK: - Columns

    /// A column name as words for an axis title.
    static func readable(_ name: String) -> String {
        String(name.map { $0 == "_" ? " " : $0 })
    }

    static func column(_ name: String?, _ role: String, in table: Table) throws -> (name: String, column: Column) {
        guard let name else { throw ChartError("\(role)= is missing", hint: "name a column: \(role)=COLUMN") }
        guard let index = table.columnIndex(named: name) else {
            let guess = Suggestion.nearest(to: name, in: table.columnNames)
            throw ChartError("there is no column \(name)", hint: guess.map { "did you mean \($0)?" } ?? "columns are: " + table.columnNames.joined(separator: ", "))
        }
        return (table.columnNames[index], table.columns[index])
    }

    static func numbers(_ c: (name: String, column: Column), _ role: String) throws -> [Double] {
        guard c.column.type.isNumeric || c.column.type == .date || c.column.type == .timestamp,
              var values = c.column.doubleValues() else {
            throw ChartError("\(role)=\(c.name) is \(c.column.type), and a chart needs numbers there",
                             hint: "count it instead: chart bar (SELECT \(c.name), count(*) AS n FROM … GROUP BY 1) x=\(c.name) y=n")
        }
        if case .timestamp = c.column.type { values = values.map { $0 / Double(CivilCalendar.microsecondsPerDay) } }
        for row in 0..<values.count where c.column.isNull(row) { values[row] = .nan }
        return values
    }

    static func labels(_ c: Column) -> [String] {
        (0..<c.count).map { c.isNull($0) ? "(NULL)" : c.value(at: $0).plainText }
    }

    // MARK: - Bars, columns, pies

    static func categorical(_ r: ChartRequest, _ table: Table, _ locale: DisplayLocale) throws -> ChartSpec {
        let x = try column(r.x, "x", in: table)
        let keys = labels(x.column)
        var categories: [String] = []
        var index: [String: Int] = [:]
        for k in keys where index[k] == nil { index[k] = categories.count; categories.append(k) }

        var series: [ChartSeries] = []
        var yTitle: String
        if let seriesName = r.series {
            guard r.y.count <= 1 else { throw ChartError("with series=, give one y column", hint: "y=\(r.y[0]) series=\(seriesName)") }
            let s = try column(seriesName, "series", in: table)
            let values = try r.y.first.map { try numbers(try column($0, "y", in: table), "y") } ?? [Double](repeating: 1, count: table.rowCount)
            yTitle = r.y.first ?? ChartWords(locale: locale).count
            var names: [String] = []
            var seriesIndex: [String: Int] = [:]
            let seriesKeys = labels(s.column)
            for k in seriesKeys where seriesIndex[k] == nil { seriesIndex[k] = names.count; names.append(k) }
            series = names.map { ChartSeries(name: $0, values: [Double](repeating: .nan, count: categories.count)) }
            for row in 0..<table.rowCount where !values[row].isNaN {
                let (c, si) = (index[keys[row]]!, seriesIndex[seriesKeys[row]]!)
                series[si].values[c] = (series[si].values[c].isNaN ? 0 : series[si].values[c]) + values[row]
            }
        } else if r.y.isEmpty {
            yTitle = ChartWords(locale: locale).count
            var counts = [Double](repeating: 0, count: categories.count)
            for k in keys { counts[index[k]!] += 1 }
            series = [ChartSeries(name: yTitle, values: counts)]
        } else {
            yTitle = r.y.joined(separator: ", ")
            for name in r.y {
                let y = try column(name, "y", in: table)
                let values = try numbers(y, "y")
                var sums = [Double](repeating: .nan, count: categories.count)
                for row in 0..<table.rowCount where !values[row].isNaN {
                    let c = index[keys[row]]!
                    sums[c] = (sums[c].isNaN ? 0 : sums[c]) + values[row]
                }
                series.append(ChartSeries(name: y.name, values: sums))
            }
        }
        if r.stacked, r.series == nil, series.count > 1 {
            throw ChartError("a stack adds its parts, so \(series.map(\.name).joined(separator: " and ")) would be added together although they may not share a unit",
                             hint: "stack one measure split by a column: y=COL series=COL stacked=true, or draw them side by side without stacked")
        }

        // Order and top N by each category's total.
        var order = Array(categories.indices)
        let totals = order.map { c in series.reduce(0.0) { $0 + ($1.values[c].isNaN ? 0 : $1.values[c]) } }
        let sort = r.top != nil && r.sort == .none ? .desc : r.sort
        if sort != .none {
            order.sort { a, b in totals[a] != totals[b] ? (sort == .desc ? totals[a] > totals[b] : totals[a] < totals[b]) : a < b }
        }
        var omitted: OmittedCategories?
        if let top = r.top, order.count > max(1, top) {
            let rest = order.dropFirst(max(1, top))
            omitted = OmittedCategories(count: rest.count, total: rest.reduce(0.0) { $0 + totals[$1] })
            order = Array(order.prefix(max(1, top)))
        }
        categories = order.map { categories[$0] }
        series = series.map { s in ChartSeries(name: s.name, values: order.map { s.values[$0] }) }
        if let left = omitted, r.kind == .pie || r.kind == .donut, series.count == 1 {
            // A pie's shares are of the whole: the slices past top=N stay, gathered in one.
            categories.append(ChartWords(locale: locale).other(left.count))
            series[0].values.append(left.total)
            omitted = nil
        }

        if r.kind == .pie || r.kind == .donut {
            guard series.count == 1 else { throw ChartError("a \(r.kind.rawValue) shows one measure", hint: "use chart bar for several") }
            guard categories.count <= maxSlices else {
                throw ChartError("\(categories.count) slices are too many for a \(r.kind.rawValue): small slices cannot be compared",
                                 hint: "chart bar … sort=desc, or top=\(maxSlices - 1) (the other slices are gathered in one)")
            }
            guard !series[0].values.contains(where: { $0 < 0 }) else {
                throw ChartError("a \(r.kind.rawValue) cannot show negative values", hint: "use chart bar")
            }
        } else if categories.count > maxCategories {
            throw ChartError("\(categories.count) categories are too many for one chart",
                             hint: "keep the largest: top=20 (with sort=desc), or filter with a query")
        }

        let stacked = r.stacked && series.count > 1
        var lo = 0.0, hi = 0.0
        for c in categories.indices {
            if stacked {
                var pos = 0.0, neg = 0.0
                for s in series where !s.values[c].isNaN { if s.values[c] >= 0 { pos += s.values[c] } else { neg += s.values[c] } }
                hi = max(hi, pos); lo = min(lo, neg)
            } else {
                for s in series where !s.values[c].isNaN { hi = max(hi, s.values[c]); lo = min(lo, s.values[c]) }
            }
        }
        var spec = ChartSpec(kind: r.kind, title: r.title, subtitle: r.subtitle, source: r.source, xTitle: x.name, yTitle: yTitle,
                             data: .categorical(categories: categories, series: series, stacked: stacked),
                             valueScale: NiceScale(minimum: lo, maximum: hi), xScale: nil, locale: locale, skippedRows: 0)
        spec.omitted = omitted
        return spec
    }

    // MARK: - Histogram

    static func histogram(_ r: ChartRequest, _ table: Table, _ locale: DisplayLocale) throws -> ChartSpec {
        let x = try column(r.x ?? r.y.first, "x", in: table)
        let values = try numbers(x, "x").filter { !$0.isNaN }
        guard let lo = values.min(), let hi = values.max() else {
            throw ChartError("\(x.name) has no value to count", hint: "every value is NULL")
        }
        let step: Double
        if let width = r.binWidth, width > 0 {
            step = width
        } else {
            let bins = r.bins ?? max(1, Int((log2(Double(values.count))).rounded(.up)) + 1)
            step = NiceScale.nearestNiceStep(max(hi - lo, 1e-9) / Double(max(1, bins)))
        }
        var edges: [Double] = [(lo / step).rounded(.down) * step]
        while edges.last! <= hi { edges.append(edges.last! + step) }
        guard edges.count <= 201 else { throw ChartError("that bin width makes \(edges.count - 1) bins", hint: "use bins=N with N ≤ 200") }
        var counts = [Double](repeating: 0, count: edges.count - 1)
        for v in values {
            let i = min(counts.count - 1, max(0, Int(((v - edges[0]) / step).rounded(.down))))
            counts[i] += 1
        }
        return ChartSpec(kind: .histogram, title: r.title, subtitle: r.subtitle, source: r.source, xTitle: x.name, yTitle: ChartWords(locale: locale).count,
                         data: .histogram(edges: edges, counts: counts),
                         valueScale: NiceScale(minimum: 0, maximum: (counts.max() ?? 1) * 1.08, integral: true), xScale: nil, locale: locale,
                         skippedRows: table.rowCount - values.count)
    }

    // MARK: - Lines and scatter plots

    static func points(_ r: ChartRequest, _ table: Table, _ locale: DisplayLocale) throws -> ChartSpec {
        let x = try column(r.x, "x", in: table)
        let xs = try numbers(x, "x")
        let xIsDate = x.column.type == .date || x.column.type == .timestamp
        guard !r.y.isEmpty else { throw ChartError("y= is missing", hint: "y=COLUMN[,COLUMN]") }
        var series: [PointSeries] = []
        var skipped = 0
        if let seriesName = r.series ?? (r.kind == .scatter ? r.color : nil) {
            let s = try column(seriesName, "series", in: table)
            let ys = try numbers(try column(r.y[0], "y", in: table), "y")
            var index: [String: Int] = [:]
            for (row, key) in labels(s.column).enumerated() {
                guard !xs[row].isNaN, !ys[row].isNaN else { skipped += 1; continue }
                if index[key] == nil { index[key] = series.count; series.append(PointSeries(name: key, xs: [], ys: [])) }
                series[index[key]!].xs.append(xs[row])
                series[index[key]!].ys.append(ys[row])
            }
        } else {
            for name in r.y {
                let y = try column(name, "y", in: table)
                let ys = try numbers(y, "y")
                var p = PointSeries(name: y.name, xs: [], ys: [])
                for row in 0..<table.rowCount {
                    guard !xs[row].isNaN, !ys[row].isNaN else { skipped += 1; continue }
                    p.xs.append(xs[row]); p.ys.append(ys[row])
                }
                series.append(p)
            }
        }
        if r.kind == .line {
            series = series.map { s in
                let order = s.xs.indices.sorted { s.xs[$0] < s.xs[$1] }
                return PointSeries(name: s.name, xs: order.map { s.xs[$0] }, ys: order.map { s.ys[$0] })
            }
        }
        let allX = series.flatMap(\.xs), allY = series.flatMap(\.ys)
        guard !allX.isEmpty else { throw ChartError("no row has both an x and a y value", hint: "every pair has a NULL") }
        let axis: AxisTicks.Kind = xIsDate ? .date : (ColumnNaming.isYear(x.name, x.column) ? .year : .number)
        let (xScale, xTicks) = AxisTicks.make(axis, minimum: allX.min()!, maximum: allX.max()!, locale: locale)
        var spec = ChartSpec(kind: r.kind, title: r.title, subtitle: r.subtitle, source: r.source, xTitle: x.name, yTitle: r.y.joined(separator: ", "),
                             data: .points(series: series, xIsDate: xIsDate),
                             valueScale: NiceScale(minimum: allY.min()!, maximum: allY.max()!, includeZero: false),
                             xScale: xScale, locale: locale, skippedRows: skipped)
        spec.xTicks = xTicks
        return spec
    }

    // MARK: - Maps

    public static let maxColors = 12

    static func map(_ r: ChartRequest, _ table: Table, _ background: Table?, _ locale: DisplayLocale) throws -> ChartSpec {
        var layers = MapLayers()
        if let background {
            guard let g = background.geometryColumnIndex else {
                throw ChartError("the background table has no geometry column", hint: "load outlines such as datasets/communes-herault.geojson, or a CSV of WKT or GeoJSON cells")
            }
            let names = MapGeometry.nameColumn(in: background).map { background.columns[$0] }
            layers.background = MapGeometry.shapes(background.columns[g]) { row in names.flatMap { $0.isNull(row) ? nil : $0.value(at: row).plainText } }.shapes
        }
        if let g = table.geometryColumnIndex, MapGeometry.hasAreas(table.columns[g]) {
            var spec = try areaMap(r, table, geometry: g, layers: layers, locale)
            spec.mapLayers.background = layers.background
            return spec
        }
        var spec = try pointMap(r, table, locale)
        spec.mapLayers = layers
        return spec
    }

    /// A map of the table's own polygons: a choropleth of a numeric `color=`, a fill per value of
    /// a text one, or outlines.
    static func areaMap(_ r: ChartRequest, _ table: Table, geometry g: Int, layers: MapLayers, _ locale: DisplayLocale) throws -> ChartSpec {
        var layers = layers
        let labelColumn = try r.label.map { try column($0, "label", in: table).column }
        var fills = [Int?](repeating: nil, count: table.rowCount)
        var categories: [String] = []
        var measure: String?
        if let colorName = r.color {
            let c = try column(colorName, "color", in: table)
            if c.column.type.isNumeric {
                let values = try numbers(c, "color")
                let count = r.classes ?? 5
                guard (1...MapClasses.maxClasses).contains(count) else {
                    throw ChartError("classes=\(count): a choropleth has 1 to \(MapClasses.maxClasses) classes", hint: "classes=5")
                }
                let (classes, assigned) = MapClasses.make(values, count: count, method: r.breaks)
                layers.classes = classes
                fills = assigned
                measure = c.name
            } else {
                (categories, fills) = categoryIndex(labels(c.column), locale)
            }
        }
        let (shapes, skipped) = MapGeometry.shapes(table.columns[g], fill: { fills[$0] }) { row in
            labelColumn.flatMap { $0.isNull(row) ? nil : $0.value(at: row).plainText }
        }
        guard !shapes.isEmpty else { throw ChartError("no row has a geometry to draw in \(table.columnNames[g])") }
        layers.shapes = shapes
        var box = BoundingBox.empty
        for s in shapes { box.add(s.bounds) }
        var spec = ChartSpec(kind: .map, title: r.title, subtitle: r.subtitle, source: r.source, xTitle: "longitude", yTitle: measure.map(readable),
                             data: .map(points: [], categories: categories),
                             valueScale: NiceScale(minimum: box.minY, maximum: box.maxY, includeZero: false),
                             xScale: NiceScale(minimum: box.minX, maximum: box.maxX, includeZero: false),
                             locale: locale, skippedRows: skipped)
        spec.unit = r.unit
        spec.mapLayers = layers
        return spec
    }

    /// One index per row into at most 12 categories, in order of appearance; past 12, the rarest share one.
    static func categoryIndex(_ keys: [String], _ locale: DisplayLocale) -> ([String], [Int?]) {
        var counts: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        for (row, key) in keys.enumerated() {
            counts[key, default: 0] += 1
            if firstSeen[key] == nil { firstSeen[key] = row }
        }
        var kept = counts.keys.sorted { firstSeen[$0]! < firstSeen[$1]! }
        var other: Int?
        var categories: [String]
        if kept.count > maxColors {
            kept.sort { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : firstSeen[$0]! < firstSeen[$1]! }
            let rest = kept.count - (maxColors - 1)
            kept = Array(kept.prefix(maxColors - 1))
            other = maxColors - 1
            categories = kept + [ChartWords(locale: locale).other(rest)]
        } else {
            categories = kept
        }
        let index = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        return (categories, keys.map { index[$0] ?? other })
    }

    static func pointMap(_ r: ChartRequest, _ table: Table, _ locale: DisplayLocale) throws -> ChartSpec {
        let located: CoordinateLocator.Points
        do { located = try CoordinateLocator.locate(table, latitude: r.lat, longitude: r.lon) } catch {
            throw ChartError(error.message, hint: error.hint)
        }
        let lats = located.latitudes, lons = located.longitudes
        var categories: [String] = []
        var categoryOfRow: [Int?] = [Int?](repeating: nil, count: table.rowCount)
        if let colorName = r.color {
            let c = try column(colorName, "color", in: table)
            (categories, categoryOfRow) = categoryIndex(labels(c.column), locale)
        }
        let labelColumn = try r.label.map { try column($0, "label", in: table).column }
        var points: [MapPoint] = []
        var skipped = 0
        for row in 0..<table.rowCount {
            let lat = lats[row], lon = lons[row]
            guard !lat.isNaN, !lon.isNaN, abs(lat) <= 90, abs(lon) <= 180 else { skipped += 1; continue }
            points.append(MapPoint(latitude: lat, longitude: lon, category: categoryOfRow[row],
                                   label: labelColumn.flatMap { $0.isNull(row) ? nil : $0.value(at: row).plainText }))
        }
        guard !points.isEmpty else { throw ChartError("no row has valid coordinates in \(located.description)") }
        let (latName, lonName) = located.columns.count == 2 ? (table.columnNames[located.columns[0]], table.columnNames[located.columns[1]]) : ("latitude", "longitude")
        return ChartSpec(kind: .map, title: r.title, subtitle: r.subtitle, source: r.source, xTitle: lonName, yTitle: latName,
                         data: .map(points: points, categories: categories),
                         valueScale: NiceScale(minimum: points.map(\.latitude).min()!, maximum: points.map(\.latitude).max()!, includeZero: false),
                         xScale: NiceScale(minimum: points.map(\.longitude).min()!, maximum: points.map(\.longitude).max()!, includeZero: false),
                         locale: locale, skippedRows: skipped)
    }
}

#if canImport(Glibc)
import Glibc
#endif
