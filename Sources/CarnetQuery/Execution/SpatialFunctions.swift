import CarnetEngine

#if canImport(Glibc)
import Glibc
#endif

/// The `st_` functions over whole columns. Geometries stay WKB; points are read in place, other
/// shapes are decoded once per row.
enum SpatialFunctions {
    /// nil when `f` is not a geometry function.
    static func apply(_ f: ScalarFunction, _ args: [Column], rowCount n: Int) throws -> Column? {
        switch f {
        case .stPoint: return point(args[0], args[1], n)
        case .stX, .stY: return coordinate(args[0], x: f == .stX)
        case .stXMin, .stXMax, .stYMin, .stYMax:
            return doubles(args[0]) { shape in
                let b = shape.bounds
                guard !b.isEmpty else { return nil }
                switch f {
                case .stXMin: return b.minX
                case .stXMax: return b.maxX
                case .stYMin: return b.minY
                default: return b.maxY
                }
            }
        case .stArea: return doubles(args[0]) { $0.area }
        case .stNPoints:
            var out = [Int64](repeating: 0, count: n)
            var validity = args[0].validity
            forEachShape(args[0]) { row, shape in
                guard let shape else { validity = invalidate(validity, row, n); return }
                var count: Int64 = 0
                shape.forEachPosition { _ in count += 1 }
                out[row] = count
            }
            return Column(.int64(out), validity: validity)
        case .stCentroid:
            return geometries(args[0]) { $0.centroid.map { GeometryShape.point($0) } }
        case .stAsText: return texts(args[0]) { WKT.format($0) }
        case .stAsGeoJSON: return texts(args[0]) { GeoJSONGeometry.format($0) }
        case .stGeometryType: return texts(args[0]) { $0.typeName }
        case .stGeomFromText, .stGeomFromGeoJSON:
            let column = try parse(args[0], geoJSON: f == .stGeomFromGeoJSON)
            return column
        case .stTransform:
            let from = CoordinateSystem(args[1].value(at: 0).plainText) ?? .wgs84
            let to = CoordinateSystem(args[2].value(at: 0).plainText) ?? .wgs84
            if from == to { return args[0] }
            return geometries(args[0]) { to == .wgs84 ? Lambert93.toWGS84($0) : Lambert93.fromWGS84($0) }
        case .stContains, .stWithin, .stIntersects, .stEquals:
            let (outer, inner) = f == .stWithin ? (args[1], args[0]) : (args[0], args[1])
            // A point inside: read in place, not decoded (what contains(point) does, without the arrays).
            let pointTest: ((GeometryShape, Position) -> Bool)? = f == .stContains || f == .stWithin ? { a, p in a.dimension == 2 && a.containsPoint(p) } : nil
            return predicate(outer, inner, n, pointTest: pointTest) { a, b in
                switch f {
                case .stEquals: return a == b
                case .stIntersects: return a.intersects(b)
                default: return a.contains(b)
                }
            }
        case .stDistanceSphere:
            return pairs(args[0], args[1], n) { a, b in
                guard case .point(let p?) = a, case .point(let q?) = b else { return nil }
                return haversine(p, q)
            }
        default:
            return nil
        }
    }

    /// Great-circle distance in metres on the mean Earth sphere (as DuckDB's st_distance_sphere).
    static func haversine(_ p: Position, _ q: Position) -> Double {
        let r = 6_371_008.8, rad = Double.pi / 180
        let dLat = (q.y - p.y) * rad, dLon = (q.x - p.x) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(p.y * rad) * cos(q.y * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, h.squareRoot()))
    }

    private static func invalidate(_ validity: ValidityBitmap?, _ row: Int, _ n: Int) -> ValidityBitmap {
        var v = validity ?? ValidityBitmap(count: n, valid: true)
        v.set(row, valid: false)
        return v
    }

    static func point(_ xs: Column, _ ys: Column, _ n: Int) -> Column {
        let x = xs.doubleValues() ?? [], y = ys.doubleValues() ?? []
        var out = GeometryColumn()
        out.reserveCapacity(n, bytes: 21 * n)
        var validity = ValidityBitmap(count: n, valid: true)
        var anyNull = false
        for row in 0..<n {
            if xs.isNull(row) || ys.isNull(row) || !x[row].isFinite || !y[row].isFinite {
                out.append(nil); validity.set(row, valid: false); anyNull = true
                continue
            }
            out.append(Geometry(.point(Position(x[row], y[row]))))
        }
        return Column(.geometry(out), validity: anyNull ? validity : nil)
    }

    /// st_x / st_y: points read in place; other geometries (and empty points) give NULL.
    static func coordinate(_ column: Column, x: Bool) -> Column {
        guard case .geometry(let g) = column.buffer else { return column }
        var out = [Double](repeating: 0, count: g.count)
        var validity = ValidityBitmap(count: g.count, valid: true)
        var anyNull = false
        for row in 0..<g.count {
            let xy: (Double, Double)? = column.isNull(row) ? nil : g.withWKB(at: row) { bytes in
                if let p = WKB.pointXY(bytes) { return p }
                if let shape = try? WKB.decode(bytes), case .point(let p?) = shape { return (p.x, p.y) }
                return nil
            }
            if let xy { out[row] = x ? xy.0 : xy.1 } else { validity.set(row, valid: false); anyNull = true }
        }
        return Column(.double(out), validity: anyNull ? validity : nil)
    }

    /// Calls `body` with each row's shape (nil for NULL or undecodable bytes).
    static func forEachShape(_ column: Column, _ body: (Int, GeometryShape?) -> Void) {
        guard case .geometry(let g) = column.buffer else {
            for row in 0..<column.count { body(row, nil) }
            return
        }
        for row in 0..<g.count { body(row, column.isNull(row) ? nil : g.shape(at: row)) }
    }

    static func doubles(_ column: Column, _ f: (GeometryShape) -> Double?) -> Column {
        var out = [Double](repeating: 0, count: column.count)
        var validity = ValidityBitmap(count: column.count, valid: true)
        var anyNull = false
        forEachShape(column) { row, shape in
            if let shape, let v = f(shape) { out[row] = v } else { validity.set(row, valid: false); anyNull = true }
        }
        return Column(.double(out), validity: anyNull ? validity : nil)
    }

    static func texts(_ column: Column, _ f: (GeometryShape) -> String) -> Column {
        var builder = StringColumnBuilder()
        builder.reserveCapacity(column.count)
        var validity = ValidityBitmap(count: column.count, valid: true)
        var anyNull = false
        forEachShape(column) { row, shape in
            if let shape { builder.append(f(shape)) } else { builder.appendNull(); validity.set(row, valid: false); anyNull = true }
        }
        return Column(.string(builder.build()), validity: anyNull ? validity : nil)
    }

    static func geometries(_ column: Column, _ f: (GeometryShape) -> GeometryShape?) -> Column {
        var out = GeometryColumn()
        var validity = ValidityBitmap(count: column.count, valid: true)
        var anyNull = false
        forEachShape(column) { row, shape in
            if let shape, let g = f(shape) { out.append(Geometry(g)) } else { out.append(nil); validity.set(row, valid: false); anyNull = true }
        }
        return Column(.geometry(out), validity: anyNull ? validity : nil)
    }

    static func parse(_ column: Column, geoJSON: Bool) throws -> Column {
        guard case .string(let s) = column.buffer else { return column }
        var out = GeometryColumn()
        for row in 0..<column.count {
            if column.isNull(row) { out.append(nil); continue }
            let text = s.string(at: row)
            do {
                out.append(geoJSON ? Geometry(try GeoJSONGeometry.parse(text)) : try Geometry.parse(text))
            } catch {
                let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
                throw QueryError("row \(row + 1): \(shown) is not a geometry: \(error.message)", at: 0,
                                 hint: geoJSON ? "a GeoJSON geometry is {\"type\": \"Point\", \"coordinates\": [3.9, 43.6]}" : "WKT is written POINT (3.9 43.6) or POLYGON ((…))")
            }
        }
        return Column(.geometry(out), validity: column.validity)
    }

    static func predicate(_ a: Column, _ b: Column, _ n: Int, pointTest: ((GeometryShape, Position) -> Bool)?,
                          _ test: (GeometryShape, GeometryShape) -> Bool) -> Column {
        var out = [Bool](repeating: false, count: n)
        var validity = ValidityBitmap(count: n, valid: true)
        var anyNull = false
        // A constant side (a literal polygon) is decoded once.
        let constantA = a.count == n && n > 0 && isConstant(a) ? shape(a, 0) : nil
        for row in 0..<n {
            guard let x = constantA ?? shape(a, row) else { validity.set(row, valid: false); anyNull = true; continue }
            if let pointTest, !b.isNull(row), case .geometry(let g) = b.buffer, let (px, py) = g.withWKB(at: row, { WKB.pointXY($0) }) {
                out[row] = pointTest(x, Position(px, py))
                continue
            }
            guard let y = shape(b, row) else { validity.set(row, valid: false); anyNull = true; continue }
            out[row] = test(x, y)
        }
        return Column(.bool(out), validity: anyNull ? validity : nil)
    }

    static func pairs(_ a: Column, _ b: Column, _ n: Int, _ f: (GeometryShape, GeometryShape) -> Double?) -> Column {
        var out = [Double](repeating: 0, count: n)
        var validity = ValidityBitmap(count: n, valid: true)
        var anyNull = false
        for row in 0..<n {
            guard let x = shape(a, row), let y = shape(b, row), let v = f(x, y) else { validity.set(row, valid: false); anyNull = true; continue }
            out[row] = v
        }
        return Column(.double(out), validity: anyNull ? validity : nil)
    }

    private static func shape(_ column: Column, _ row: Int) -> GeometryShape? {
        guard !column.isNull(row), case .geometry(let g) = column.buffer else { return nil }
        return g.shape(at: row)
    }

    private static func isConstant(_ column: Column) -> Bool {
        guard case .geometry(let g) = column.buffer, column.validity == nil else { return false }
        return g.withWKB(at: 0) { first in (1..<g.count).allSatisfy { row in g.withWKB(at: row) { $0.elementsEqual(first) } } }
    }
}
