import CarnetEngine

/// Argument checks and result types of the `st_` functions (docs/sql.md, "Geometry").
enum SpatialFunctionTyping {
    /// nil when `f` is not a geometry function.
    static func scalar(_ f: ScalarFunction, _ args: [BoundExpression], at: Int) throws -> BoundExpression? {
        func arity(_ n: Int) throws {
            guard args.count == n else { throw QueryError("\(f.rawValue) takes \(n) argument(s), not \(args.count)", at: at) }
        }
        /// A geometry argument; text is read as WKT or GeoJSON, as DuckDB casts VARCHAR to GEOMETRY.
        func geometry(_ i: Int) throws -> BoundExpression {
            let a = args[i]
            if a.type == .geometry || FunctionTyping.isNull(a) { return a }
            guard a.type == .string else {
                throw QueryError("\(f.rawValue) needs a geometry, not \(a.type)", at: at, hint: "st_point(longitude, latitude) makes one from two numbers")
            }
            return .cast(a, .geometry)
        }
        func number(_ i: Int) throws -> BoundExpression {
            let a = args[i]
            guard a.type.isNumeric || FunctionTyping.isNull(a) else { throw QueryError("\(f.rawValue) needs a number, not \(a.type)", at: at) }
            return a.type == .double ? a : .cast(a, .double)
        }
        func text(_ i: Int) throws -> BoundExpression {
            guard args[i].type == .string || FunctionTyping.isNull(args[i]) else { throw QueryError("\(f.rawValue) needs text, not \(args[i].type)", at: at) }
            return args[i]
        }
        switch f {
        case .stPoint:
            try arity(2)
            return .function(f, [try number(0), try number(1)], .geometry)
        case .stX, .stY, .stArea, .stXMin, .stXMax, .stYMin, .stYMax:
            try arity(1)
            return .function(f, [try geometry(0)], .double)
        case .stNPoints:
            try arity(1)
            return .function(f, [try geometry(0)], .int64)
        case .stContains, .stWithin, .stIntersects, .stEquals:
            try arity(2)
            return .function(f, [try geometry(0), try geometry(1)], .bool)
        case .stDistanceSphere:
            try arity(2)
            return .function(f, [try geometry(0), try geometry(1)], .double)
        case .stCentroid:
            try arity(1)
            return .function(f, [try geometry(0)], .geometry)
        case .stAsText, .stAsGeoJSON, .stGeometryType:
            try arity(1)
            return .function(f, [try geometry(0)], .string)
        case .stGeomFromText, .stGeomFromGeoJSON:
            try arity(1)
            return .function(f, [try text(0)], .geometry)
        case .stTransform:
            try arity(3)
            for i in 1...2 {
                guard case .literal(.string(let name), _) = args[i], CoordinateSystem(name) != nil else {
                    throw QueryError("st_transform's \(i == 1 ? "source" : "target") system must be 'EPSG:4326' (WGS84) or 'EPSG:2154' (Lambert-93)",
                                     at: at, hint: "st_transform(geom, 'EPSG:2154', 'EPSG:4326')")
                }
            }
            return .function(f, [try geometry(0), args[1], args[2]], .geometry)
        default:
            return nil
        }
    }
}

/// The coordinate systems `st_transform` converts between: the two French open data uses.
enum CoordinateSystem: Equatable {
    /// WGS84 longitude and latitude in degrees (EPSG:4326, with x the longitude as GeoJSON has it).
    case wgs84
    /// Lambert-93 easting and northing in metres (EPSG:2154).
    case lambert93

    init?(_ name: String) {
        switch name.uppercased().filter({ $0 != " " }) {
        case "EPSG:4326", "4326", "OGC:CRS84", "CRS84", "WGS84": self = .wgs84
        case "EPSG:2154", "2154", "LAMBERT93", "LAMBERT-93", "RGF93": self = .lambert93
        default: return nil
        }
    }
}
