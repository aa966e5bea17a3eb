extension Column {
    /// Integer values (bool as 0/1, dates as days); nil for other types.
    public func int64Values() -> [Int64]? {
        switch buffer {
        case .int64(let v), .timestamp(let v): return v
        case .date(let v): return v.map(Int64.init)
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        default: return nil
        }
    }

    /// Values as fixed point at `scale` (integers and decimals); nil on overflow or other types.
    public func scaledValues(to scale: Int) -> [Int64]? {
        switch buffer {
        case .int64(let v):
            let f = FixedPoint.powersOfTen[scale]
            var out = [Int64](repeating: 0, count: v.count)
            for i in v.indices {
                let (r, o) = v[i].multipliedReportingOverflow(by: f)
                if o { return nil }
                out[i] = r
            }
            return out
        case .decimal(let v, let s):
            if s == scale { return v }
            guard s < scale else { return nil }
            let f = FixedPoint.powersOfTen[scale - s]
            var out = [Int64](repeating: 0, count: v.count)
            for i in v.indices {
                let (r, o) = v[i].multipliedReportingOverflow(by: f)
                if o { return nil }
                out[i] = r
            }
            return out
        default: return nil
        }
    }

    /// Values as binary64 (any numeric type, dates as days).
    public func doubleValues() -> [Double]? {
        switch buffer {
        case .double(let v): return v
        case .int64(let v), .timestamp(let v): return v.map(Double.init)
        case .decimal(let v, let s):
            let d = Double(FixedPoint.powersOfTen[s])
            return v.map { Double($0) / d }
        case .date(let v): return v.map(Double.init)
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .string, .geometry: return nil
        }
    }
}

extension ValidityBitmap {
    /// Rows valid in both (nil means all valid).
    public static func and(_ a: ValidityBitmap?, _ b: ValidityBitmap?) -> ValidityBitmap? {
        guard let a else { return b }
        guard let b else { return a }
        var out = a
        out.formIntersection(b)
        return out
    }

    public mutating func formIntersection(_ other: ValidityBitmap) {
        precondition(count == other.count)
        for i in words.indices { words[i] &= other.words[i] }
    }
}
