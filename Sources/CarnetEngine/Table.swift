/// An ordered list of named columns of equal length: the unit Carnet loads, queries and shows.
public struct Table: Sendable, Equatable {
    public private(set) var columnNames: [String]
    public private(set) var columns: [Column]
    public let rowCount: Int

    public init(columnNames: [String], columns: [Column]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "columns differ in length")
        self.init(uncheckedNames: columnNames, columns: columns, rowCount: rows)
    }

    init(uncheckedNames columnNames: [String], columns: [Column], rowCount: Int) {
        precondition(columnNames.count == columns.count)
        self.columnNames = columnNames
        self.columns = columns
        self.rowCount = rowCount
    }

    /// An empty table with no columns.
    public init() {
        self.init(columnNames: [], columns: [])
    }

    public var columnCount: Int { columns.count }

    /// Index of a column by name: exact match first, then case-insensitive.
    public func columnIndex(named name: String) -> Int? {
        if let exact = columnNames.firstIndex(of: name) { return exact }
        let lowered = name.lowercased()
        return columnNames.firstIndex { $0.lowercased() == lowered }
    }

    public func column(named name: String) -> Column? {
        columnIndex(named: name).map { columns[$0] }
    }

    /// The first `n` rows (all when `n` exceeds the row count).
    public func head(_ n: Int) -> Table {
        let k = min(max(n, 0), rowCount)
        if k == rowCount { return self }
        return Table(columnNames: columnNames, columns: columns.map { $0.slice(0..<k) })
    }

    public var memoryFootprint: Int { columns.reduce(0) { $0 + $1.memoryFootprint } }

    /// Bytes one more row of a copy (a gather) of this table takes: what a join or a sort
    /// multiplies by its row count to ask the memory limit first.
    public var bytesPerGatheredRow: Int { columns.reduce(0) { $0 + $1.bytesPerGatheredRow } }
}

extension Column {
    /// A copy of a contiguous row range.
    public func slice(_ range: Range<Int>) -> Column {
        var bitmap: ValidityBitmap?
        if let validity {
            var b = ValidityBitmap()
            b.reserveCapacity(range.count)
            for row in range { b.append(validity.isValid(row)) }
            bitmap = b
        }
        let sliced: Buffer
        switch buffer {
        case .int64(let v): sliced = .int64(Array(v[range]))
        case .decimal(let v, let scale): sliced = .decimal(Array(v[range]), scale: scale)
        case .double(let v): sliced = .double(Array(v[range]))
        case .bool(let v): sliced = .bool(Array(v[range]))
        case .date(let v): sliced = .date(Array(v[range]))
        case .timestamp(let v): sliced = .timestamp(Array(v[range]))
        case .string(let v):
            switch v.storage {
            case .dictionary(let codes, let values):
                sliced = .string(StringColumn(storage: .dictionary(codes: Array(codes[range]), values: values)))
            case .plain(let arena):
                var out = StringArena()
                for row in range { out.append(from: arena, at: row) }
                sliced = .string(StringColumn(storage: .plain(out)))
            }
        case .geometry(let g):
            var out = GeometryColumn()
            for row in range { out.append(from: g, at: row) }
            sliced = .geometry(out)
        }
        return Column(sliced, validity: bitmap)
    }
}
