import CarnetEngine

/// The scalar functions of docs/sql.md over whole columns.
enum ScalarFunctions {
    static func apply(_ f: ScalarFunction, _ args: [Column], type: DataType, rowCount n: Int) throws -> Column {
        if let spatial = try SpatialFunctions.apply(f, args, rowCount: n) { return spatial }
        switch f {
        case .lower: return TextKernels.map(args[0]) { $0.lowercased() }
        case .upper: return TextKernels.map(args[0]) { $0.uppercased() }
        case .trim: return TextKernels.map(args[0]) { $0.trimmingWhitespace() }
        case .stripAccents: return TextKernels.map(args[0]) { TextFolding.stripAccents($0) }
        case .length: return TextKernels.mapToInt(args[0]) { Int64($0.count) }
        case .substr: return substr(args, n)
        case .replace: return replace(args, n)
        case .splitPart: return splitPart(args, n)
        case .latOf, .lonOf: return Geopoint.part(args[0], latitude: f == .latOf)
        case .l93ToWGS84: return Geopoint.fromLambert93(args[0], args[1])
        case .concat, .concatOperator:
            // Arguments arrive as text (the binder casts them); rows are joined as bytes.
            let texts = try args.map { a -> (StringColumn, Column) in
                let column = a.type == .string ? a : try ValueCasting.cast(a, to: .string)
                guard case .string(let text) = column.buffer else { return (StringColumn([String](repeating: "", count: n)), column) }
                return (text, column)
            }
            var builder = StringColumnBuilder()
            builder.reserveCapacity(n)
            var bytes: [UInt8] = []
            for row in 0..<n {
                bytes.removeAll(keepingCapacity: true)
                for (text, column) in texts where !column.isNull(row) {
                    text.withUTF8(at: row) { bytes.append(contentsOf: $0) }
                }
                bytes.withUnsafeBufferPointer { builder.append($0) }
            }
            guard f == .concatOperator, args.contains(where: { $0.validity != nil }) else { return Column(.string(builder.build())) }
            var validity = ValidityBitmap()
            validity.reserveCapacity(n)
            for row in 0..<n { validity.append(!args.contains { $0.isNull(row) }) }
            return Column(.string(builder.build()), validity: validity)
        case .round: return try round(args, type: type)
        case .abs:
            switch args[0].buffer {
            case .int64(let v): return Column(.int64(v.map { $0 == Int64.min ? $0 : Swift.abs($0) }), validity: args[0].validity)
            case .decimal(let v, let s): return Column(.decimal(v.map { Swift.abs($0) }, scale: s), validity: args[0].validity)
            case .double(let v): return Column(.double(v.map { Swift.abs($0) }), validity: args[0].validity)
            default: return args[0]
            }
        case .floor, .ceil:
            let up = f == .ceil
            switch args[0].buffer {
            case .decimal(let v, let s):
                let d = FixedPoint.powersOfTen[s]
                return Column(.decimal(v.map { x in
                    let q = x / d, r = x % d
                    if r == 0 { return q }
                    return up ? (x > 0 ? q + 1 : q) : (x < 0 ? q - 1 : q)
                }, scale: 0), validity: args[0].validity)
            case .double(let v): return Column(.double(v.map { up ? $0.rounded(.up) : $0.rounded(.down) }), validity: args[0].validity)
            default: return args[0]
            }
        case .year, .month, .day:
            let days = dayNumbers(args[0])
            return Column(.int64(days.map { d in
                let (y, m, day) = CivilCalendar.civil(days: d)
                return Int64(f == .year ? y : (f == .month ? m : day))
            }), validity: args[0].validity)
        case .addInterval:
            let months = Int(args[1].int64Values()?.first ?? 0), days = Int(args[2].int64Values()?.first ?? 0)
            switch args[0].buffer {
            case .date(let v): return Column(.date(v.map { IntervalArithmetic.add(months: months, days: days, to: $0) }), validity: args[0].validity)
            case .timestamp(let v): return Column(.timestamp(v.map { IntervalArithmetic.add(months: months, days: days, to: $0) }), validity: args[0].validity)
            default: return args[0]
            }
        case .datePart:
            let field = args[0].value(at: 0).plainText
            return Column(.int64(DateFunctions.split(args[1]).map { DateFunctions.part(field, days: $0.days, microseconds: $0.microseconds) }),
                          validity: args[1].validity)
        case .strftime:
            let format = args[1].value(at: 0).plainText
            var builder = StringColumnBuilder()
            let parts = DateFunctions.split(args[0])
            for row in 0..<n {
                if args[0].isNull(row) { builder.appendNull() } else { builder.append(DateFunctions.format(format, days: parts[row].days, microseconds: parts[row].microseconds)) }
            }
            return Column(.string(builder.build()), validity: args[0].validity)
        case .dateTrunc:
            let unit = args[0].value(at: 0).plainText.lowercased()
            let truncated = dayNumbers(args[1]).map { d -> Int32 in
                let (y, m, day) = CivilCalendar.civil(days: d)
                switch unit {
                case "year": return CivilCalendar.days(year: y, month: 1, day: 1)
                case "month": return CivilCalendar.days(year: y, month: m, day: 1)
                default: return CivilCalendar.days(year: y, month: m, day: day)
                }
            }
            if type == .timestamp {
                return Column(.timestamp(truncated.map { Int64($0) * CivilCalendar.microsecondsPerDay }), validity: args[1].validity)
            }
            return Column(.date(truncated), validity: args[1].validity)
        case .coalesce:
            var out = ColumnAppender(type: type)
            out.reserveCapacity(n)
            for row in 0..<n {
                if let source = args.first(where: { !$0.isNull(row) }) { out.append(from: source, row: row) } else { out.appendNull() }
            }
            return out.build()
        case .greatest, .least:
            // Row by row, the best non-NULL value so far against the next argument.
            var best = args[0].type == type ? args[0] : try ValueCasting.cast(args[0], to: type)
            for next in args.dropFirst() {
                let candidate = next.type == type ? next : try ValueCasting.cast(next, to: type)
                let better = ComparisonKernels.compare(f == .greatest ? .greater : .less, candidate, best)
                guard case .bool(let wins) = better.buffer else { continue }
                var out = ColumnAppender(type: type)
                out.reserveCapacity(n)
                for row in 0..<n {
                    let takeNext = !candidate.isNull(row) && (best.isNull(row) || (wins[row] && !better.isNull(row)))
                    let source = takeNext ? candidate : best
                    if source.isNull(row) { out.appendNull() } else { out.append(from: source, row: row) }
                }
                best = out.build()
            }
            return best
        case .nullif:
            let equal = ComparisonKernels.compare(.equal, args[0], args[1])
            guard case .bool(let eq) = equal.buffer else { return args[0] }
            var validity = args[0].validity ?? ValidityBitmap(count: n, valid: true)
            for row in 0..<n where eq[row] && !equal.isNull(row) { validity.set(row, valid: false) }
            var result = args[0]
            result = Column(result.buffer, validity: validity)
            return result
        default:
            preconditionFailure("\(f.rawValue) is computed by SpatialFunctions")
        }
    }

    private static func dayNumbers(_ c: Column) -> [Int32] {
        switch c.buffer {
        case .date(let v): return v
        case .timestamp(let v):
            return v.map { t in
                var d = t / CivilCalendar.microsecondsPerDay
                if t % CivilCalendar.microsecondsPerDay < 0 { d -= 1 }
                return Int32(d)
            }
        default: return [Int32](repeating: 0, count: c.count)
        }
    }

    private static func round(_ args: [Column], type: DataType) throws -> Column {
        let digits = args.count > 1 ? Int(args[1].int64Values()?.first ?? 0) : 0
        switch args[0].buffer {
        case .decimal(let v, let s):
            guard digits < s else { return args[0] }
            let d = FixedPoint.powersOfTen[s - digits]
            return Column(.decimal(v.map { ValueCasting.roundedDivision($0, d) }, scale: digits), validity: args[0].validity)
        case .double(let v):
            var p = 1.0
            for _ in 0..<digits { p *= 10 }
            return Column(.double(v.map { ($0 * p).rounded(.toNearestOrAwayFromZero) / p }), validity: args[0].validity)
        default:
            return args[0]
        }
    }

    private static func substr(_ args: [Column], _ n: Int) -> Column {
        guard case .string(let strings) = args[0].buffer else { return args[0] }
        let starts = args[1].int64Values() ?? []
        let lengths = args.count > 2 ? args[2].int64Values() : nil
        // The 1-based [from, to) character range of a text of `count` characters, at `row`.
        func range(_ row: Int, count: Int) -> Range<Int> {
            let start = Int(clamping: starts[row])
            var end = count + 1
            if let lengths {
                let length = Int(clamping: lengths[row])
                end = length < 0 ? start : start.addingReportingOverflow(length).overflow ? Int.max : start + length
            }
            let from = max(start, 1), to = min(end, count + 1)
            return from < to ? from..<to : 1..<1
        }
        func cut(_ bytes: UnsafeBufferPointer<UInt8>, _ row: Int, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
            // ASCII text: characters are bytes, sliced without making a String.
            if !bytes.contains(where: { $0 >= 0x80 }) {
                let r = range(row, count: bytes.count)
                emit(UnsafeBufferPointer(rebasing: bytes[(r.lowerBound - 1)..<(r.upperBound - 1)]))
            } else {
                let chars = Array(String(decoding: bytes, as: UTF8.self))
                let r = range(row, count: chars.count)
                var piece = String(chars[(r.lowerBound - 1)..<(r.upperBound - 1)])
                piece.withUTF8 { emit($0) }
            }
        }
        let constantArguments = args.dropFirst().allSatisfy { $0.validity == nil && ($0.int64Values().map { v in v.allSatisfy { $0 == v.first } } ?? false) }
        if constantArguments, n > 0, case .dictionary(let codes, let values) = strings.storage {
            // The same cut for every row: once per distinct value.
            var cutValues = StringArena()
            for code in 0..<values.count { values.withUTF8(at: code) { cut($0, 0) { cutValues.append($0) } } }
            return Column(.string(StringColumn(storage: .dictionary(codes: codes, values: cutValues))), validity: args[0].validity)
        }
        var builder = StringColumnBuilder()
        builder.reserveCapacity(n)
        if constantArguments, n > 0, args[0].validity == nil, let from = starts.first {
            // One cut for every row of plain text (substring(c_phone, 1, 2)): where the bytes
            // up to its end are ASCII, they are its characters, whatever follows.
            let start = Int(clamping: from), end = lengths?.first.map { start.addingReportingOverflow(Int(clamping: $0)).partialValue } ?? Int.max
            for row in 0..<n {
                strings.withUTF8(at: row) { bytes in
                    let stop = min(bytes.count, max(end, 1) - 1)
                    if start >= 1, end >= start, !bytes[..<stop].contains(where: { $0 >= 0x80 }) {
                        builder.append(UnsafeBufferPointer(rebasing: bytes[min(start - 1, stop)..<stop]))
                    } else {
                        cut(bytes, row) { builder.append($0) }
                    }
                }
            }
            return Column(.string(builder.build()))
        }
        var validity = ValidityBitmap(count: n, valid: true)
        for row in 0..<n {
            if args.contains(where: { $0.isNull(row) }) { builder.appendNull(); validity.set(row, valid: false); continue }
            strings.withUTF8(at: row) { cut($0, row) { builder.append($0) } }
        }
        return Column(.string(builder.build()), validity: validity)
    }

    /// Part `k` (1-based) of the text split at a delimiter; empty past the last part (as PostgreSQL).
    private static func splitPart(_ args: [Column], _ n: Int) -> Column {
        guard case .string(let s) = args[0].buffer, case .string(let d) = args[1].buffer, let ks = args[2].int64Values() else { return args[0] }
        var builder = StringColumnBuilder()
        var validity = ValidityBitmap(count: n, valid: true)
        for row in 0..<n {
            if args.contains(where: { $0.isNull(row) }) { builder.appendNull(); validity.set(row, valid: false); continue }
            let delimiter = d.string(at: row)
            let parts = delimiter.isEmpty ? [s.string(at: row)] : s.string(at: row).splitting(on: delimiter)
            let k = Int(ks[row])
            builder.append(k >= 1 && k <= parts.count ? parts[k - 1] : "")
        }
        return Column(.string(builder.build()), validity: validity)
    }

    private static func replace(_ args: [Column], _ n: Int) -> Column {
        guard case .string(let s) = args[0].buffer, case .string(let from) = args[1].buffer, case .string(let to) = args[2].buffer else { return args[0] }
        var builder = StringColumnBuilder()
        var validity = ValidityBitmap(count: n, valid: true)
        for row in 0..<n {
            if args.contains(where: { $0.isNull(row) }) { builder.appendNull(); validity.set(row, valid: false); continue }
            builder.append(s.string(at: row).replacingEvery(from.string(at: row), with: to.string(at: row)))
        }
        return Column(.string(builder.build()), validity: validity)
    }
}

extension String {
    func splitting(on delimiter: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: delimiter) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}


