import CarnetEngine
import CarnetIO

/// Checks and conversions of coordinate columns after a load: Lambert-93 converted on request,
/// swapped latitude/longitude and projected metres reported.
enum Coordinates {
    /// The latitude and longitude columns found by name, when both are numeric.
    static func columns(_ table: Table) -> (lat: Int, lon: Int)? {
        guard let latName = CoordinateLocator.namedColumn(CoordinateLocator.latitudeNames, in: table),
              let lonName = CoordinateLocator.namedColumn(CoordinateLocator.longitudeNames, in: table),
              let li = table.columnIndex(named: latName), let gi = table.columnIndex(named: lonName), li != gi,
              table.columns[li].type.isNumeric, table.columns[gi].type.isNumeric else { return nil }
        return (li, gi)
    }

    /// Warnings about the coordinates of a freshly loaded table.
    static func warnings(_ table: Table) -> [LoadMessage] {
        guard let (li, gi) = columns(table), let lats = table.columns[li].doubleValues(), let lons = table.columns[gi].doubleValues() else { return [] }
        var france = 0, swapped = 0, metres = 0, total = 0
        for row in 0..<table.rowCount where !table.columns[li].isNull(row) && !table.columns[gi].isNull(row) {
            total += 1
            if Lambert93.inMetropolitanFrance(latitude: lats[row], longitude: lons[row]) { france += 1 }
            else if Lambert93.inMetropolitanFrance(latitude: lons[row], longitude: lats[row]) { swapped += 1 }
            else if abs(lats[row]) > 1000 || abs(lons[row]) > 1000 { metres += 1 }
        }
        let lat = table.columnNames[li], lon = table.columnNames[gi]
        var out: [LoadMessage] = []
        if swapped > 0, swapped >= france {
            out.append(LoadMessage("\(lat) and \(lon) look swapped: \(swapped) of \(total) point(s) fall in France only with latitude and longitude exchanged; swap them with a query (SELECT \(lon) AS \(lat), \(lat) AS \(lon), …)",
                                   fr: "\(lat) et \(lon) semblent inversées\u{A0}: \(swapped) point(s) sur \(total) ne tombent en France qu'en échangeant latitude et longitude\u{A0}; échangez-les par une requête (SELECT \(lon) AS \(lat), \(lat) AS \(lon), …)"))
        }
        if metres * 2 > total {
            out.append(LoadMessage("\(lat)/\(lon) hold metres, not degrees (a projection such as Lambert-93): load with `with crs=2154` to convert them to WGS84",
                                   fr: "\(lat)/\(lon) contiennent des mètres, pas des degrés (une projection comme le Lambert-93)\u{A0}: chargez `with crs=2154` pour les convertir en WGS84"))
        }
        return out
    }

    /// The table with its x/y (or lon/lat) columns converted from Lambert-93 metres to degrees.
    static func fromLambert93(_ table: Table) throws -> Table {
        guard let (yi, xi) = columns(table), let ys = table.columns[yi].doubleValues(), let xs = table.columns[xi].doubleValues() else {
            throw CommandError("crs=2154 needs numeric x/y (or longitude/latitude) columns", hint: "name them x and y, or lon and lat")
        }
        var lat = [Double](repeating: 0, count: table.rowCount), lon = lat
        var validity = ValidityBitmap(count: table.rowCount, valid: true)
        for row in 0..<table.rowCount {
            guard !table.columns[yi].isNull(row), !table.columns[xi].isNull(row), let (a, b) = Lambert93.toWGS84(x: xs[row], y: ys[row]) else {
                validity.set(row, valid: false); continue
            }
            lat[row] = a
            lon[row] = b
        }
        var columns = table.columns
        columns[yi] = Column(.double(lat), validity: validity)
        columns[xi] = Column(.double(lon), validity: validity)
        return Table(columnNames: table.columnNames, columns: columns)
    }
}
