/// Builds a column of a given type one value at a time, copying from other columns or from
/// boxed values. For operators whose output is not a plain gather (CASE, COALESCE, UNION ALL,
/// aggregates); typed, so no value is boxed when copying between columns.
public struct ColumnAppender: Sendable {
    public let type: DataType
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var bools: [Bool] = []
    private var days: [Int32] = []
    private var strings = StringColumnBuilder()
    private var geometries = GeometryColumn()
    private var validity = ValidityBitmap()
    private var hasNull = false

    public init(type: DataType) {
        self.type = type
    }

    public var count: Int { validity.count }

    public mutating func reserveCapacity(_ n: Int) {
        validity.reserveCapacity(n)
        switch type {
        case .int64, .decimal, .timestamp: ints.reserveCapacity(n)
        case .double: doubles.reserveCapacity(n)
        case .bool: bools.reserveCapacity(n)
        case .date: days.reserveCapacity(n)
        case .string: strings.reserveCapacity(n)
        case .geometry: geometries.reserveCapacity(n, bytes: 0)
        }
    }

    public mutating func appendNull() {
        hasNull = true
        validity.append(false)
        switch type {
        case .int64, .decimal, .timestamp: ints.append(0)
        case .double: doubles.append(0)
        case .bool: bools.append(false)
        case .date: days.append(0)
        case .string: strings.appendNull()
        case .geometry: geometries.append(nil)
        }
    }

    /// Appends row `row` of `column`, converting numbers to this appender's type when needed.
    public mutating func append(from column: Column, row: Int) {
        if column.isNull(row) { appendNull(); return }
        switch (type, column.buffer) {
        case (.int64, .int64(let v)): ints.append(v[row])
        case (.decimal(let s), .decimal(let v, let from)) where from <= s: ints.append(v[row] * FixedPoint.powersOfTen[s - from])
        case (.decimal(let s), .int64(let v)): ints.append(v[row] * FixedPoint.powersOfTen[s])
        case (.double, .double(let v)): doubles.append(v[row])
        case (.double, .int64(let v)): doubles.append(Double(v[row]))
        case (.double, .decimal(let v, let s)): doubles.append(FixedPoint.toDouble(v[row], scale: s))
        case (.bool, .bool(let v)): bools.append(v[row])
        case (.date, .date(let v)): days.append(v[row])
        case (.timestamp, .timestamp(let v)): ints.append(v[row])
        case (.timestamp, .date(let v)): ints.append(Int64(v[row]) * CivilCalendar.microsecondsPerDay)
        case (.string, .string(let s)): s.withUTF8(at: row) { strings.append($0) }
        case (.geometry, .geometry(let g)): geometries.append(from: g, at: row)
        default:
            append(column.value(at: row))
            return
        }
        validity.append(true)
    }

    /// Appends a boxed value (literals, statistics); converts numbers, renders others as text.
    public mutating func append(_ value: Value) {
        switch (type, value) {
        case (_, .null): appendNull(); return
        case (.int64, .int64(let v)): ints.append(v)
        case (.decimal(let s), .decimal(let v, let from)) where from <= s: ints.append(v * FixedPoint.powersOfTen[s - from])
        case (.decimal(let s), .int64(let v)): ints.append(v * FixedPoint.powersOfTen[s])
        case (.double, .double(let v)): doubles.append(v)
        case (.double, .int64(let v)): doubles.append(Double(v))
        case (.double, .decimal(let v, let s)): doubles.append(FixedPoint.toDouble(v, scale: s))
        case (.bool, .bool(let v)): bools.append(v)
        case (.date, .date(let v)): days.append(v)
        case (.timestamp, .timestamp(let v)): ints.append(v)
        case (.timestamp, .date(let v)): ints.append(Int64(v) * CivilCalendar.microsecondsPerDay)
        case (.string, _): strings.append(value.plainText)
        case (.geometry, .geometry(let g)): geometries.append(g)
        default:
            preconditionFailure("cannot append \(value) to a \(type) column")
        }
        validity.append(true)
    }

    public func build() -> Column {
        let bitmap = hasNull ? validity : nil
        switch type {
        case .int64: return Column(.int64(ints), validity: bitmap)
        case .decimal(let s): return Column(.decimal(ints, scale: s), validity: bitmap)
        case .double: return Column(.double(doubles), validity: bitmap)
        case .bool: return Column(.bool(bools), validity: bitmap)
        case .date: return Column(.date(days), validity: bitmap)
        case .timestamp: return Column(.timestamp(ints), validity: bitmap)
        case .string: return Column(.string(strings.build()), validity: bitmap)
        case .geometry: return Column(.geometry(geometries), validity: bitmap)
        }
    }
}
