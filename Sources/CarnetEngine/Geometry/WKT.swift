/// Well-known text: `POLYGON ((3.9 43.5, 4.0 43.5, 4.0 43.6, 3.9 43.5))`. Reads Z/M/ZM forms
/// (dropping the extra ordinates), `EMPTY` and PostGIS's `SRID=2154;` prefix.
public enum WKT {
    public static func format(_ shape: GeometryShape) -> String {
        var out = ""
        write(shape, into: &out, tagged: true)
        return out
    }

    private static func write(_ shape: GeometryShape, into out: inout String, tagged: Bool) {
        if tagged { out += shape.typeName + " " }
        if shape.isEmpty, case .collection = shape { out += "EMPTY"; return }
        switch shape {
        case .point(let p):
            guard let p else { out += "EMPTY"; return }
            out += "("; position(p, &out); out += ")"
        case .lineString(let ps):
            line(ps, &out)
        case .polygon(let rings):
            ringList(rings, &out)
        case .multiPoint(let ps):
            if ps.isEmpty { out += "EMPTY"; return }
            out += "("
            for (i, p) in ps.enumerated() { if i > 0 { out += ", " }; out += "("; position(p, &out); out += ")" }
            out += ")"
        case .multiLineString(let lines):
            ringList(lines, &out)
        case .multiPolygon(let polygons):
            if polygons.isEmpty { out += "EMPTY"; return }
            out += "("
            for (i, polygon) in polygons.enumerated() { if i > 0 { out += ", " }; ringList(polygon, &out) }
            out += ")"
        case .collection(let parts):
            out += "("
            for (i, part) in parts.enumerated() { if i > 0 { out += ", " }; write(part, into: &out, tagged: true) }
            out += ")"
        }
    }

    private static func ringList(_ rings: [[Position]], _ out: inout String) {
        if rings.isEmpty { out += "EMPTY"; return }
        out += "("
        for (i, ring) in rings.enumerated() { if i > 0 { out += ", " }; line(ring, &out) }
        out += ")"
    }

    private static func line(_ ps: [Position], _ out: inout String) {
        if ps.isEmpty { out += "EMPTY"; return }
        out += "("
        for (i, p) in ps.enumerated() { if i > 0 { out += ", " }; position(p, &out) }
        out += ")"
    }

    private static func position(_ p: Position, _ out: inout String) {
        out += number(p.x) + " " + number(p.y)
    }

    /// The shortest text that reads back as the same double, without `.0` on whole numbers (as
    /// WKT writers print them).
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    public static func parse(_ text: String) throws(GeometryError) -> GeometryShape {
        var scanner = WKTScanner(Array(text.utf8))
        scanner.skipSRID()
        let shape = try scanner.geometry(depth: 0)
        scanner.skipSpaces()
        guard scanner.atEnd else { throw GeometryError("unexpected text at character \(scanner.index + 1) after the geometry") }
        return shape
    }
}

private struct WKTScanner {
    let bytes: [UInt8]
    var index = 0
    /// Ordinates per position in the geometry being read (3 for Z, 4 for ZM), set by its tag.
    var dimensions = 2

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
    }

    mutating func skipSRID() {
        skipSpaces()
        let upper = bytes[index...].prefix(5).map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        if upper == Array("SRID=".utf8), let semicolon = bytes[index...].firstIndex(of: 0x3B) { index = semicolon + 1 }
    }

    mutating func word() -> String {
        skipSpaces()
        let start = index
        while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self).uppercased()
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(GeometryError) {
        skipSpaces()
        guard index < bytes.count, bytes[index] == c else {
            throw GeometryError(atEnd ? "the geometry ends early: \(what) expected" : "\(what) expected at character \(index + 1)")
        }
        index += 1
    }

    mutating func peek(_ c: UInt8) -> Bool {
        skipSpaces()
        return index < bytes.count && bytes[index] == c
    }

    /// `EMPTY` if it comes next.
    mutating func empty() -> Bool {
        let save = index
        if word() == "EMPTY" { return true }
        index = save
        return false
    }

    mutating func geometry(depth: Int) throws(GeometryError) -> GeometryShape {
        guard depth < 32 else { throw GeometryError("geometries nest more than 32 deep") }
        let tagStart = index
        let tag = word()
        guard let code = GeometryShape.wktNames.firstIndex(of: tag) else {
            throw GeometryError(tag.isEmpty ? "a geometry type such as POINT or POLYGON expected at character \(tagStart + 1)"
                                            : "\(tag) is not a WKT geometry type (POINT, LINESTRING, POLYGON, MULTI…, GEOMETRYCOLLECTION)")
        }
        let save = index
        switch word() {
        case "Z", "M": dimensions = 3
        case "ZM": dimensions = 4
        default: index = save; dimensions = 2
        }
        if empty() {
            switch code {
            case 0: return .point(nil)
            case 1: return .lineString([])
            case 2: return .polygon([])
            case 3: return .multiPoint([])
            case 4: return .multiLineString([])
            case 5: return .multiPolygon([])
            default: return .collection([])
            }
        }
        switch code {
        case 0:
            try expect(0x28, "(")
            let p = try position()
            try expect(0x29, ")")
            return .point(p)
        case 1: return .lineString(try line())
        case 2: return .polygon(try rings())
        case 3:
            // Both `MULTIPOINT ((1 2), (3 4))` and the older `MULTIPOINT (1 2, 3 4)`.
            try expect(0x28, "(")
            var points: [Position] = []
            repeat {
                if peek(0x28) { index += 1; points.append(try position()); try expect(0x29, ")") } else { points.append(try position()) }
            } while comma()
            try expect(0x29, ")")
            return .multiPoint(points)
        case 4: return .multiLineString(try rings())
        case 5:
            try expect(0x28, "(")
            var polygons: [[[Position]]] = []
            repeat { polygons.append(try rings()) } while comma()
            try expect(0x29, ")")
            return .multiPolygon(polygons)
        default:
            try expect(0x28, "(")
            var parts: [GeometryShape] = []
            repeat { parts.append(try geometry(depth: depth + 1)) } while comma()
            try expect(0x29, ")")
            return .collection(parts)
        }
    }

    mutating func comma() -> Bool {
        if peek(0x2C) { index += 1; return true }
        return false
    }

    mutating func rings() throws(GeometryError) -> [[Position]] {
        if empty() { return [] }
        try expect(0x28, "(")
        var out: [[Position]] = []
        repeat { out.append(try line()) } while comma()
        try expect(0x29, ")")
        return out
    }

    mutating func line() throws(GeometryError) -> [Position] {
        if empty() { return [] }
        try expect(0x28, "(")
        var out: [Position] = []
        repeat { out.append(try position()) } while comma()
        try expect(0x29, ")")
        return out
    }

    mutating func position() throws(GeometryError) -> Position {
        let x = try number(), y = try number()
        for _ in 2..<dimensions { _ = try number() }
        return Position(x, y)
    }

    mutating func number() throws(GeometryError) -> Double {
        skipSpaces()
        let start = index
        while index < bytes.count, let c = Optional(bytes[index]),
              (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45 { index += 1 }
        guard index > start, let v = Double(String(decoding: bytes[start..<index], as: UTF8.self)), v.isFinite else {
            throw GeometryError(atEnd ? "the geometry ends early: a number expected" : "a number expected at character \(start + 1)")
        }
        return v
    }
}
