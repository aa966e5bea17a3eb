import CarnetEngine

/// A value that does not fit the type planned for its column: the load starts again with a
/// wider type for that column (unless the type was forced, where the value becomes NULL).
struct ColumnTypeConflict: Error {
    var column: Int
    var line: Int
    var text: String
    var widerType: DataType
}

/// A cell turned into NULL while loading, kept so the report can name it.
struct RejectedCell {
    var line: Int
    var text: String
}

/// Appends the fields of one CSV column to a typed buffer, following its `ColumnPlan`.
struct ColumnBuilder {
    private(set) var plan: ColumnPlan
    let index: Int
    /// Created at the first NULL: most columns never need one.
    private var validity: ValidityBitmap?
    private(set) var count = 0
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var bools: [Bool] = []
    private var days: [Int32] = []
    private var strings = StringColumnBuilder()
    private var geometries = GeometryColumn()
    private var scale = 0
    /// Cells that became NULL because they did not fit a forced type or were spreadsheet dates.
    private(set) var rejected: [RejectedCell] = []
    private(set) var rejectedCount = 0
    /// `nd`, `NC`, `secret`… read as NULL, and the first distinct ones as written.
    private(set) var missingMarkerCount = 0
    private(set) var missingMarkerTexts: [String] = []

    init(plan: ColumnPlan, index: Int) {
        self.plan = plan
        self.index = index
        if case .decimal(let s) = plan.type { scale = s }
    }

    mutating func reserveCapacity(_ n: Int) {
        switch plan.type {
        case .int64, .decimal, .timestamp: ints.reserveCapacity(n)
        case .double: doubles.reserveCapacity(n)
        case .bool: bools.reserveCapacity(n)
        case .date: days.reserveCapacity(n)
        case .string: strings.reserveCapacity(n)
        case .geometry: geometries.reserveCapacity(n, bytes: 0)
        }
    }

    @inline(__always)
    mutating func appendNull() {
        if validity == nil { validity = ValidityBitmap(count: count, valid: true) }
        validity!.append(false)
        count += 1
        switch plan.type {
        case .int64, .decimal, .timestamp: ints.append(0)
        case .double: doubles.append(0)
        case .bool: bools.append(false)
        case .date: days.append(0)
        case .string: strings.appendNull()
        case .geometry: geometries.append(nil)
        }
    }

    /// Appends one field's bytes; throws when the value needs a wider type.
    @inline(__always)
    mutating func append(_ field: UnsafeBufferPointer<UInt8>, line: Int) throws {
        if NullTokens.isNull(field) { appendNull(); return }
        guard let base = field.baseAddress else { appendNull(); return }
        switch plan.type {
        case .string:
            if plan.stripsZeroFraction, let kept = ColumnBuilder.integerPart(field) {
                strings.append(UnsafeBufferPointer(rebasing: field[0..<kept]))
            } else {
                strings.append(field)
            }
        case .int64:
            if let n = NumberParser.parse(base, field.count, decimalMark: plan.decimalMark),
               n.exponent == nil, !n.leadingZero, n.scale == 0 || n.fractionIsZero {
                var v = n.mantissa
                for _ in 0..<n.scale { v /= 10 }
                ints.append(v)
            } else {
                try reject(field, line: line)
                return
            }
        case .decimal:
            if let n = NumberParser.parse(base, field.count, decimalMark: plan.decimalMark), n.exponent == nil {
                if n.scale > scale {
                    guard n.scale <= 6, widenScale(to: n.scale) else { try reject(field, line: line); return }
                }
                guard let v = FixedPoint.rescale(n.mantissa, from: n.scale, to: scale) else {
                    try reject(field, line: line)
                    return
                }
                ints.append(v)
            } else {
                try reject(field, line: line)
                return
            }
        case .double:
            if let v = NumberParser.parseDouble(base, field.count, decimalMark: plan.decimalMark) {
                doubles.append(v)
            } else {
                try reject(field, line: line)
                return
            }
        case .bool:
            if let v = BooleanTokens.parse(field) { bools.append(v) } else { try reject(field, line: line); return }
        case .date:
            if let t = TemporalParser.parse(base, field.count), t.timeOfDay == nil {
                days.append(t.days)
            } else {
                try reject(field, line: line)
                return
            }
        case .timestamp:
            if let t = TemporalParser.parse(base, field.count) {
                ints.append(Int64(t.days) * CivilCalendar.microsecondsPerDay + (t.timeOfDay ?? 0))
            } else {
                try reject(field, line: line)
                return
            }
        case .geometry:
            if let g = try? Geometry.parse(String(decoding: field, as: UTF8.self)) {
                geometries.append(g)
            } else {
                try reject(field, line: line)
                return
            }
        }
        if validity != nil { validity!.append(true) }
        count += 1
    }

    /// The length of the digits before a `.000` ending, when the field is exactly that.
    static func integerPart(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let dot = field.firstIndex(of: UInt8(ascii: ".")), dot > 0, dot < field.count - 1,
              field[..<dot].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              field[(dot + 1)...].allSatisfy({ $0 == 0x30 }) else { return nil }
        return dot
    }

    /// Rescales the decimals read so far so that a value with more digits fits exactly.
    private mutating func widenScale(to newScale: Int) -> Bool {
        let factor = FixedPoint.powersOfTen[newScale - scale]
        for i in ints.indices {
            let (v, overflow) = ints[i].multipliedReportingOverflow(by: factor)
            if overflow { return false }
            ints[i] = v
        }
        scale = newScale
        plan.type = .decimal(scale: newScale)
        return true
    }

    private mutating func reject(_ field: UnsafeBufferPointer<UInt8>, line: Int) throws {
        if plan.readsMissingMarkers, MissingMarkers.isMarker(field) {
            missingMarkerCount += 1
            let text = String(decoding: field, as: UTF8.self).trimmingSpaces()
            if missingMarkerTexts.count < 4, !missingMarkerTexts.contains(text) { missingMarkerTexts.append(text) }
            appendNull()
            return
        }
        let text = String(decoding: field, as: UTF8.self)
        let isSpreadsheetDate = plan.dropsSpreadsheetDates
            && (TemporalParser.parse(field.baseAddress!, field.count) != nil || TemporalParser.looksLikeSpreadsheetDate(text))
        guard plan.forced || isSpreadsheetDate else {
            throw ColumnTypeConflict(column: index, line: line, text: text, widerType: wider(for: field))
        }
        rejectedCount += 1
        if rejected.count < 20 { rejected.append(RejectedCell(line: line, text: text)) }
        appendNull()
    }

    /// The narrowest type that holds both what was planned and this value.
    private func wider(for field: UnsafeBufferPointer<UInt8>) -> DataType {
        let base = field.baseAddress!
        switch plan.type {
        case .int64, .decimal:
            if let n = NumberParser.parse(base, field.count, decimalMark: plan.decimalMark), !n.leadingZero {
                if n.exponent != nil || n.scale > 6 { return .double }
                return .decimal(scale: max(n.scale, scale))
            }
            if NumberParser.parseDouble(base, field.count, decimalMark: plan.decimalMark) != nil { return .double }
            return .string
        case .date:
            if let t = TemporalParser.parse(base, field.count), t.timeOfDay != nil { return .timestamp }
            return .string
        default:
            return .string
        }
    }

    /// The finished column.
    func build() -> Column {
        let bitmap = validity
        switch plan.type {
        case .int64: return Column(.int64(ints), validity: bitmap)
        case .decimal: return Column(.decimal(ints, scale: scale), validity: bitmap)
        case .double: return Column(.double(doubles), validity: bitmap)
        case .bool: return Column(.bool(bools), validity: bitmap)
        case .date: return Column(.date(days), validity: bitmap)
        case .timestamp: return Column(.timestamp(ints), validity: bitmap)
        case .string: return Column(.string(strings.build()), validity: bitmap)
        case .geometry: return Column(.geometry(geometries), validity: bitmap)
        }
    }
}
