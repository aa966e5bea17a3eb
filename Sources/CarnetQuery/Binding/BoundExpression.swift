import CarnetEngine

/// Scalar functions Carnet knows (see docs/sql.md).
public enum ScalarFunction: String, Sendable, CaseIterable {
    case lower, upper, trim, length, substr, replace, concat
    /// `a || b`: NULL when any side is NULL (concat() skips NULLs). Not callable by name.
    case concatOperator = "||"
    case splitPart = "split_part"
    case latOf = "lat_of", lonOf = "lon_of"
    case l93ToWGS84 = "l93_to_wgs84"
    case stripAccents = "strip_accents"
    case round, abs, floor, ceil
    case year, month, day
    case dateTrunc = "date_trunc"
    /// `date_part('quarter', d)`: one field of a date or timestamp, as an integer.
    case datePart = "date_part"
    /// `strftime(d, '%d/%m/%Y')`: a date or timestamp as text.
    case strftime
    /// `d + interval …`: the date (or timestamp) moved by months, then days. Not callable by name.
    case addInterval = "+interval"
    case coalesce, nullif
    /// The largest (smallest) of the non-NULL arguments, NULL when all are (PostgreSQL, DuckDB).
    case greatest, least
    // Geometry (SpatialFunctions, docs/sql.md), named as DuckDB spatial and PostGIS name them.
    case stPoint = "st_point", stX = "st_x", stY = "st_y"
    case stContains = "st_contains", stWithin = "st_within", stIntersects = "st_intersects", stEquals = "st_equals"
    case stArea = "st_area", stCentroid = "st_centroid", stDistanceSphere = "st_distance_sphere"
    case stAsText = "st_astext", stAsGeoJSON = "st_asgeojson"
    case stGeomFromText = "st_geomfromtext", stGeomFromGeoJSON = "st_geomfromgeojson"
    case stTransform = "st_transform", stGeometryType = "st_geometrytype", stNPoints = "st_npoints"
    case stXMin = "st_xmin", stXMax = "st_xmax", stYMin = "st_ymin", stYMax = "st_ymax"
}

/// Aggregate functions; `countStar` is `count(*)`.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case countStar = "count(*)", count, sum, avg, min, max, median, stddev
    /// `quantile_cont(x, q)`: the q-quantile, interpolated between the two nearest values.
    case quantileCont = "quantile_cont"
    /// `string_agg(x, separator)`: the non-NULL values joined, in input order.
    case stringAgg = "string_agg"
    /// `corr(y, x)`: Pearson's correlation coefficient of the non-NULL pairs.
    case corr
    /// `grouping(a, …)`: a bit per argument, 1 where that GROUP BY key is rolled up (NULL
    /// because the row is a subtotal) in this row's grouping set.
    case grouping
}

/// An aggregate call of a grouped query: `sum(montant)`, `count(DISTINCT zone)`.
public struct AggregateCall: Sendable, Equatable {
    public var function: AggregateFunction
    public var argument: BoundExpression?
    public var distinct: Bool
    public var type: DataType
    /// corr's second column; string_agg's separator and quantile_cont's fraction (literals).
    public var second: BoundExpression? = nil
    /// grouping(…)'s arguments as positions among the GROUP BY keys.
    public var groupingKeys: [Int] = []
    /// grouping(…)'s arguments as bound, until the binder knows the keys.
    var groupingArguments: [BoundExpression] = []
}

/// What a window function computes.
public enum WindowFunction: Sendable, Equatable {
    case rowNumber, rank
    case aggregate(AggregateFunction)
}

/// A sort key: an expression, its direction and where NULLs go.
public struct BoundSortKey: Sendable, Equatable {
    public var expression: BoundExpression
    public var descending: Bool
    public var nullsFirst: Bool
}

/// `f(x) OVER (PARTITION BY … ORDER BY …)`.
public struct WindowCall: Sendable, Equatable {
    public var function: WindowFunction
    public var argument: BoundExpression?
    public var partitionBy: [BoundExpression]
    public var orderBy: [BoundSortKey]
    public var type: DataType
}

/// An expression whose names are resolved to column positions and whose type is known.
public indirect enum BoundExpression: Sendable, Equatable {
    case column(Int, DataType)
    case literal(Value, DataType)
    case arithmetic(BinaryOperator, BoundExpression, BoundExpression, DataType)
    case negate(BoundExpression)
    case comparison(BinaryOperator, BoundExpression, BoundExpression)
    case and(BoundExpression, BoundExpression)
    case or(BoundExpression, BoundExpression)
    case not(BoundExpression)
    case isNull(BoundExpression, negated: Bool)
    case inList(BoundExpression, [BoundExpression], negated: Bool)
    /// `x [NOT] IN (SELECT …)`: the subquery's values, already computed, of x's type.
    case inSet(BoundExpression, Column, negated: Bool)
    case like(BoundExpression, BoundExpression, caseInsensitive: Bool, negated: Bool)
    case caseWhen([CaseBranch], otherwise: BoundExpression?, DataType)
    case cast(BoundExpression, DataType)
    case function(ScalarFunction, [BoundExpression], DataType)
    /// An aggregate's result, by its index in the query's aggregate list (before rewriting).
    case aggregateReference(Int, DataType)
    /// A window function's result, by its index in the query's window list (before rewriting).
    case windowReference(Int, DataType)

    public var type: DataType {
        switch self {
        case .column(_, let t), .literal(_, let t), .arithmetic(_, _, _, let t), .caseWhen(_, _, let t),
             .cast(_, let t), .function(_, _, let t), .aggregateReference(_, let t), .windowReference(_, let t):
            return t
        case .negate(let e): return e.type
        case .comparison, .and, .or, .not, .isNull, .inList, .inSet, .like: return .bool
        }
    }

    /// Applies `transform` to every sub-expression, children first, rebuilding the tree.
    func rewritten(_ transform: (BoundExpression) throws -> BoundExpression?) rethrows -> BoundExpression {
        if let replaced = try transform(self) { return replaced }
        func r(_ e: BoundExpression) throws -> BoundExpression { try e.rewritten(transform) }
        switch self {
        case .column, .literal, .aggregateReference, .windowReference: return self
        case .arithmetic(let op, let a, let b, let t): return .arithmetic(op, try r(a), try r(b), t)
        case .negate(let e): return .negate(try r(e))
        case .comparison(let op, let a, let b): return .comparison(op, try r(a), try r(b))
        case .and(let a, let b): return .and(try r(a), try r(b))
        case .or(let a, let b): return .or(try r(a), try r(b))
        case .not(let e): return .not(try r(e))
        case .isNull(let e, let n): return .isNull(try r(e), negated: n)
        case .inList(let e, let items, let n): return .inList(try r(e), try items.map(r), negated: n)
        case .inSet(let e, let set, let n): return .inSet(try r(e), set, negated: n)
        case .like(let e, let p, let ci, let n): return .like(try r(e), try r(p), caseInsensitive: ci, negated: n)
        case .caseWhen(let branches, let otherwise, let t):
            return .caseWhen(try branches.map { CaseBranch(condition: try r($0.condition), value: try r($0.value)) },
                             otherwise: try otherwise.map(r), t)
        case .cast(let e, let t): return .cast(try r(e), t)
        case .function(let f, let args, let t): return .function(f, try args.map(r), t)
        }
    }

    /// Whether the expression is a column as it is.
    var isColumn: Bool {
        if case .column = self { return true }
        return false
    }

    /// The input columns this expression reads.
    var columnsRead: Set<Int> {
        var found = Set<Int>()
        _ = rewritten { e in
            if case .column(let i, _) = e { found.insert(i) }
            return nil
        }
        return found
    }
}

/// `WHEN condition THEN value`.
public struct CaseBranch: Sendable, Equatable {
    public var condition: BoundExpression
    public var value: BoundExpression
}
