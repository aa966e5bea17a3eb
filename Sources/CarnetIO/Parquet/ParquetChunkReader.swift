/// Reads the pages of one column chunk (its dictionary page, then data pages v1 or v2) into
/// the column's assembler.
enum ParquetChunkReader {
    static func read(_ chunk: ParquetColumnChunk, rowCount: Int, codec: Int, file: UnsafeRawBufferPointer,
                     into assembler: ParquetColumnAssembler) throws {
        let plan = assembler.plan
        if rowCount == 0 { return }
        let start = Int(clamping: chunk.start), length = Int(clamping: chunk.compressedSize)
        guard start >= 4, length >= 0, length <= file.count - 8 - start else {
            throw ParquetDamage("column \(plan.name): its data lies outside the file (truncated file?)")
        }
        let bytes = UnsafeRawBufferPointer(rebasing: file[start..<(start + length)])
        var position = 0
        var rowsRead = 0
        while rowsRead < rowCount {
            guard position < bytes.count else {
                throw ParquetDamage("column \(plan.name): its pages hold \(rowsRead) of the row group's \(rowCount) rows")
            }
            var reader = ThriftCompactReader(bytes, at: position)
            let header = try ParquetPageHeader(&reader)
            let pageStart = reader.position
            guard header.compressedSize <= bytes.count - pageStart else {
                throw ParquetDamage("column \(plan.name): a page runs past the end of its chunk (truncated file?)")
            }
            let page = UnsafeRawBufferPointer(rebasing: bytes[pageStart..<(pageStart + header.compressedSize)])
            position = pageStart + header.compressedSize
            switch header.type {
            case ParquetPageHeader.dictionaryPage:
                let data = try ParquetCodec.decompress(codec, page, size: header.uncompressedSize)
                let raw = try data.withUnsafeBytes {
                    try ParquetValueDecoder.plain(plan.physical, typeLength: plan.typeLength, $0, count: header.valueCount)
                }
                assembler.setDictionary(try plan.convert(raw), chunkRows: rowCount)
            case ParquetPageHeader.dataPage:
                guard header.valueCount <= rowCount - rowsRead else { throw ParquetDamage("column \(plan.name): a page holds more rows than its row group") }
                let data = try ParquetCodec.decompress(codec, page, size: header.uncompressedSize)
                try data.withUnsafeBytes { data in
                    var valuesAt = 0
                    var levels: [UInt32]?
                    if plan.optional {
                        guard header.definitionEncoding == ParquetEncoding.rle else {
                            throw ParquetDamage("column \(plan.name): definition levels encoded as \(ParquetEncoding.name(header.definitionEncoding)) are not supported")
                        }
                        guard data.count >= 4 else { throw ParquetDamage("column \(plan.name): a page ends before its definition levels") }
                        let size = Int(ParquetValueDecoder.littleEndian32(data, at: 0))
                        guard size <= data.count - 4 else { throw ParquetDamage("column \(plan.name): a page ends before its definition levels") }
                        levels = try definitionLevels(UnsafeRawBufferPointer(rebasing: data[4..<(4 + size)]), count: header.valueCount, column: plan.name)
                        valuesAt = 4 + size
                    }
                    try appendValues(header, UnsafeRawBufferPointer(rebasing: data[valuesAt...]), levels: levels, into: assembler)
                }
                rowsRead += header.valueCount
            case ParquetPageHeader.dataPageV2:
                guard header.valueCount <= rowCount - rowsRead else { throw ParquetDamage("column \(plan.name): a page holds more rows than its row group") }
                guard header.repetitionBytes == 0 else { throw ParquetDamage("column \(plan.name) repeats values (a nested column)") }
                guard header.definitionBytes <= page.count else { throw ParquetDamage("column \(plan.name): a page ends before its definition levels") }
                var levels: [UInt32]?
                if plan.optional {
                    levels = try definitionLevels(UnsafeRawBufferPointer(rebasing: page[0..<header.definitionBytes]), count: header.valueCount, column: plan.name)
                }
                let stored = UnsafeRawBufferPointer(rebasing: page[header.definitionBytes...])
                let size = header.uncompressedSize - header.definitionBytes
                guard size >= 0 else { throw ParquetDamage("column \(plan.name): a page header's sizes disagree") }
                if header.valuesCompressed && codec != ParquetCodec.uncompressed {
                    let data = try ParquetCodec.decompress(codec, stored, size: size)
                    try data.withUnsafeBytes { try appendValues(header, $0, levels: levels, into: assembler) }
                } else {
                    try appendValues(header, stored, levels: levels, into: assembler)
                }
                rowsRead += header.valueCount
            default:
                continue  // index pages and future page types carry no values
            }
        }
    }

    private static func definitionLevels(_ data: UnsafeRawBufferPointer, count: Int, column: String) throws -> [UInt32] {
        var decoder = try RLEHybridDecoder(data, bitWidth: 1)
        var levels = [UInt32](repeating: 0, count: count)
        try levels.withUnsafeMutableBufferPointer { try decoder.decode(count, into: $0.baseAddress!) }
        if levels.contains(where: { $0 > 1 }) { throw ParquetDamage("column \(column): a definition level is out of range") }
        return levels
    }

    private static func appendValues(_ header: ParquetPageHeader, _ data: UnsafeRawBufferPointer, levels: [UInt32]?,
                                     into assembler: ParquetColumnAssembler) throws {
        let plan = assembler.plan
        let present = levels.map { $0.reduce(0) { $0 + Int($1) } } ?? header.valueCount
        let values: ParquetValues
        if header.encoding == ParquetEncoding.plainDictionary || header.encoding == ParquetEncoding.rleDictionary {
            values = .indexed(try ParquetValueDecoder.indices(data, count: present))
        } else {
            values = try plan.convert(ParquetValueDecoder.decode(header.encoding, physical: plan.physical, typeLength: plan.typeLength, data, count: present))
        }
        try assembler.append(values, levels: levels, present: present, rowCount: header.valueCount)
    }
}
