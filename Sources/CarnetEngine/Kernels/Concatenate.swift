extension Column {
    /// The rows of several columns one after the other (UNION ALL, join key encoding). Columns
    /// of different numeric types are converted to the widest one.
    public static func concatenate(_ parts: [Column]) -> Column {
        if parts.count == 1 { return parts[0] }
        if let alike = concatenateAlike(parts) { return alike }
        let type = parts.map(\.type).reduce(parts.first?.type ?? .string) { DataType.common($0, $1) ?? .string }
        var appender = ColumnAppender(type: type)
        appender.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            for row in 0..<part.count { appender.append(from: part, row: row) }
        }
        return appender.build()
    }
}

extension Column {
    /// Parts of one type copied buffer by buffer (text: plain arenas appended, or codes when
    /// all parts share one dictionary); nil when they differ and values must be converted.
    private static func concatenateAlike(_ parts: [Column]) -> Column? {
        guard parts.count > 1 else { return nil }
        let type = parts[0].type
        var total = 0
        for part in parts {
            guard part.type == type else { return nil }
            total += part.count
        }
        guard let buffer = joinedBuffer(parts, first: parts[0].buffer, total: total) else { return nil }
        return Column(buffer, validity: joinedValidity(parts, total: total))
    }

    @inline(never)
    private static func joinedBuffer(_ parts: [Column], first: Buffer, total: Int) -> Buffer? {
        switch first {
        case .int64:
            if let v = joined(parts, total: total, \.int64Buffer) { return .int64(v) }
        case .decimal(_, let scale):
            if let v = joined(parts, total: total, \.decimalBuffer) { return .decimal(v, scale: scale) }
        case .double:
            if let v = joined(parts, total: total, \.doubleBuffer) { return .double(v) }
        case .bool:
            if let v = joined(parts, total: total, \.boolBuffer) { return .bool(v) }
        case .date:
            if let v = joined(parts, total: total, \.dateBuffer) { return .date(v) }
        case .timestamp:
            if let v = joined(parts, total: total, \.timestampBuffer) { return .timestamp(v) }
        case .string:
            if let v = joinedText(parts, total: total) { return .string(v) }
        case .geometry:
            break
        }
        return nil
    }

    private static func joinedValidity(_ parts: [Column], total: Int) -> ValidityBitmap? {
        guard parts.contains(where: { $0.validity != nil }) else { return nil }
        var b = ValidityBitmap()
        b.reserveCapacity(total)
        for part in parts {
            let n = part.count
            if let v = part.validity {
                for row in 0..<n { b.append(v.isValid(row)) }
            } else {
                for _ in 0..<n { b.append(true) }
            }
        }
        return b
    }

    private static func joined<T>(_ parts: [Column], total: Int, _ values: KeyPath<Column, [T]?>) -> [T]? {
        var out: [T] = []
        out.reserveCapacity(total)
        for part in parts {
            guard let v = part[keyPath: values] else { return nil }
            out.append(contentsOf: v)
        }
        return out
    }

    private static func joinedText(_ parts: [Column], total: Int) -> StringColumn? {
        let storages = parts.compactMap(\.textStorage)
        guard storages.count == parts.count else { return nil }
        switch storages[0] {
        case .dictionary(_, let dictionary):
            var codes: [UInt32] = []
            codes.reserveCapacity(total)
            for storage in storages {
                guard case .dictionary(let c, let values) = storage, values.sharesStorage(with: dictionary) else { return nil }
                codes.append(contentsOf: c)
            }
            return StringColumn(storage: .dictionary(codes: codes, values: dictionary))
        case .plain:
            var arena = StringArena()
            for storage in storages {
                guard case .plain(let a) = storage else { return nil }
                arena.append(contentsOf: a)
            }
            return StringColumn(storage: .plain(arena))
        }
    }
}

extension DataType {
    /// The type both values fit in, for comparisons, UNION ALL, CASE and COALESCE; nil when
    /// there is none (text and a number).
    public static func common(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        switch (a, b) {
        case (.int64, .decimal(let s)), (.decimal(let s), .int64): return .decimal(scale: s)
        case (.decimal(let x), .decimal(let y)): return .decimal(scale: max(x, y))
        case (.double, .int64), (.int64, .double), (.double, .decimal), (.decimal, .double): return .double
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return nil
        }
    }
}

extension Column {
    // The buffer of one type, nil for the others: what concatenateAlike joins.
    fileprivate var int64Buffer: [Int64]? {
        guard case .int64(let v) = buffer else { return nil }
        return v
    }
    fileprivate var decimalBuffer: [Int64]? {
        guard case .decimal(let v, _) = buffer else { return nil }
        return v
    }
    fileprivate var doubleBuffer: [Double]? {
        guard case .double(let v) = buffer else { return nil }
        return v
    }
    fileprivate var boolBuffer: [Bool]? {
        guard case .bool(let v) = buffer else { return nil }
        return v
    }
    fileprivate var dateBuffer: [Int32]? {
        guard case .date(let v) = buffer else { return nil }
        return v
    }
    fileprivate var timestampBuffer: [Int64]? {
        guard case .timestamp(let v) = buffer else { return nil }
        return v
    }
    fileprivate var textStorage: StringColumn.Storage? {
        guard case .string(let v) = buffer else { return nil }
        return v.storage
    }
}
