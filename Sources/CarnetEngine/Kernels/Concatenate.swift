extension Column {
    /// The rows of several columns one after the other (UNION ALL, join key encoding). Columns
    /// of different numeric types are converted to the widest one.
    public static func concatenate(_ parts: [Column]) -> Column {
        let type = parts.map(\.type).reduce(parts.first?.type ?? .string) { DataType.common($0, $1) ?? .string }
        var appender = ColumnAppender(type: type)
        appender.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            for row in 0..<part.count { appender.append(from: part, row: row) }
        }
        return appender.build()
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
