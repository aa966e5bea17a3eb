import CarnetEngine

/// How one flat Parquet column becomes a Carnet column: the type it gets and the conversion
/// of its stored values (`INT32` dates are already days, `INT64` milliseconds become
/// microseconds, big-endian decimal bytes become fixed-point integers…).
struct ParquetColumnPlan {
    enum Conversion: Equatable {
        case none
        case widenInt32(unsigned: Bool)
        case unsignedInt64
        /// Timestamps: microseconds = stored × multiply / divide.
        case scaleTime(multiply: Int64, divide: Int64)
        case floatToDouble
        /// Decimals stored as big-endian two's-complement bytes.
        case decimalBytes
        /// Times of day, to `HH:MM:SS.ffffff` text: units per second.
        case timeOfDay(perSecond: Int64)
        case uuid
        case float16
        /// Bytes that are not declared as text, kept as text when they are UTF-8.
        case binary
    }

    var name: String
    /// The column's position among the schema's leaves, which is its chunk's position in every
    /// row group.
    var leaf: Int
    var physical: ParquetPhysicalType
    var typeLength: Int
    var optional: Bool
    var type: DataType
    var conversion: Conversion
    var notice: LoadMessage?

    /// The plan for a leaf, or a reason it cannot be read.
    static func make(_ element: ParquetSchemaElement, leaf: Int) throws -> ParquetColumnPlan {
        guard let physical = element.physical else { throw ParquetDamage("column \(element.name) has no physical type") }
        var plan = ParquetColumnPlan(name: element.name, leaf: leaf, physical: physical, typeLength: element.typeLength,
                                     optional: element.repetition == 1, type: .string, conversion: .none)
        let logical = element.logical ?? .unknown
        func decimal(_ scale: Int, _ precision: Int) throws {
            guard (0...DataType.maxDecimalScale).contains(scale) else {
                throw ParquetDamage("column \(element.name) is DECIMAL(\(precision), \(scale)): Carnet's decimals have at most \(DataType.maxDecimalScale) digits after the point")
            }
            plan.type = .decimal(scale: scale)
        }
        switch (physical, logical) {
        case (.boolean, _):
            plan.type = .bool
        case (.int32, .date):
            plan.type = .date
        case (.int32, .decimal(let scale, let precision)):
            try decimal(scale, precision)
            plan.conversion = .widenInt32(unsigned: false)
        case (.int32, .time(let unit)):
            plan.conversion = .timeOfDay(perSecond: unit == .millis ? 1000 : 1_000_000)
            plan.notice = LoadMessage("a time of day, read as text", fr: "une heure du jour, lue comme texte")
        case (.int32, .integer(_, let signed)):
            plan.type = .int64
            plan.conversion = .widenInt32(unsigned: !signed)
        case (.int32, _):
            plan.type = .int64
            plan.conversion = .widenInt32(unsigned: false)
        case (.int64, .decimal(let scale, let precision)):
            try decimal(scale, precision)
        case (.int64, .timestamp(let utc, let unit)):
            plan.type = .timestamp
            switch unit {
            case .millis: plan.conversion = .scaleTime(multiply: 1000, divide: 1)
            case .micros: break
            case .nanos: plan.conversion = .scaleTime(multiply: 1, divide: 1000)
            }
            if utc { plan.notice = LoadMessage("a UTC timestamp, read in UTC", fr: "un horodatage UTC, lu en UTC") }
        case (.int64, .time(let unit)):
            plan.conversion = .timeOfDay(perSecond: unit == .nanos ? 1_000_000_000 : 1_000_000)
            plan.notice = LoadMessage("a time of day, read as text", fr: "une heure du jour, lue comme texte")
        case (.int64, .integer(_, false)):
            plan.type = .int64
            plan.conversion = .unsignedInt64
        case (.int64, _):
            plan.type = .int64
        case (.int96, _):
            plan.type = .timestamp
            plan.notice = LoadMessage("an INT96 timestamp (Impala/Spark style)", fr: "un horodatage INT96 (à la Impala/Spark)")
        case (.float, _):
            plan.type = .double
            plan.conversion = .floatToDouble
        case (.double, _):
            plan.type = .double
        case (.byteArray, .decimal(let scale, let precision)), (.fixedLenByteArray, .decimal(let scale, let precision)):
            try decimal(scale, precision)
            plan.conversion = .decimalBytes
        case (.byteArray, .string), (.byteArray, .json), (.byteArray, .enumeration):
            break
        case (.fixedLenByteArray, .uuid):
            plan.conversion = .uuid
        case (.fixedLenByteArray, .float16):
            guard element.typeLength == 2 else { throw ParquetDamage("column \(element.name) is FLOAT16 but \(element.typeLength) bytes wide") }
            plan.type = .double
            plan.conversion = .float16
        case (.byteArray, _), (.fixedLenByteArray, _):
            plan.conversion = .binary
        }
        return plan
    }

    /// Stored values in this column's representation.
    func convert(_ raw: ParquetRawValues) throws -> ParquetValues {
        switch (raw, conversion) {
        case (.bools(let v), _): return .bools(v)
        case (.int32(let v), .none) where type == .date: return .int32(v)
        case (.int32(let v), .widenInt32(let unsigned)):
            return .int64(unsigned ? v.map { Int64(UInt32(bitPattern: $0)) } : v.map { Int64($0) })
        case (.int32(let v), .timeOfDay(let perSecond)): return .texts(Self.timeTexts(v.lazy.map { Int64($0) }, perSecond: perSecond))
        case (.int64(let v), .none): return .int64(v)
        case (.int64(let v), .unsignedInt64):
            if let big = v.first(where: { $0 < 0 }) {
                throw ParquetDamage("column \(name) holds \(UInt64(bitPattern: big)), above the largest integer Carnet holds (2^63 − 1)")
            }
            return .int64(v)
        case (.int64(let v), .scaleTime(let multiply, let divide)):
            if divide > 1 {
                // Floor, so that instants before 1970 round the same way as after.
                return .int64(v.map { $0 >= 0 ? $0 / divide : -((-$0 + divide - 1) / divide) })
            }
            return .int64(v.map { $0 &* multiply })
        case (.int64(let v), .timeOfDay(let perSecond)): return .texts(Self.timeTexts(v, perSecond: perSecond))
        case (.float(let v), _): return .doubles(v.map { Double($0) })
        case (.double(let v), _): return .doubles(v)
        case (.bytes(let arena), .decimalBytes): return .int64(try decimals(arena))
        case (.bytes(let arena), .uuid): return .texts(Self.uuidTexts(arena))
        case (.bytes(let arena), .float16): return .doubles(Self.halfFloats(arena))
        case (.bytes(let arena), .binary): return .texts(Self.binaryTexts(arena))
        case (.bytes(let arena), _): return .texts(arena)
        default: throw ParquetDamage("column \(name): the stored values do not match the declared type")
        }
    }

    private func decimals(_ arena: StringArena) throws -> [Int64] {
        var out = [Int64](repeating: 0, count: arena.count)
        for k in 0..<arena.count {
            out[k] = try arena.withUTF8(at: k) { bytes -> Int64 in
                guard let first = bytes.first else { return 0 }
                // Big-endian two's complement: bytes beyond the last 8 may only extend the sign.
                let negative = first & 0x80 != 0
                let n = bytes.count
                if n > 8 {
                    let pad: UInt8 = negative ? 0xFF : 0
                    guard bytes[0..<(n - 8)].allSatisfy({ $0 == pad }), (bytes[n - 8] & 0x80 != 0) == negative else {
                        throw ParquetDamage("column \(name) holds a decimal with more than 18 digits, more than Carnet's decimals hold")
                    }
                }
                var value: Int64 = negative ? -1 : 0
                for b in bytes.suffix(8) { value = value << 8 | Int64(b) }
                return value
            }
        }
        return out
    }

    private static func timeTexts<S: Sequence>(_ values: S, perSecond: Int64) -> StringArena where S.Element == Int64 {
        var arena = StringArena()
        for value in values {
            // A damaged file can hold any number: out of a day's range, negative, or too large
            // to scale. It is written as it is (signed), never trapped on.
            let (micros, overflow) = perSecond == 1000 ? value.multipliedReportingOverflow(by: 1000)
                : (perSecond == 1_000_000_000 ? value / 1000 : value, false)
            if overflow {
                arena.append(String(value))
                continue
            }
            let magnitude = micros.magnitude
            let seconds = magnitude / 1_000_000, fraction = magnitude % 1_000_000
            func two(_ n: UInt64) -> String { n < 10 ? "0\(n)" : "\(n)" }
            var text = (micros < 0 ? "-" : "") + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
            if fraction != 0 {
                let digits = String(fraction)
                text += "." + String(repeating: "0", count: 6 - digits.count) + digits
            }
            arena.append(text)
        }
        return arena
    }

    private static func uuidTexts(_ arena: StringArena) -> StringArena {
        var out = StringArena()
        let hex = Array("0123456789abcdef".utf8)
        for k in 0..<arena.count {
            var text: [UInt8] = []
            arena.withUTF8(at: k) { bytes in
                for (i, b) in bytes.enumerated() {
                    if [4, 6, 8, 10].contains(i) { text.append(UInt8(ascii: "-")) }
                    text.append(hex[Int(b >> 4)])
                    text.append(hex[Int(b & 15)])
                }
            }
            text.withUnsafeBufferPointer { out.append($0) }
        }
        return out
    }

    private static func halfFloats(_ arena: StringArena) -> [Double] {
        (0..<arena.count).map { k in
            arena.withUTF8(at: k) { bytes in Double(Float16(bitPattern: UInt16(bytes[0]) | UInt16(bytes[1]) << 8)) }
        }
    }

    /// UTF-8 bytes stay text; other bytes become `\x…` hexadecimal, so nothing is lost.
    private static func binaryTexts(_ arena: StringArena) -> StringArena {
        var out = StringArena()
        let hex = Array("0123456789abcdef".utf8)
        for k in 0..<arena.count {
            arena.withUTF8(at: k) { bytes in
                if String(validating: bytes, as: UTF8.self) != nil {
                    out.append(bytes)
                } else {
                    var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
                    for b in bytes { text.append(hex[Int(b >> 4)]); text.append(hex[Int(b & 15)]) }
                    text.withUnsafeBufferPointer { out.append($0) }
                }
            }
        }
        return out
    }
}
