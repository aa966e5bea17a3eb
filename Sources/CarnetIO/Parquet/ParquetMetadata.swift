/// The parts of a Parquet footer (`FileMetaData` in parquet.thrift) that reading flat tables
/// needs; field ids are the format's.
struct ParquetFileMetadata {
    var schema: [ParquetSchemaElement] = []
    var rowCount: Int64 = 0
    var rowGroups: [ParquetRowGroup] = []
    var createdBy: String?

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.fields { r, id, type in
            switch (id, type) {
            case (2, ThriftType.list): try r.list { r, _ in schema.append(try ParquetSchemaElement(&r)) }
            case (3, ThriftType.i64): rowCount = try r.int()
            case (4, ThriftType.list): try r.list { r, _ in rowGroups.append(try ParquetRowGroup(&r)) }
            case (6, ThriftType.binary): createdBy = try r.string()
            default: try r.skip(type)
            }
        }
    }
}

/// Parquet's physical types (`Type`).
enum ParquetPhysicalType: Int {
    case boolean = 0, int32, int64, int96, float, double, byteArray, fixedLenByteArray

    var name: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .int96: return "INT96"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .byteArray: return "BYTE_ARRAY"
        case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// Units of TIME and TIMESTAMP logical types.
enum ParquetTimeUnit {
    case millis, micros, nanos
}

/// What a column's values mean (`LogicalType`, and the older `ConvertedType` it replaced).
enum ParquetLogicalType: Equatable {
    case string, decimal(scale: Int, precision: Int), date, time(ParquetTimeUnit), timestamp(utc: Bool, ParquetTimeUnit)
    case integer(bits: Int, signed: Bool), json, uuid, float16, enumeration, nested, unknown

    init(_ reader: inout ThriftCompactReader) throws {
        var found = ParquetLogicalType.unknown
        try reader.fields { r, id, type in
            switch id {
            case 1: found = .string; try r.skip(type)
            case 2, 3: found = .nested; try r.skip(type)
            case 4: found = .enumeration; try r.skip(type)
            case 5:
                var scale = 0, precision = 0
                try r.fields { r, id, type in
                    switch (id, type) {
                    case (1, ThriftType.i32): scale = try r.int32()
                    case (2, ThriftType.i32): precision = try r.int32()
                    default: try r.skip(type)
                    }
                }
                found = .decimal(scale: scale, precision: precision)
            case 6: found = .date; try r.skip(type)
            case 7, 8:
                var utc = false, unit = ParquetTimeUnit.micros
                try r.fields { r, id, type in
                    switch id {
                    case 1: utc = r.bool(type)
                    case 2: unit = try ParquetLogicalType.unit(&r)
                    default: try r.skip(type)
                    }
                }
                found = id == 7 ? .time(unit) : .timestamp(utc: utc, unit)
            case 10:
                var bits = 64, signed = true
                try r.fields { r, id, type in
                    switch (id, type) {
                    case (1, ThriftType.byte): bits = Int(Int8(bitPattern: try r.byte()))
                    case (2, _): signed = r.bool(type)
                    default: try r.skip(type)
                    }
                }
                found = .integer(bits: bits, signed: signed)
            case 12: found = .json; try r.skip(type)
            case 14: found = .uuid; try r.skip(type)
            case 15: found = .float16; try r.skip(type)
            default: try r.skip(type)
            }
        }
        self = found
    }

    private static func unit(_ reader: inout ThriftCompactReader) throws -> ParquetTimeUnit {
        var unit = ParquetTimeUnit.micros
        try reader.fields { r, id, type in
            switch id {
            case 1: unit = .millis
            case 3: unit = .nanos
            default: break
            }
            try r.skip(type)
        }
        return unit
    }

    /// The logical type an old-style `ConvertedType` stands for.
    init?(converted: Int, scale: Int, precision: Int) {
        switch converted {
        case 0: self = .string
        case 1, 2, 3: self = .nested
        case 4: self = .enumeration
        case 5: self = .decimal(scale: scale, precision: precision)
        case 6: self = .date
        case 7: self = .time(.millis)
        case 8: self = .time(.micros)
        case 9: self = .timestamp(utc: true, .millis)
        case 10: self = .timestamp(utc: true, .micros)
        case 11: self = .integer(bits: 8, signed: false)
        case 12: self = .integer(bits: 16, signed: false)
        case 13: self = .integer(bits: 32, signed: false)
        case 14: self = .integer(bits: 64, signed: false)
        case 15: self = .integer(bits: 8, signed: true)
        case 16: self = .integer(bits: 16, signed: true)
        case 17: self = .integer(bits: 32, signed: true)
        case 18: self = .integer(bits: 64, signed: true)
        case 19: self = .json
        default: return nil
        }
    }
}

/// One node of the schema tree, flattened depth first (`SchemaElement`).
struct ParquetSchemaElement {
    var physical: ParquetPhysicalType?
    var typeLength = 0
    /// 0 required, 1 optional, 2 repeated.
    var repetition = 0
    var name = ""
    var childCount = 0
    var logical: ParquetLogicalType?

    init(_ reader: inout ThriftCompactReader) throws {
        var converted: Int?, scale = 0, precision = 0
        var unknownPhysical: Int?
        try reader.fields { r, id, type in
            switch (id, type) {
            case (1, ThriftType.i32):
                let raw = try r.int32()
                physical = ParquetPhysicalType(rawValue: raw)
                if physical == nil { unknownPhysical = raw }
            case (2, ThriftType.i32): typeLength = try r.int32()
            case (3, ThriftType.i32): repetition = try r.int32()
            case (4, ThriftType.binary): name = try r.string()
            case (5, ThriftType.i32): childCount = try r.int32()
            case (6, ThriftType.i32): converted = try r.int32()
            case (7, ThriftType.i32): scale = try r.int32()
            case (8, ThriftType.i32): precision = try r.int32()
            case (10, ThriftType.structure): logical = try ParquetLogicalType(&r)
            default: try r.skip(type)
            }
        }
        if let unknownPhysical { throw ParquetDamage("column \(name) has an unknown physical type \(unknownPhysical)") }
        guard childCount >= 0, typeLength >= 0 else { throw ParquetDamage("the schema of column \(name) is damaged") }
        // Files written before LogicalType existed (and some writers since) only say ConvertedType.
        if logical == nil || logical == .unknown, let converted {
            logical = ParquetLogicalType(converted: converted, scale: scale, precision: precision)
        }
    }
}

/// A horizontal slice of the table (`RowGroup`).
struct ParquetRowGroup {
    var columns: [ParquetColumnChunk] = []
    var rowCount: Int64 = 0

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.fields { r, id, type in
            switch (id, type) {
            case (1, ThriftType.list): try r.list { r, _ in columns.append(try ParquetColumnChunk(&r)) }
            case (3, ThriftType.i64): rowCount = try r.int()
            default: try r.skip(type)
            }
        }
    }
}

/// Where one column of a row group lies and how it is compressed (`ColumnChunk` and its
/// `ColumnMetaData`).
struct ParquetColumnChunk {
    var filePath: String?
    var physical = 0
    var codec = 0
    var valueCount: Int64 = 0
    var compressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.fields { r, id, type in
            switch (id, type) {
            case (1, ThriftType.binary): filePath = try r.string()
            case (3, ThriftType.structure):
                try r.fields { r, id, type in
                    switch (id, type) {
                    case (1, ThriftType.i32): physical = try r.int32()
                    case (4, ThriftType.i32): codec = try r.int32()
                    case (5, ThriftType.i64): valueCount = try r.int()
                    case (7, ThriftType.i64): compressedSize = try r.int()
                    case (9, ThriftType.i64): dataPageOffset = try r.int()
                    case (11, ThriftType.i64): dictionaryPageOffset = try r.int()
                    default: try r.skip(type)
                    }
                }
            default: try r.skip(type)
            }
        }
    }

    /// Where the chunk's first page starts: its dictionary page when it has one.
    var start: Int64 {
        // Some writers leave data_page_offset at 0 in a chunk that only has a dictionary page.
        if let dictionaryPageOffset, dictionaryPageOffset > 0, dataPageOffset <= 0 || dictionaryPageOffset < dataPageOffset { return dictionaryPageOffset }
        return dataPageOffset
    }
}

/// The header before each page of a column chunk (`PageHeader` with its data, dictionary or
/// v2 data header).
struct ParquetPageHeader {
    static let dataPage = 0, dictionaryPage = 2, dataPageV2 = 3

    var type = 0
    var uncompressedSize = 0
    var compressedSize = 0
    var valueCount = 0
    var encoding = 0
    var definitionEncoding = 3
    // Data page v2: levels stored uncompressed before the values.
    var nullCount = 0
    var definitionBytes = 0
    var repetitionBytes = 0
    var valuesCompressed = true

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.fields { r, id, type in
            switch (id, type) {
            case (1, ThriftType.i32): self.type = try r.int32()
            case (2, ThriftType.i32): uncompressedSize = try r.int32()
            case (3, ThriftType.i32): compressedSize = try r.int32()
            case (5, ThriftType.structure):
                try r.fields { r, id, type in
                    switch (id, type) {
                    case (1, ThriftType.i32): valueCount = try r.int32()
                    case (2, ThriftType.i32): encoding = try r.int32()
                    case (3, ThriftType.i32): definitionEncoding = try r.int32()
                    default: try r.skip(type)
                    }
                }
            case (7, ThriftType.structure):
                try r.fields { r, id, type in
                    switch (id, type) {
                    case (1, ThriftType.i32): valueCount = try r.int32()
                    case (2, ThriftType.i32): encoding = try r.int32()
                    default: try r.skip(type)
                    }
                }
            case (8, ThriftType.structure):
                try r.fields { r, id, type in
                    switch (id, type) {
                    case (1, ThriftType.i32): valueCount = try r.int32()
                    case (2, ThriftType.i32): nullCount = try r.int32()
                    case (4, ThriftType.i32): encoding = try r.int32()
                    case (5, ThriftType.i32): definitionBytes = try r.int32()
                    case (6, ThriftType.i32): repetitionBytes = try r.int32()
                    case (7, _): valuesCompressed = r.bool(type)
                    default: try r.skip(type)
                    }
                }
            default: try r.skip(type)
            }
        }
        guard uncompressedSize >= 0, compressedSize >= 0, valueCount >= 0, definitionBytes >= 0, repetitionBytes >= 0 else {
            throw ParquetDamage("a page header holds a negative size")
        }
    }
}

/// Parquet's value encodings (`Encoding`).
enum ParquetEncoding {
    static let plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5
    static let deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9

    static func name(_ encoding: Int) -> String {
        switch encoding {
        case plain: return "PLAIN"
        case plainDictionary: return "PLAIN_DICTIONARY"
        case rle: return "RLE"
        case bitPacked: return "BIT_PACKED"
        case deltaBinaryPacked: return "DELTA_BINARY_PACKED"
        case deltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY"
        case deltaByteArray: return "DELTA_BYTE_ARRAY"
        case rleDictionary: return "RLE_DICTIONARY"
        case byteStreamSplit: return "BYTE_STREAM_SPLIT"
        default: return "encoding \(encoding)"
        }
    }
}
