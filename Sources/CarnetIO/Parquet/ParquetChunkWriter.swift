import CarnetEngine

/// Writes one column of one row group: a dictionary page for dictionary-encoded text, then
/// data pages (v1) of definition levels and values.
enum ParquetChunkWriter {
    static func write(_ column: Column, name: String, rows: Range<Int>, codec: Int, pageRows: Int, to output: ParquetOutput) throws -> ParquetWrittenChunk {
        let physical = physicalType(column.type)
        var chunk = ParquetWrittenChunk(physical: physical, encodings: [ParquetEncoding.rle], codec: codec, valueCount: rows.count, nullCount: 0,
                                        uncompressedSize: 0, compressedSize: 0, dataPageOffset: 0, dictionaryPageOffset: nil)
        var dictionary: (codes: [UInt32], values: StringArena)?
        if case .string(let strings) = column.buffer, case .dictionary(let codes, let values) = strings.storage {
            dictionary = (codes, values)
            chunk.dictionaryPageOffset = output.offset
            var page: [UInt8] = []
            for k in 0..<values.count { values.withUTF8(at: k) { appendByteArray($0, to: &page) } }
            try writePage(page, codec: codec, to: output, chunk: &chunk) { w, uncompressed, compressed in
                w.int32(1, ParquetPageHeader.dictionaryPage)
                w.int32(2, uncompressed)
                w.int32(3, compressed)
                w.structure(7) { w in
                    w.int32(1, values.count)
                    w.int32(2, ParquetEncoding.plain)
                }
            }
            chunk.encodings += [ParquetEncoding.plain, ParquetEncoding.rleDictionary]
        } else {
            chunk.encodings.append(ParquetEncoding.plain)
        }
        chunk.dataPageOffset = output.offset
        var start = rows.lowerBound
        while start < rows.upperBound {
            let page = start..<min(rows.upperBound, start + pageRows)
            var bytes: [UInt8] = []
            let nulls = appendLevels(column, page, to: &bytes)
            chunk.nullCount += nulls
            let encoding: Int
            if let dictionary {
                encoding = ParquetEncoding.rleDictionary
                appendIndices(dictionary.codes, page, column: column, dictionarySize: dictionary.values.count, to: &bytes)
            } else {
                encoding = ParquetEncoding.plain
                appendPlain(column, page, to: &bytes)
            }
            try writePage(bytes, codec: codec, to: output, chunk: &chunk) { w, uncompressed, compressed in
                w.int32(1, ParquetPageHeader.dataPage)
                w.int32(2, uncompressed)
                w.int32(3, compressed)
                w.structure(5) { w in
                    w.int32(1, page.count)
                    w.int32(2, encoding)
                    w.int32(3, ParquetEncoding.rle)
                    w.int32(4, ParquetEncoding.rle)
                    w.structure(5) { w in w.int(3, Int64(nulls)) }
                }
            }
            start = page.upperBound
        }
        return chunk
    }

    static func physicalType(_ type: DataType) -> ParquetPhysicalType {
        switch type {
        case .int64, .decimal, .timestamp: return .int64
        case .date: return .int32
        case .double: return .double
        case .bool: return .boolean
        case .string, .geometry: return .byteArray
        }
    }

    private static func writePage(_ page: [UInt8], codec: Int, to output: ParquetOutput, chunk: inout ParquetWrittenChunk,
                                  header: (inout ThriftCompactWriter, Int, Int) -> Void) throws {
        let stored = codec == ParquetCodec.uncompressed ? page : ParquetCodec.compress(codec, page)
        var writer = ThriftCompactWriter()
        writer.inner { header(&$0, page.count, stored.count) }
        try output.append(writer.bytes)
        try output.append(stored)
        chunk.uncompressedSize += writer.bytes.count + page.count
        chunk.compressedSize += writer.bytes.count + stored.count
    }

    /// Definition levels (1 a value, 0 NULL) with their 4-byte length: one repeated run when
    /// nothing is NULL, else one bit-packed run. Returns the NULL count.
    private static func appendLevels(_ column: Column, _ rows: Range<Int>, to bytes: inout [UInt8]) -> Int {
        var levels: [UInt8] = []
        var nulls = 0
        if column.validity == nil {
            appendVarint(UInt64(rows.count) << 1, to: &levels)
            levels.append(1)
        } else {
            let groups = (rows.count + 7) / 8
            appendVarint(UInt64(groups) << 1 | 1, to: &levels)
            var packed = [UInt8](repeating: 0, count: groups)
            for (k, row) in rows.enumerated() {
                if column.isNull(row) { nulls += 1 } else { packed[k >> 3] |= 1 << UInt8(k & 7) }
            }
            levels += packed
        }
        appendUInt32(UInt32(levels.count), to: &bytes)
        bytes += levels
        return nulls
    }

    /// Dictionary codes of the non-NULL rows: their bit width, then one bit-packed run.
    private static func appendIndices(_ codes: [UInt32], _ rows: Range<Int>, column: Column, dictionarySize: Int, to bytes: inout [UInt8]) {
        var width = 1
        while width < 32, (1 << width) < dictionarySize { width += 1 }
        bytes.append(UInt8(width))
        var present: [UInt32] = []
        present.reserveCapacity(rows.count)
        for row in rows where !column.isNull(row) { present.append(codes[row]) }
        let groups = (present.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, to: &bytes)
        var bits: UInt64 = 0, bitCount = 0
        for k in 0..<(groups * 8) {
            bits |= UInt64(k < present.count ? present[k] : 0) << UInt64(bitCount)
            bitCount += width
            while bitCount >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
                bitCount -= 8
            }
        }
        if bitCount > 0 { bytes.append(UInt8(truncatingIfNeeded: bits)) }
    }

    private static func appendPlain(_ column: Column, _ rows: Range<Int>, to bytes: inout [UInt8]) {
        func fixed<T>(_ values: [T]) {
            for row in rows where !column.isNull(row) {
                withUnsafeBytes(of: values[row]) { bytes += $0 }
            }
        }
        switch column.buffer {
        case .int64(let v), .decimal(let v, _), .timestamp(let v): fixed(v)
        case .date(let v): fixed(v)
        case .double(let v): fixed(v)
        case .bool(let v):
            var byte: UInt8 = 0, k = 0
            for row in rows where !column.isNull(row) {
                if v[row] { byte |= 1 << UInt8(k & 7) }
                k += 1
                if k & 7 == 0 { bytes.append(byte); byte = 0 }
            }
            if k & 7 != 0 { bytes.append(byte) }
        case .string(let s):
            for row in rows where !column.isNull(row) { s.withUTF8(at: row) { appendByteArray($0, to: &bytes) } }
        case .geometry(let g):
            for row in rows where !column.isNull(row) { g.arena.withUTF8(at: row) { appendByteArray($0, to: &bytes) } }
        }
    }

    private static func appendByteArray(_ value: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        appendUInt32(UInt32(value.count), to: &bytes)
        bytes.append(contentsOf: value)
    }

    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}

/// The footer (`FileMetaData`) of a file Carnet writes.
enum ParquetFooter {
    static func encode(_ table: Table, groups: [ParquetWrittenGroup]) -> [UInt8] {
        var w = ThriftCompactWriter()
        w.inner { w in
            w.int32(1, 2)
            w.list(2, of: ThriftType.structure, count: table.columnCount + 1)
            w.inner { w in
                w.string(4, "schema")
                w.int32(5, table.columnCount)
            }
            for (name, column) in zip(table.columnNames, table.columns) {
                w.inner { w in schemaElement(&w, name: name, type: column.type) }
            }
            w.int(3, Int64(table.rowCount))
            w.list(4, of: ThriftType.structure, count: groups.count)
            for group in groups {
                w.inner { w in
                    w.list(1, of: ThriftType.structure, count: group.chunks.count)
                    for (name, chunk) in zip(table.columnNames, group.chunks) {
                        w.inner { w in
                            w.int(2, Int64(chunk.start))
                            w.structure(3) { w in
                                w.int32(1, chunk.physical.rawValue)
                                w.list(2, of: ThriftType.i32, count: chunk.encodings.count)
                                for e in chunk.encodings { w.zigzag(Int64(e)) }
                                w.list(3, of: ThriftType.binary, count: 1)
                                w.varint(UInt64(name.utf8.count))
                                for b in name.utf8 { w.rawByte(b) }
                                w.int32(4, chunk.codec)
                                w.int(5, Int64(chunk.valueCount))
                                w.int(6, Int64(chunk.uncompressedSize))
                                w.int(7, Int64(chunk.compressedSize))
                                w.int(9, Int64(chunk.dataPageOffset))
                                if let dictionary = chunk.dictionaryPageOffset { w.int(11, Int64(dictionary)) }
                                w.structure(12) { w in w.int(3, Int64(chunk.nullCount)) }
                            }
                        }
                    }
                    w.int(2, Int64(group.chunks.reduce(0) { $0 + $1.uncompressedSize }))
                    w.int(3, Int64(group.rowCount))
                    w.int(5, Int64(group.chunks.first?.start ?? 0))
                    w.int(6, Int64(group.chunks.reduce(0) { $0 + $1.compressedSize }))
                }
            }
            let geometryColumns = zip(table.columnNames, table.columns).filter { $0.1.type == .geometry }.map(\.0)
            if !geometryColumns.isEmpty {
                w.list(5, of: ThriftType.structure, count: 1)
                w.inner { w in
                    w.string(1, "geo")
                    w.string(2, geoMetadata(geometryColumns))
                }
            }
            w.string(6, "Carnet")
        }
        return w.bytes
    }

    /// GeoParquet 1.1's file metadata: the geometry columns are WKB, longitude then latitude
    /// (no `crs` member means OGC:CRS84; Lambert-93 columns are not told apart yet).
    static func geoMetadata(_ columns: [String]) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.unicodeScalars.map { $0 == "\"" ? "\\\"" : $0 == "\\" ? "\\\\" : $0.value < 0x20 ? "\\u00" + String(Array("0123456789abcdef")[Int($0.value >> 4)]) + String(Array("0123456789abcdef")[Int($0.value & 15)]) : String($0) }.joined() + "\""
        }
        let members = columns.map { quoted($0) + ":{\"encoding\":\"WKB\",\"geometry_types\":[]}" }
        return "{\"version\":\"1.1.0\",\"primary_column\":\(quoted(columns[0])),\"columns\":{\(members.joined(separator: ","))}}"
    }

    /// A leaf of the schema: nullable, with its physical type, its converted type for old
    /// readers and its logical type.
    private static func schemaElement(_ w: inout ThriftCompactWriter, name: String, type: DataType) {
        w.int32(1, ParquetChunkWriter.physicalType(type).rawValue)
        w.int32(3, 1)
        w.string(4, name)
        switch type {
        case .decimal(let scale):
            w.int32(6, 5)
            w.int32(7, scale)
            w.int32(8, 18)
            w.structure(10) { w in
                w.structure(5) { w in
                    w.int32(1, scale)
                    w.int32(2, 18)
                }
            }
        case .date:
            w.int32(6, 6)
            w.structure(10) { w in w.structure(6) { _ in } }
        case .timestamp:
            // No converted type: TIMESTAMP_MICROS would mean UTC-adjusted, and these are local.
            w.structure(10) { w in
                w.structure(8) { w in
                    w.bool(1, false)
                    w.structure(2) { w in w.structure(2) { _ in } }
                }
            }
        case .string:
            w.int32(6, 0)
            w.structure(10) { w in w.structure(1) { _ in } }
        case .int64, .double, .bool, .geometry:
            break
        }
    }
}
