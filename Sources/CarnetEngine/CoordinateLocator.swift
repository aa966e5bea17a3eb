/// Where a table keeps its points: two number columns named like latitude and longitude, or one
/// text column of points (`Geo Point`, `geo_point_2d`, `coordonnees`, GeoJSON or WKT cells).
/// Maps and GeoJSON exports both ask it, so they find the same points.
public enum CoordinateLocator {
    public static let latitudeNames = ["lat", "latitude", "y", "geo_lat"]
    public static let longitudeNames = ["lon", "lng", "long", "longitude", "x", "geo_lon"]
    /// Names of single columns that hold whole points, most specific first.
    static let pointNames = ["geo_point_2d", "geo_point", "geopoint", "geo point", "point", "coordonnees", "coordonnées",
                             "coordinates", "coords", "coord", "geolocalisation", "géolocalisation", "localisation", "position",
                             "geo_shape", "geo shape", "geometry", "geom", "the_geom", "wkt"]

    /// The points found, NaN where a row has none.
    public struct Points: Sendable {
        public var latitudes: [Double]
        public var longitudes: [Double]
        /// The columns the points came from (one or two), left out of GeoJSON properties.
        public var columns: [Int]
        /// `latitude and longitude` or `Geo Point`, for messages.
        public var description: String
    }

    /// Why no point was found, and what to type instead.
    public struct Failure: Error, Sendable {
        public var message: String
        public var hint: String
    }

    /// The column whose name (or a word of it) says latitude or longitude.
    public static func namedColumn(_ names: [String], in table: Table) -> String? {
        for candidate in names {
            if let exact = table.columnNames.first(where: { $0.lowercased() == candidate }) { return exact }
        }
        for name in table.columnNames {
            let words = name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            if words.contains(where: { names.contains($0) && $0.count > 1 }) { return name }
        }
        return nil
    }

    public static func locate(_ table: Table, latitude: String? = nil, longitude: String? = nil) throws(Failure) -> Points {
        func index(_ name: String) throws(Failure) -> Int {
            guard let i = table.columnIndex(named: name) else {
                throw Failure(message: "there is no column \(name)", hint: "columns are: " + table.columnNames.joined(separator: ", "))
            }
            return i
        }
        if latitude != nil || longitude != nil {
            // Named by the user: one point column given as either, or a pair of numbers.
            if let only = latitude ?? longitude, latitude == nil || longitude == nil || latitude == longitude {
                let i = try index(only)
                if let points = pointColumn(table, i, minimumShare: 0) { return points }
            }
            guard let latitude, let longitude else {
                throw Failure(message: "give both the latitude and the longitude column", hint: "lat=COL lon=COL")
            }
            return try pair(table, try index(latitude), try index(longitude))
        }
        let lat = namedColumn(latitudeNames, in: table).flatMap(table.columnIndex(named:))
        let lon = namedColumn(longitudeNames, in: table).flatMap(table.columnIndex(named:))
        if let lat, let lon, lat != lon, table.columns[lat].type.isNumeric, table.columns[lon].type.isNumeric {
            return try pair(table, lat, lon)
        }
        for candidate in pointNames {
            if let i = table.columnNames.firstIndex(where: { $0.lowercased() == candidate || $0.lowercased().replacingUnderscores == candidate }),
               let points = pointColumn(table, i, minimumShare: 0.5) {
                return points
            }
        }
        for i in table.columns.indices where table.columns[i].type == .string || table.columns[i].type == .geometry {
            if let points = pointColumn(table, i, minimumShare: 0.8) { return points }
        }
        throw Failure(message: "no latitude and longitude columns, and no column of points such as Geo Point",
                      hint: "name them: lat=COL lon=COL, or lat=COL for a column of \"lat, lon\" points")
    }

    static func pair(_ table: Table, _ lat: Int, _ lon: Int) throws(Failure) -> Points {
        for i in [lat, lon] where !table.columns[i].type.isNumeric {
            throw Failure(message: "\(table.columnNames[i]) is \(table.columns[i].type), not a number",
                          hint: "convert it first, e.g. CAST(\(table.columnNames[i]) AS double), or lat_of(x)/lon_of(x) for \"lat, lon\" points")
        }
        var lats = table.columns[lat].doubleValues() ?? [], lons = table.columns[lon].doubleValues() ?? []
        for row in 0..<table.rowCount where table.columns[lat].isNull(row) || table.columns[lon].isNull(row) {
            lats[row] = .nan; lons[row] = .nan
        }
        return Points(latitudes: lats, longitudes: lons, columns: [lat, lon],
                      description: "\(table.columnNames[lat]) and \(table.columnNames[lon])")
    }

    /// A text column of points, when at least `minimumShare` of its values read as points.
    static func pointColumn(_ table: Table, _ i: Int, minimumShare: Double) -> Points? {
        let column = table.columns[i]
        if case .geometry(let shapes) = column.buffer { return geometryPoints(column, shapes, name: table.columnNames[i], index: i) }
        guard case .string(let strings) = column.buffer else { return nil }
        var lats = [Double](repeating: .nan, count: column.count), lons = lats
        var present = 0, read = 0
        for row in 0..<column.count where !column.isNull(row) {
            present += 1
            if let p = GeoPointText.parse(strings.string(at: row)) { lats[row] = p.latitude; lons[row] = p.longitude; read += 1 }
        }
        guard read > 0, Double(read) >= minimumShare * Double(present) else { return nil }
        return Points(latitudes: lats, longitudes: lons, columns: [i], description: table.columnNames[i])
    }
}

extension CoordinateLocator {
    /// A geometry column's points; lines and polygons stand at their centroid. Only longitude and
    /// latitude count: projected coordinates give no point.
    static func geometryPoints(_ column: Column, _ shapes: GeometryColumn, name: String, index: Int) -> Points? {
        var lats = [Double](repeating: .nan, count: column.count), lons = lats
        var read = 0
        for row in 0..<column.count where !column.isNull(row) {
            guard let shape = shapes.shape(at: row), let c = shape.centroid, abs(c.y) <= 90, abs(c.x) <= 180 else { continue }
            lats[row] = c.y; lons[row] = c.x; read += 1
        }
        guard read > 0 else { return nil }
        return Points(latitudes: lats, longitudes: lons, columns: [index], description: name)
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
