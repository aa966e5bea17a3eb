/// One column of a table: a contiguous typed buffer plus an optional validity bitmap
/// (absent when the column has no NULL).
public struct Column: Sendable, Equatable {
    /// The typed values. Rows that are NULL hold an arbitrary placeholder (0, empty string).
    public enum Buffer: Sendable, Equatable {
        case int64([Int64])
        case decimal([Int64], scale: Int)
        case double([Double])
        case bool([Bool])
        case date([Int32])
        case timestamp([Int64])
        case string(StringColumn)
        case geometry(GeometryColumn)
    }

    public var buffer: Buffer
    public var validity: ValidityBitmap?

    public init(_ buffer: Buffer, validity: ValidityBitmap? = nil) {
        self.buffer = buffer
        // A bitmap with no NULL is dropped so that "no bitmap" is the one way to say "no NULL".
        if let validity, validity.nullCount > 0 {
            precondition(validity.count == Column.count(of: buffer), "validity length mismatch")
            self.validity = validity
        } else {
            self.validity = nil
        }
    }

    public var type: DataType {
        switch buffer {
        case .int64: return .int64
        case .decimal(_, let scale): return .decimal(scale: scale)
        case .double: return .double
        case .bool: return .bool
        case .date: return .date
        case .timestamp: return .timestamp
        case .string: return .string
        case .geometry: return .geometry
        }
    }

    public var count: Int { Column.count(of: buffer) }

    private static func count(of buffer: Buffer) -> Int {
        switch buffer {
        case .int64(let v): return v.count
        case .decimal(let v, _): return v.count
        case .double(let v): return v.count
        case .bool(let v): return v.count
        case .date(let v): return v.count
        case .timestamp(let v): return v.count
        case .string(let v): return v.count
        case .geometry(let v): return v.count
        }
    }

    // Inlinable: kernels in other modules ask it once per row.
    @inlinable @inline(__always)
    public func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity.isValid(row)
    }

    public var nullCount: Int { validity?.nullCount ?? 0 }

    /// The value at `row`, boxed: for display and tests, never for per-row kernels.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch buffer {
        case .int64(let v): return .int64(v[row])
        case .decimal(let v, let scale): return .decimal(v[row], scale: scale)
        case .double(let v): return .double(v[row])
        case .bool(let v): return .bool(v[row])
        case .date(let v): return .date(v[row])
        case .timestamp(let v): return .timestamp(v[row])
        case .string(let v): return .string(v.string(at: row))
        case .geometry(let v): return .geometry(v.geometry(at: row))
        }
    }

    /// Bytes a gathered copy takes per row: dictionary text copies only its codes, plain text
    /// copies its bytes (counted at their average length).
    public var bytesPerGatheredRow: Int {
        let bitmap = validity == nil ? 0 : 1
        switch buffer {
        case .int64, .decimal, .double, .timestamp: return bitmap + 8
        case .date: return bitmap + 4
        case .bool: return bitmap + 1
        case .string(let v):
            if v.isDictionaryEncoded { return bitmap + 4 }
            return bitmap + 8 + (count == 0 ? 0 : v.memoryFootprint / count)
        case .geometry(let v): return bitmap + 8 + (count == 0 ? 0 : v.memoryFootprint / count)
        }
    }

    /// Approximate bytes held by the column's buffers.
    public var memoryFootprint: Int {
        let bitmap = (validity?.words.count ?? 0) * 8
        switch buffer {
        case .int64(let v): return bitmap + v.count * 8
        case .decimal(let v, _): return bitmap + v.count * 8
        case .double(let v): return bitmap + v.count * 8
        case .bool(let v): return bitmap + v.count
        case .date(let v): return bitmap + v.count * 4
        case .timestamp(let v): return bitmap + v.count * 8
        case .string(let v): return bitmap + v.memoryFootprint
        case .geometry(let v): return bitmap + v.memoryFootprint
        }
    }
}
