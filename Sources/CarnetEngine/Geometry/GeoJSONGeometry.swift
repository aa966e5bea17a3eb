/// GeoJSON geometry objects (RFC 7946): `{"type": "Polygon", "coordinates": [[[3.9, 43.5], …]]}`,
/// as GeoJSON files and CNIG's ZAE cells write them. A Feature is read as its geometry.
public enum GeoJSONGeometry {
    public static func parse(_ text: String) throws(GeometryError) -> GeometryShape {
        var parser = TinyJSON(Array(text.utf8))
        let value = try parser.value(depth: 0)
        parser.skipSpaces()
        guard parser.atEnd else { throw GeometryError("unexpected text at character \(parser.index + 1) after the geometry") }
        return try shape(value, depth: 0)
    }

    /// Builds a geometry from an already parsed JSON tree (the JSON reader hands its features' geometries here).
    static func shape(_ value: TinyJSON.Value, depth: Int) throws(GeometryError) -> GeometryShape {
        guard depth < 32 else { throw GeometryError("geometries nest more than 32 deep") }
        guard case .object(let members) = value else { throw GeometryError("a GeoJSON geometry is an object with \"type\" and \"coordinates\"") }
        func member(_ name: String) -> TinyJSON.Value? { members.first(where: { $0.0 == name })?.1 }
        guard case .string(let type)? = member("type") else { throw GeometryError("the geometry has no \"type\"") }
        if type == "Feature" {
            guard let geometry = member("geometry"), geometry != .null else { throw GeometryError("the Feature has no geometry") }
            return try shape(geometry, depth: depth + 1)
        }
        if type == "GeometryCollection" {
            guard case .array(let parts)? = member("geometries") else { throw GeometryError("the GeometryCollection has no \"geometries\" array") }
            var shapes: [GeometryShape] = []
            for part in parts { shapes.append(try shape(part, depth: depth + 1)) }
            return .collection(shapes)
        }
        guard let code = GeometryShape.geoJSONNames.firstIndex(of: type) else {
            throw GeometryError("\"\(type)\" is not a GeoJSON geometry type (Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection)")
        }
        guard let coordinates = member("coordinates") else { throw GeometryError("the \(type) has no \"coordinates\"") }
        switch code {
        case 0:
            if case .array(let a) = coordinates, a.isEmpty { return .point(nil) }
            return .point(try position(coordinates))
        case 1: return .lineString(try line(coordinates))
        case 2: return .polygon(try rings(coordinates))
        case 3: return .multiPoint(try line(coordinates))
        case 4: return .multiLineString(try rings(coordinates))
        default:
            guard case .array(let polygons) = coordinates else { throw GeometryError("MultiPolygon coordinates must be an array of polygons") }
            var out: [[[Position]]] = []
            for polygon in polygons { out.append(try rings(polygon)) }
            return .multiPolygon(out)
        }
    }

    private static func position(_ value: TinyJSON.Value) throws(GeometryError) -> Position {
        guard case .array(let a) = value, a.count >= 2, case .number(let x) = a[0], case .number(let y) = a[1] else {
            throw GeometryError("a position must be an array of two numbers [longitude, latitude]")
        }
        return Position(x, y)
    }

    private static func line(_ value: TinyJSON.Value) throws(GeometryError) -> [Position] {
        guard case .array(let a) = value else { throw GeometryError("expected an array of positions") }
        var out: [Position] = []
        out.reserveCapacity(a.count)
        for p in a { out.append(try position(p)) }
        return out
    }

    private static func rings(_ value: TinyJSON.Value) throws(GeometryError) -> [[Position]] {
        guard case .array(let a) = value else { throw GeometryError("expected an array of rings") }
        var out: [[Position]] = []
        for ring in a { out.append(try line(ring)) }
        return out
    }

    /// Compact GeoJSON, coordinates as the shortest decimals that read back the same.
    public static func format(_ shape: GeometryShape) -> String {
        var out = ""
        write(shape, &out)
        return out
    }

    private static func write(_ shape: GeometryShape, _ out: inout String) {
        let name = GeometryShape.geoJSONNames[Int(shape.typeCode) - 1]
        if case .collection(let parts) = shape {
            out += "{\"type\":\"GeometryCollection\",\"geometries\":["
            for (i, part) in parts.enumerated() { if i > 0 { out += "," }; write(part, &out) }
            out += "]}"
            return
        }
        out += "{\"type\":\"\(name)\",\"coordinates\":"
        switch shape {
        case .point(let p):
            if let p { position(p, &out) } else { out += "[]" }
        case .lineString(let ps), .multiPoint(let ps): line(ps, &out)
        case .polygon(let rings), .multiLineString(let rings): ringList(rings, &out)
        case .multiPolygon(let polygons):
            out += "["
            for (i, polygon) in polygons.enumerated() { if i > 0 { out += "," }; ringList(polygon, &out) }
            out += "]"
        case .collection: break
        }
        out += "}"
    }

    private static func ringList(_ rings: [[Position]], _ out: inout String) {
        out += "["
        for (i, ring) in rings.enumerated() { if i > 0 { out += "," }; line(ring, &out) }
        out += "]"
    }

    private static func line(_ ps: [Position], _ out: inout String) {
        out += "["
        for (i, p) in ps.enumerated() { if i > 0 { out += "," }; position(p, &out) }
        out += "]"
    }

    private static func position(_ p: Position, _ out: inout String) {
        out += "[" + WKT.number(p.x) + "," + WKT.number(p.y) + "]"
    }
}

/// Just enough JSON for geometry objects: the engine knows no file format, and CarnetIO's reader
/// sits above it.
struct TinyJSON {
    indirect enum Value: Equatable {
        case null, bool(Bool), number(Double), string(String), array([Value]), object([(String, Value)])

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): return true
            case (.bool(let x), .bool(let y)): return x == y
            case (.number(let x), .number(let y)): return x == y
            case (.string(let x), .string(let y)): return x == y
            case (.array(let x), .array(let y)): return x == y
            case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: return false
            }
        }
    }

    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
    }

    private func failure(_ what: String) -> GeometryError {
        GeometryError(atEnd ? "the JSON ends early: \(what) expected" : "\(what) expected at character \(index + 1)")
    }

    mutating func value(depth: Int) throws(GeometryError) -> Value {
        guard depth < 64 else { throw GeometryError("the JSON nests more than 64 deep") }
        skipSpaces()
        guard index < bytes.count else { throw failure("a value") }
        switch bytes[index] {
        case 0x7B:
            index += 1
            var members: [(String, Value)] = []
            skipSpaces()
            if index < bytes.count, bytes[index] == 0x7D { index += 1; return .object(members) }
            while true {
                skipSpaces()
                guard index < bytes.count, bytes[index] == 0x22 else { throw failure("a member name in quotes") }
                let name = try string()
                skipSpaces()
                guard index < bytes.count, bytes[index] == 0x3A else { throw failure(":") }
                index += 1
                members.append((name, try value(depth: depth + 1)))
                skipSpaces()
                guard index < bytes.count else { throw failure("} or ,") }
                if bytes[index] == 0x2C { index += 1; continue }
                guard bytes[index] == 0x7D else { throw failure("} or ,") }
                index += 1
                return .object(members)
            }
        case 0x5B:
            index += 1
            var items: [Value] = []
            skipSpaces()
            if index < bytes.count, bytes[index] == 0x5D { index += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpaces()
                guard index < bytes.count else { throw failure("] or ,") }
                if bytes[index] == 0x2C { index += 1; continue }
                guard bytes[index] == 0x5D else { throw failure("] or ,") }
                index += 1
                return .array(items)
            }
        case 0x22: return .string(try string())
        case 0x74 where bytes[index...].starts(with: Array("true".utf8)): index += 4; return .bool(true)
        case 0x66 where bytes[index...].starts(with: Array("false".utf8)): index += 5; return .bool(false)
        case 0x6E where bytes[index...].starts(with: Array("null".utf8)): index += 4; return .null
        default:
            let start = index
            while index < bytes.count, let c = Optional(bytes[index]),
                  (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45 { index += 1 }
            guard index > start, let v = Double(String(decoding: bytes[start..<index], as: UTF8.self)), v.isFinite else {
                index = start
                throw failure("a value")
            }
            return .number(v)
        }
    }

    /// A string's text; escapes other than \" and \\ are kept as written (geometry names have none).
    private mutating func string() throws(GeometryError) -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let c = bytes[index]
            if c == 0x22 { index += 1; return String(decoding: out, as: UTF8.self) }
            if c == 0x5C, index + 1 < bytes.count {
                let next = bytes[index + 1]
                out.append(next == 0x22 || next == 0x5C || next == 0x2F ? next : c)
                if next != 0x22 && next != 0x5C && next != 0x2F { out.append(next) }
                index += 2
                continue
            }
            out.append(c)
            index += 1
        }
        throw failure("a closing quote")
    }
}
