/// The records of a delimited file as written: every cell's text (no NULL tokens, no padding of
/// short rows, no renamed headers) and the blank rows between them, each numbered as the file
/// numbers its rows (the header is row 1). Validation judges these, not what loading made of
/// them, as frictionless does.
public struct RawDelimitedRows: Sendable {
    public struct Row: Sendable, Equatable {
        /// The row's number in the file (a record spanning several lines counts once).
        public var number: Int
        public var cells: [String]
        /// No cell, or only empty ones.
        public var isBlank: Bool { cells.allSatisfy(\.isEmpty) }

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public var rows: [Row]

    /// Reads `path` with the dialect a load chose; `skip` leading records (title lines the
    /// load left out) are left out here too, their numbers kept.
    public init(path: String, dialect: CSVDialect, skip: Int = 0) throws {
        let file = try ByteFile(path: path)
        var raw = try file.readPrefix(file.size)
        let bom = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var text = CSVReader.utf8Text(raw[bom...], encoding: dialect.encoding)
        raw = []
        if dialect.encoding.isUTF8 { _ = EncodingConverter.replaceInvalidUTF8(&text, from: 0, allowTruncatedTail: false) }
        var tokenizer = CSVTokenizer(dialect: dialect)
        do {
            _ = try text.withUnsafeBufferPointer { try tokenizer.tokenize($0, line: 1, isFinal: true) }
        } catch let unclosed as CSVTokenizer.UnclosedQuote {
            throw LoadError(path: path, line: unclosed.line, message: "a quoted field opened here is never closed")
        }
        let lineBreak: UInt8 = text.contains(0x0A) ? 0x0A : 0x0D
        var rows: [Row] = []
        var number = 0
        var previousEnd = 0  // the line the previous record ended on
        var scratch: [UInt8] = []
        text.withUnsafeBufferPointer { buffer in
            tokenizer.withView { view in
                for r in 0..<view.recordCount {
                    let line = view.lines[r]
                    // Lines between the previous record's end and this one are blank rows.
                    for _ in 0..<max(0, line - previousEnd - 1) {
                        number += 1
                        if r >= skip { rows.append(Row(number: number, cells: [])) }
                    }
                    number += 1
                    let count = view.fieldCount(ofRecord: r)
                    var cells: [String] = []
                    cells.reserveCapacity(count)
                    var breaks = 0
                    for f in 0..<count {
                        view.withField(buffer, record: r, field: f, scratch: &scratch) { bytes in
                            cells.append(String(decoding: bytes, as: UTF8.self))
                            breaks += bytes.reduce(0) { $0 + ($1 == lineBreak ? 1 : 0) }
                        }
                    }
                    previousEnd = line + breaks
                    if r >= skip { rows.append(Row(number: number, cells: cells)) }
                }
            }
        }
        self.rows = rows
    }
}
