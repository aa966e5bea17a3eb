import CarnetEngine

/// Loads JSON as a table: a GeoJSON FeatureCollection (one row per feature: its properties as
/// columns in the file's order, its geometry as GeoJSON text in a `geometry` column, as
/// geopandas names it), an array of objects, an object holding one such array
/// (`{"results": […]}` as APIs answer), or NDJSON (one object per line). Values go through the
/// same type inference as CSV cells (numbers keep their exact text; nested values are JSON
/// text). `crs=2154` reads Lambert-93 coordinates and writes WGS84.
public enum JSONReader: TableReader {
    public static let formatName = "JSON"
    public static let extensions: Set<String> = ["json", "geojson", "ndjson", "jsonl"]
    public static let isText = true

    /// Text whose first character is `{` or `[`.
    public static func recognizes(_ head: [UInt8]) -> Bool {
        let text = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        return text.first == UInt8(ascii: "{") || text.first == UInt8(ascii: "[")
    }

    public static func load(path: String, options: LoadOptions, monitor: LoadMonitor = .none) throws -> (Table, LoadReport) {
        let file = try ByteFile(path: path)
        let name = String(path.split(separator: "/").last ?? "")
        try MemoryLimit.check(adding: file.size * 6, for: "reading \(name)", isQuery: false)
        var bytes = [UInt8](repeating: 0, count: file.size)
        let n = try bytes.withUnsafeMutableBytes { try file.read(into: $0) }
        bytes.removeSubrange(n...)
        monitor.progress(n, file.size)
        if monitor.isCancelled() { throw LoadInterrupted() }

        var records: [JSONValue] = []
        var geometries: [JSONValue]?
        var kind = "JSON"
        let ext = String(name.split(separator: ".").last ?? "").lowercased()
        do {
            if ext == "ndjson" || ext == "jsonl" {
                kind = "NDJSON"
                var line = 0
                for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                    line += 1
                    guard piece.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
                    let value: JSONValue
                    do {
                        value = try Array(piece).withUnsafeBufferPointer { try JSONParser.parse($0) }
                    } catch let damage as JSONDamage {
                        throw JSONDamage(line: line, column: damage.column, reason: damage.reason)
                    }
                    guard case .object = value else { throw JSONDamage(line: line, column: 1, reason: "NDJSON holds one {…} object per line") }
                    records.append(value)
                }
            } else {
                let root = try bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
                if root["type"] == .string("FeatureCollection") {
                    kind = "GeoJSON"
                    guard case .array(let features)? = root["features"] else { throw LoadError(path: path, message: "the FeatureCollection has no features array") }
                    geometries = []
                    for (k, feature) in features.enumerated() {
                        guard case .object = feature else { throw LoadError(path: path, message: "feature \(k + 1) is not an object") }
                        records.append(feature["properties"] ?? .object([]))
                        geometries!.append(feature["geometry"] ?? .null)
                    }
                } else if root["type"] == .string("Feature") {
                    kind = "GeoJSON"
                    records = [root["properties"] ?? .object([])]
                    geometries = [root["geometry"] ?? .null]
                } else if case .array(let items) = root {
                    for (k, item) in items.enumerated() {
                        guard case .object = item else {
                            throw LoadError(path: path, message: "item \(k + 1) of the array is not an object", hint: "Carnet reads an array of {…} objects, one per row")
                        }
                    }
                    records = items
                } else if case .object(let members) = root {
                    // One object: a row, unless it holds one array of objects (`{"results": […]}`).
                    let tables = members.filter { member in
                        if case .array(let items) = member.value, !items.isEmpty, items.allSatisfy({ if case .object = $0 { return true } else { return false } }) { return true }
                        return false
                    }
                    if tables.count == 1, case .array(let items) = tables[0].value { records = items } else { records = [root] }
                } else {
                    throw LoadError(path: path, message: "the JSON holds a single value, not a table", hint: "Carnet reads an array of objects, NDJSON or GeoJSON")
                }
            }
        } catch let damage as JSONDamage {
            throw LoadError(path: path, line: damage.line, message: "the JSON is not valid: \(damage.reason) (column \(damage.column))",
                            hint: "check that the file is whole (a truncated download?)")
        }
        guard !records.isEmpty else { throw LoadError(path: path, message: "the JSON holds no row") }

        var warnings: [LoadMessage] = []
        if options.crs == 2154, geometries == nil {
            warnings.append(LoadMessage("crs=2154 applies to GeoJSON geometries; this file has none", fr: "crs=2154 s'applique aux géométries GeoJSON\u{A0}; ce fichier n'en a pas"))
        }
        if options.crs == 2154, geometries != nil {
            var outside = 0
            geometries = geometries!.map { GeoJSONCoordinates.fromLambert93($0, outside: &outside) }
            if outside > 0 {
                warnings.append(LoadMessage("\(outside) coordinate pair(s) could not be read as Lambert-93 metres and were left as they were",
                                            fr: "\(outside) paire(s) de coordonnées illisibles en mètres Lambert-93, laissées telles quelles"))
            }
        }
        var cells = CellGrid(rows: JSONReader.rows(records, geometries: geometries))
        records = []
        var gridOptions = options
        gridOptions.hasHeader = true
        gridOptions.decimalMark = UInt8(ascii: ".")
        gridOptions.skip = 0
        // Features' geometries are geometries even where one is odd: it becomes NULL with a warning, not text.
        if geometries != nil, !gridOptions.types.keys.contains(where: { $0.lowercased() == "geometry" }) {
            gridOptions.geometryColumns = ["geometry"]
        }
        let loaded = try cells.table(options: gridOptions, path: path, monitor: monitor)
        let rowCount = loaded.table.rowCount, plural = rowCount == 1 ? "" : "s", converted = options.crs == 2154 && geometries != nil
        let format = LoadMessage("\(kind), \(rowCount) \(kind == "GeoJSON" ? "feature" : "record")\(plural)" + (converted ? ", Lambert-93 converted to WGS84" : ""),
                                 fr: "\(kind), \(rowCount) \(kind == "GeoJSON" ? "entité" : "enregistrement")\(plural)" + (converted ? ", Lambert-93 converti en WGS84" : ""))
        return (loaded.table, loaded.report(path: path, byteCount: file.size, reader: formatName, format: format, warnings: warnings))
    }

    /// The records as a header row and rows of cell texts: keys in order of first appearance,
    /// then the geometry.
    static func rows(_ records: [JSONValue], geometries: [JSONValue]?) -> [[String?]] {
        var keys: [String] = []
        var index: [String: Int] = [:]
        for record in records {
            guard case .object(let members) = record else { continue }
            for member in members where index[member.key] == nil {
                index[member.key] = keys.count
                keys.append(member.key)
            }
        }
        var rows: [[String?]] = [keys + (geometries == nil ? [] : ["geometry"])]
        rows.reserveCapacity(records.count + 1)
        for (k, record) in records.enumerated() {
            var row = [String?](repeating: nil, count: keys.count + (geometries == nil ? 0 : 1))
            if case .object(let members) = record {
                for member in members { row[index[member.key]!] = cell(member.value) }
            }
            if let geometries, geometries[k] != .null { row[keys.count] = geometries[k].text }
            rows.append(row)
        }
        return rows
    }

    static func cell(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return s
        case .array, .object: return value.text
        }
    }
}

/// Coordinates inside GeoJSON geometries.
enum GeoJSONCoordinates {
    /// The geometry with every `[x, y]` pair converted from Lambert-93 metres to WGS84 degrees
    /// (`[lon, lat]`, as GeoJSON orders them); pairs outside France stay as they were, counted.
    static func fromLambert93(_ geometry: JSONValue, outside: inout Int) -> JSONValue {
        guard case .object(let members) = geometry else { return geometry }
        return .object(members.map { member in
            switch member.key {
            case "coordinates": return (member.key, convert(member.value, outside: &outside))
            case "geometries":
                guard case .array(let items) = member.value else { return member }
                return (member.key, .array(items.map { fromLambert93($0, outside: &outside) }))
            default: return member
            }
        })
    }

    private static func convert(_ value: JSONValue, outside: inout Int) -> JSONValue {
        guard case .array(let items) = value else { return value }
        if items.count >= 2, case .number(let xs) = items[0], case .number(let ys) = items[1] {
            guard let x = Double(xs), let y = Double(ys), let (lat, lon) = Lambert93.toWGS84(x: x, y: y) else {
                outside += 1
                return value
            }
            return .array([.number(rounded(lon)), .number(rounded(lat))] + items.dropFirst(2))
        }
        return .array(items.map { convert($0, outside: &outside) })
    }

    /// Seven decimals: about a centimetre, what GeoJSON files usually keep.
    private static func rounded(_ degrees: Double) -> String {
        let scaled = (degrees * 1e7).rounded() / 1e7
        return String(scaled)
    }
}
