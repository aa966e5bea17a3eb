extension Column {
    /// The rows at `indices`, in that order; an index of -1 gives a NULL (the unmatched side of
    /// a LEFT JOIN). This is how filters (selection vectors), sorts and joins build results.
    public func gather(_ indices: [Int32]) -> Column {
        // Whether an index is -1 is learnt while copying (the smallest index seen), not by a
        // pass of its own over the indices of every column gathered.
        var smallest: Int32 = 0
        @inline(__always) func take<T>(_ values: [T], _ zero: T) -> [T] {
            values.withUnsafeBufferPointer { v in
                indices.map { i in
                    smallest = Swift.min(smallest, i)
                    return i >= 0 ? v[Int(i)] : zero
                }
            }
        }
        let gathered: Buffer
        switch buffer {
        case .int64(let v): gathered = .int64(take(v, 0))
        case .decimal(let v, let s): gathered = .decimal(take(v, 0), scale: s)
        case .double(let v): gathered = .double(take(v, 0))
        case .bool(let v): gathered = .bool(take(v, false))
        case .date(let v): gathered = .date(take(v, 0))
        case .timestamp(let v): gathered = .timestamp(take(v, 0))
        case .string(let s):
            switch s.storage {
            case .dictionary(let codes, let values):
                // A NULL row points at code 0, which must exist even when the input had no row.
                let dictionary = values.count == 0 && !indices.isEmpty ? StringArena([""]) : values
                gathered = .string(StringColumn(storage: .dictionary(codes: take(codes, 0), values: dictionary)))
            case .plain(let arena):
                var out = StringArena()
                for i in indices {
                    smallest = Swift.min(smallest, i)
                    if i >= 0 { out.append(from: arena, at: Int(i)) } else { out.append("") }
                }
                gathered = .string(StringColumn(storage: .plain(out)))
            }
        case .geometry(let g):
            var out = GeometryColumn()
            out.reserveCapacity(indices.count, bytes: g.arena.bytes.count / Swift.max(1, g.count) * indices.count)
            for i in indices {
                smallest = Swift.min(smallest, i)
                if i >= 0 { out.append(from: g, at: Int(i)) } else { out.append(nil) }
            }
            gathered = .geometry(out)
        }
        guard validity != nil || smallest < 0 else { return Column(gathered) }
        var bitmap = ValidityBitmap()
        bitmap.reserveCapacity(indices.count)
        for i in indices { bitmap.append(i >= 0 && !isNull(Int(i))) }
        return Column(gathered, validity: bitmap)
    }

    /// A column of `count` copies of one value.
    public static func constant(_ value: Value, type: DataType, count: Int) -> Column {
        // The common literals as one repeated buffer; the appender handles the rest (casts, NULL).
        switch (value, type) {
        case (.int64(let v), .int64): return Column(.int64([Int64](repeating: v, count: count)))
        case (.decimal(let v, let s), .decimal(let t)) where s == t: return Column(.decimal([Int64](repeating: v, count: count), scale: s))
        case (.double(let v), .double): return Column(.double([Double](repeating: v, count: count)))
        case (.bool(let v), .bool): return Column(.bool([Bool](repeating: v, count: count)))
        case (.date(let v), .date): return Column(.date([Int32](repeating: v, count: count)))
        case (.string(let s), .string):
            let dictionary = StringArena([s])
            return Column(.string(StringColumn(storage: .dictionary(codes: [UInt32](repeating: 0, count: count), values: dictionary))))
        default: break
        }
        var appender = ColumnAppender(type: type)
        appender.reserveCapacity(count)
        for _ in 0..<count { appender.append(value) }
        return appender.build()
    }
}

extension Table {
    /// The rows at `indices` of every column.
    public func gather(_ indices: [Int32]) -> Table {
        Table(columnNames: columnNames, columns: Parallel.map(columns.count, work: indices.count * columns.count) { columns[$0].gather(indices) },
              rowCount: indices.count)
    }

    /// A table whose row count is given explicitly (so that a table with no column still has rows).
    public init(columnNames: [String], columns: [Column], rowCount: Int) {
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns differ in length")
        self.init(uncheckedNames: columnNames, columns: columns, rowCount: rowCount)
    }
}
