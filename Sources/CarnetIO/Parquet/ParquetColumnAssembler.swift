import CarnetEngine

/// Gathers one column's values page by page, across row groups, into a Carnet column: the
/// typed buffer, and a validity bitmap made at the first NULL. One thread at a time uses it
/// (columns are decoded in parallel, each by one thread), hence `@unchecked Sendable`.
final class ParquetColumnAssembler: @unchecked Sendable {
    let plan: ParquetColumnPlan
    private let totalRows: Int
    private var rows = 0
    private var ints64: [Int64] = []
    private var ints32: [Int32] = []
    private var doubles: [Double] = []
    private var bools: [Bool] = []
    private var strings = StringColumnBuilder()
    private var validity: ValidityBitmap?
    /// The current chunk's dictionary, and for text the builder's code of each entry.
    private var dictionary: ParquetValues?
    private var dictionaryCodes: [UInt32] = []

    init(plan: ParquetColumnPlan, totalRows: Int) {
        self.plan = plan
        self.totalRows = totalRows
        switch plan.type {
        case .int64, .decimal, .timestamp: ints64.reserveCapacity(totalRows)
        case .date: ints32.reserveCapacity(totalRows)
        case .double: doubles.reserveCapacity(totalRows)
        case .bool: bools.reserveCapacity(totalRows)
        case .string, .geometry: strings.reserveCapacity(totalRows)
        }
    }

    /// A chunk's dictionary page. One of at most half as many values as the chunk has rows
    /// says the text repeats: the column stays dictionary-encoded however many distinct values
    /// its first rows show (100,000 ids over 10 M rows look distinct for their first 130,000).
    func setDictionary(_ values: ParquetValues, chunkRows: Int) {
        dictionary = values
        dictionaryCodes = [UInt32](repeating: UInt32.max, count: values.count)
        if case .texts = values, values.count * 2 <= chunkRows { strings.keepDictionary() }
    }

    /// Appends a page: `values` holds its `present` non-null values, `levels` (nil when every
    /// row has one) says row by row whether it has a value.
    func append(_ values: ParquetValues, levels: [UInt32]?, present: Int, rowCount: Int) throws {
        guard values.count == present else {
            throw ParquetDamage("column \(plan.name): a page holds \(values.count) values for \(present) non-empty rows")
        }
        guard rows + rowCount <= totalRows else { throw ParquetDamage("column \(plan.name) holds more values than the file has rows") }
        if let levels, present < rowCount {
            if validity == nil { validity = ValidityBitmap(count: totalRows, valid: true) }
            for (k, level) in levels.enumerated() where level == 0 { validity!.set(rows + k, valid: false) }
        }
        switch values {
        case .indexed(let indices):
            try appendIndexed(indices, levels: levels)
        case .int64(let v): scatter(v, into: &ints64, levels: levels)
        case .int32(let v): scatter(v, into: &ints32, levels: levels)
        case .doubles(let v): scatter(v, into: &doubles, levels: levels)
        case .bools(let v): scatter(v, into: &bools, levels: levels)
        case .texts(let arena):
            var k = 0
            for r in 0..<rowCount {
                if let levels, levels[r] == 0 { strings.appendNull(); continue }
                arena.withUTF8(at: k) { strings.append($0) }
                k += 1
            }
        }
        rows += rowCount
        try checkKind()
    }

    private func checkKind() throws {
        let filled: Int
        switch plan.type {
        case .int64, .decimal, .timestamp: filled = ints64.count
        case .date: filled = ints32.count
        case .double: filled = doubles.count
        case .bool: filled = bools.count
        case .string, .geometry: filled = strings.count
        }
        guard filled == rows else { throw ParquetDamage("column \(plan.name): the stored values do not match the declared type") }
    }

    private func scatter<T: Numeric>(_ values: [T], into out: inout [T], levels: [UInt32]?) {
        guard let levels, values.count < levels.count else { out.append(contentsOf: values); return }
        var k = 0
        for level in levels {
            if level != 0 { out.append(values[k]); k += 1 } else { out.append(0) }
        }
    }

    private func scatter(_ values: [Bool], into out: inout [Bool], levels: [UInt32]?) {
        guard let levels, values.count < levels.count else { out.append(contentsOf: values); return }
        var k = 0
        for level in levels {
            if level != 0 { out.append(values[k]); k += 1 } else { out.append(false) }
        }
    }

    private func appendIndexed(_ indices: [UInt32], levels: [UInt32]?) throws {
        guard let dictionary else { throw ParquetDamage("column \(plan.name): a page refers to a dictionary the chunk does not have") }
        let size = dictionary.count
        if let bad = indices.first(where: { Int($0) >= size }) {
            throw ParquetDamage("column \(plan.name): a page refers to dictionary entry \(bad) of \(size)")
        }
        switch dictionary {
        case .int64(let d): scatter(indices.map { d[Int($0)] }, into: &ints64, levels: levels)
        case .int32(let d): scatter(indices.map { d[Int($0)] }, into: &ints32, levels: levels)
        case .doubles(let d): scatter(indices.map { d[Int($0)] }, into: &doubles, levels: levels)
        case .bools(let d): scatter(indices.map { d[Int($0)] }, into: &bools, levels: levels)
        case .texts(let arena):
            var k = 0
            for r in 0..<(levels?.count ?? indices.count) {
                if let levels, levels[r] == 0 { strings.appendNull(); continue }
                let index = Int(indices[k])
                k += 1
                if strings.isDictionaryEncoding {
                    var code = dictionaryCodes[index]
                    if code == UInt32.max {
                        code = arena.withUTF8(at: index) { strings.code(for: $0) }
                        dictionaryCodes[index] = code
                    }
                    strings.append(code: code)
                } else {
                    arena.withUTF8(at: index) { strings.append($0) }
                }
            }
        case .indexed:
            throw ParquetDamage("column \(plan.name): the dictionary is itself dictionary-encoded")
        }
    }

    func build() throws -> Column {
        guard rows == totalRows else { throw ParquetDamage("column \(plan.name) holds \(rows) values for \(totalRows) rows") }
        let buffer: Column.Buffer
        switch plan.type {
        case .int64: buffer = .int64(ints64)
        case .decimal(let scale): buffer = .decimal(ints64, scale: scale)
        case .timestamp: buffer = .timestamp(ints64)
        case .date: buffer = .date(ints32)
        case .double: buffer = .double(doubles)
        case .bool: buffer = .bool(bools)
        case .string: buffer = .string(strings.build())
        case .geometry: buffer = .geometry(GeometryColumn(arena: strings.build().plainArena))
        }
        return Column(buffer, validity: validity)
    }
}
