/// One block of a CSV file, turned into UTF-8 and split into whole records.
struct TokenizedBlock: @unchecked Sendable {
    var text: [UInt8]
    var tokenizer: CSVTokenizer
    /// 1 when the block's first record is the header.
    var firstRecord: Int
}

/// Reads a file block by block: decodes it to UTF-8 (repairing and noting invalid bytes),
/// and tokenizes whole records, carrying a cut record over to the next block.
struct CSVBlockReader {
    private let file: ByteFile
    private let dialect: CSVDialect
    private let blockSize: Int
    private var raw: [UInt8]
    private var carry: [UInt8] = []
    private var line: Int
    private var headerPending: Bool
    private var skipRaw: Int
    private var skipText: Int
    private var finished = false
    private(set) var bytesRead = 0
    private(set) var invalidUTF8 = InvalidTextLines()

    init(file: ByteFile, sniffed: CSVSniffer.Result, blockSize: Int) {
        self.file = file
        self.dialect = sniffed.dialect
        self.blockSize = blockSize
        raw = [UInt8](repeating: 0, count: blockSize)
        line = 1 + sniffed.skipLines
        headerPending = sniffed.dialect.hasHeader
        skipRaw = sniffed.skipBytes
        skipText = sniffed.skipTextBytes
        file.rewind()
    }

    /// The next block with at least one whole record, or nil at the end of the file.
    mutating func next() throws -> TokenizedBlock? {
        while !finished {
            let n = try raw.withUnsafeMutableBytes { try file.read(into: $0) }
            bytesRead += n
            let isFinal = n == 0 || bytesRead >= file.size
            finished = isFinal
            let skip = min(skipRaw, n)
            skipRaw -= skip
            var text = carry
            carry = []
            let carried = text.count
            if dialect.encoding.isUTF8 {
                text.append(contentsOf: raw[skip..<n])
            } else {
                raw.withUnsafeBufferPointer { buffer in
                    EncodingConverter.appendUTF8(from: UnsafeBufferPointer(rebasing: buffer[skip..<n]), encoding: dialect.encoding, to: &text)
                }
            }
            if skipText > 0 {
                let k = min(skipText, text.count)
                text.removeFirst(k)
                skipText -= k
            }
            if dialect.encoding.isUTF8 { repairUTF8(&text, carried: carried, isFinal: isFinal) }

            var tokenizer = CSVTokenizer(dialect: dialect)
            tokenizer.reserve(forBytes: text.count)
            let progress: CSVTokenizer.Progress
            do {
                progress = try text.withUnsafeBufferPointer { try tokenizer.tokenize($0, line: line, isFinal: isFinal) }
            } catch let error as CSVTokenizer.UnclosedQuote {
                throw LoadError(path: file.path, line: error.line, message: "a quote opened on this line is never closed",
                                hint: "close the quote in the file; everything after it was read as one field")
            }
            if progress.consumed == 0, !isFinal, text.count > CSVReader.maxRecordBytes {
                throw LoadError(path: file.path, line: line, message: "a single record is longer than \(CSVReader.maxRecordBytes >> 20) MB",
                                hint: "this does not look like a table; check the delimiter and quotes")
            }
            line = progress.nextLine
            carry = Array(text[progress.consumed...])
            guard tokenizer.recordCount > 0 else { continue }
            var firstRecord = 0
            if headerPending { firstRecord = 1; headerPending = false }
            return TokenizedBlock(text: text, tokenizer: tokenizer, firstRecord: firstRecord)
        }
        return nil
    }

    /// Replaces invalid bytes by U+FFFD, re-checking a sequence the previous block cut.
    private mutating func repairUTF8(_ text: inout [UInt8], carried: Int, isFinal: Bool) {
        var from = min(carried, text.count)
        var back = 0
        while from > 0, back < 3, text[from - 1] & 0xC0 == 0x80 { from -= 1; back += 1 }
        if from > 0, text[from - 1] >= 0xC0 { from -= 1 }
        let repaired = EncodingConverter.replaceInvalidUTF8(&text, from: from, allowTruncatedTail: !isFinal)
        for offset in repaired {
            invalidUTF8.note(line: line + text[0..<min(offset, text.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        }
    }
}

/// Parses tokenized blocks into the column builders, one block at a time, on a background
/// queue; the reader waits for a block to finish before handing over the next.
final class CSVBlockParser: @unchecked Sendable {
    private(set) var builders: [ColumnBuilder]
    private(set) var ragged = RaggedRows()
    private(set) var failure: Error?
    private var scratch: [UInt8] = []

    init(plans: [ColumnPlan], estimatedRows: Int) {
        builders = plans.enumerated().map { ColumnBuilder(plan: $0.element, index: $0.offset) }
        for i in builders.indices { builders[i].reserveCapacity(min(estimatedRows, 1 << 24)) }
    }

    func parse(_ block: TokenizedBlock) {
        guard failure == nil else { return }
        let width = builders.count
        do {
            try block.text.withUnsafeBufferPointer { buffer in
                try block.tokenizer.withView { view in
                    for r in block.firstRecord..<view.recordCount {
                        let fields = view.fieldCount(ofRecord: r)
                        if fields != width {
                            ragged.note(line: view.lines[r], fields: fields, width: width,
                                        extraAreEmpty: fields > width && (width..<fields).allSatisfy { f in
                                            view.withField(buffer, record: r, field: f, scratch: &scratch) { $0.isEmpty }
                                        })
                        }
                    }
                    try ColumnParsing.parse(into: &builders, view: view, text: buffer, firstRecord: block.firstRecord)
                }
            }
        } catch {
            failure = error
        }
    }
}
