import CarnetEngine

/// The argument checks and result types of functions (docs/sql.md).
enum FunctionTyping {
    static func scalar(_ f: ScalarFunction, _ args: [BoundExpression], at: Int) throws -> BoundExpression {
        func arity(_ range: ClosedRange<Int>) throws {
            guard range.contains(args.count) else {
                let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                throw QueryError("\(f.rawValue) takes \(expected) argument(s), not \(args.count)", at: at)
            }
        }
        func text(_ i: Int) throws {
            guard args[i].type == .string || isNull(args[i]) else {
                throw QueryError("\(f.rawValue) needs text, not \(args[i].type)", at: at, hint: "CAST(x AS text)")
            }
        }
        func number(_ i: Int) throws {
            guard args[i].type.isNumeric || isNull(args[i]) else { throw QueryError("\(f.rawValue) needs a number, not \(args[i].type)", at: at) }
        }
        func integerLiteral(_ i: Int) throws -> Int {
            guard case .literal(.int64(let v), _) = args[i], (0...DataType.maxDecimalScale).contains(Int(v)) else {
                throw QueryError("\(f.rawValue)'s digits must be a whole number from 0 to 18", at: at)
            }
            return Int(v)
        }
        if let spatial = try SpatialFunctionTyping.scalar(f, args, at: at) { return spatial }
        switch f {
        case .lower, .upper, .trim, .stripAccents:
            try arity(1...1); try text(0)
            return .function(f, args, .string)
        case .length:
            try arity(1...1); try text(0)
            return .function(f, args, .int64)
        case .substr:
            try arity(2...3); try text(0)
            for i in 1..<args.count where args[i].type != .int64 { throw QueryError("substr positions are integers", at: at) }
            return .function(f, args, .string)
        case .replace:
            try arity(3...3); try text(0); try text(1); try text(2)
            return .function(f, args, .string)
        case .latOf, .lonOf:
            try arity(1...1); try text(0)
            return .function(f, args, .double)
        case .l93ToWGS84:
            try arity(2...2); try number(0); try number(1)
            return .function(f, args, .string)
        case .splitPart:
            try arity(3...3); try text(0); try text(1)
            guard args[2].type == .int64 else { throw QueryError("split_part's third argument is the part's number (1 for the first)", at: at) }
            return .function(f, args, .string)
        case .concat, .concatOperator:
            guard !args.isEmpty else { throw QueryError("concat needs arguments", at: at) }
            return .function(f, args.map { $0.type == .string ? $0 : .cast($0, .string) }, .string)
        case .round:
            try arity(1...2); try number(0)
            let digits = args.count == 2 ? try integerLiteral(1) : 0
            switch args[0].type {
            case .decimal(let s): return .function(f, args, .decimal(scale: min(s, digits)))
            case .double: return .function(f, args, .double)
            default: return .function(f, args, args[0].type)
            }
        case .abs:
            try arity(1...1); try number(0)
            return .function(f, args, args[0].type)
        case .floor, .ceil:
            try arity(1...1); try number(0)
            if case .decimal = args[0].type { return .function(f, args, .decimal(scale: 0)) }
            return .function(f, args, args[0].type)
        case .year, .month, .day:
            try arity(1...1)
            guard args[0].type == .date || args[0].type == .timestamp else { throw QueryError("\(f.rawValue) needs a date, not \(args[0].type)", at: at) }
            return .function(f, args, .int64)
        case .addInterval:
            return .function(f, args, args[0].type)
        case .datePart:
            try arity(2...2)
            guard case .literal(.string(let field), _) = args[0], DateFunctions.fields.contains(field.lowercased()) else {
                throw QueryError("date_part's first argument is one of " + DateFunctions.fields.map { "'\($0)'" }.joined(separator: ", "), at: at)
            }
            guard args[1].type == .date || args[1].type == .timestamp else { throw QueryError("date_part needs a date, not \(args[1].type)", at: at) }
            return .function(f, [.literal(.string(field.lowercased()), .string), args[1]], .int64)
        case .strftime:
            try arity(2...2)
            guard args[0].type == .date || args[0].type == .timestamp else { throw QueryError("strftime needs a date, not \(args[0].type)", at: at) }
            guard case .literal(.string(let format), _) = args[1] else {
                throw QueryError("strftime's format must be a text constant", at: at, hint: "strftime(d, '%d/%m/%Y')")
            }
            var previous: Character?
            for c in format {
                if previous == "%" {
                    guard DateFunctions.directives.contains(c) else {
                        throw QueryError("strftime does not know %\(c)", at: at, hint: "%Y %y %m %d %e %H %M %S %j %F %B %b %A %a %%")
                    }
                    previous = nil
                } else {
                    previous = c
                }
            }
            return .function(f, args, .string)
        case .dateTrunc:
            try arity(2...2)
            guard case .literal(.string(let unit), _) = args[0], ["year", "month", "day"].contains(unit.lowercased()) else {
                throw QueryError("date_trunc's first argument is 'year', 'month' or 'day'", at: at)
            }
            guard args[1].type == .date || args[1].type == .timestamp else { throw QueryError("date_trunc needs a date, not \(args[1].type)", at: at) }
            return .function(f, args, args[1].type)
        case .greatest, .least:
            let common = try commonType(f, args, at: at)
            return .function(f, args.map { $0.type == common || isNull($0) ? $0 : .cast($0, common) }, common)
        case .coalesce:
            return .function(f, args, try commonType(f, args, at: at))
        case .nullif:
            try arity(2...2)
            guard DataType.common(args[0].type, args[1].type) != nil || isNull(args[1]) else {
                throw QueryError("nullif compares \(args[0].type) with \(args[1].type)", at: at)
            }
            return .function(f, args, args[0].type)
        default:
            preconditionFailure("\(f.rawValue) is typed by SpatialFunctionTyping")
        }
    }

    static func aggregate(_ f: AggregateFunction, _ type: DataType, at: Int) throws -> DataType {
        switch f {
        case .countStar, .count: return .int64
        case .sum:
            guard type.isNumeric else { throw QueryError("sum needs numbers, not \(type)", at: at) }
            return type
        case .avg, .median, .stddev, .quantileCont, .corr:
            guard type.isNumeric else { throw QueryError("\(f.rawValue) needs numbers, not \(type)", at: at) }
            return .double
        case .stringAgg:
            return .string
        case .grouping:
            return .int64
        case .min, .max:
            return type
        }
    }

    /// The type the non-NULL arguments of `f` share (text when all are NULL).
    private static func commonType(_ f: ScalarFunction, _ args: [BoundExpression], at: Int) throws -> DataType {
        guard !args.isEmpty else { throw QueryError("\(f.rawValue) needs arguments", at: at) }
        var type: DataType?
        for a in args where !isNull(a) {
            guard let t = type else { type = a.type; continue }
            guard let c = DataType.common(t, a.type) else { throw QueryError("\(f.rawValue) mixes \(t) and \(a.type)", at: at) }
            type = c
        }
        return type ?? .string
    }

    static func isNull(_ e: BoundExpression) -> Bool {
        if case .literal(.null, _) = e { return true }
        return false
    }
}
