import CarnetEngine

/// Works out a file's dialect, header and column types from its first megabyte.
struct CSVSniffer {
    static let sampleBytes = 1 << 20

    /// What sniffing decided, ready for the full read.
    struct Result {
        var dialect: CSVDialect
        var lineEnding: String
        var columnNames: [String]
        var plans: [ColumnPlan]
        var warnings: [LoadMessage]
        /// Lines before the first record (`sep=;`).
        var skipLines: Int
        /// UTF-8 bytes before the first record (the `sep=;` line).
        var skipTextBytes: Int
        /// Bytes of the raw file to skip (a byte-order mark).
        var skipBytes: Int
        /// Of `skipLines`, the lines above the header (a title, or `skip=`), for the report.
        var skipped: Int
    }

    /// Chooses the encoding from the raw sample.
    static func encoding(of raw: [UInt8], wholeFile: Bool) -> (TextEncoding, bomLength: Int) {
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { return (.utf8BOM, 3) }
        let (valid, invalid) = raw.withUnsafeBufferPointer { EncodingConverter.utf8Evidence($0) }
        // A few bad bytes among many good sequences: UTF-8 with damage (reported per line).
        return (invalid == 0 || valid > invalid * 2 ? .utf8 : .windows1252, 0)
    }

    /// Chooses the delimiter whose field count is the most regular across the first lines.
    static func delimiter(in sample: UnsafeBufferPointer<UInt8>, wholeFile: Bool) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        var best: (delimiter: UInt8, score: Double) = (UInt8(ascii: ","), -1)
        // 64 kB is plenty of lines for ordinary files; a very wide header needs its whole lines.
        let prefixEnd = max(min(sample.count, 64 * 1024), endOfLine(3, in: sample))
        let prefix = UnsafeBufferPointer(rebasing: sample[0..<prefixEnd])
        for candidate in candidates {
            var tokenizer = CSVTokenizer(dialect: CSVDialect(delimiter: candidate))
            _ = try? tokenizer.tokenize(prefix, line: 1, isFinal: wholeFile && prefix.count == sample.count)
            let records = min(tokenizer.recordCount, 200)
            guard records > 0 else { continue }
            var frequency: [Int: Int] = [:]
            for r in 0..<records { frequency[tokenizer.fieldCount(ofRecord: r), default: 0] += 1 }
            let (mode, modeCount) = frequency.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }!
            guard mode > 1 else { continue }
            // Regularity first; more fields break ties (a `;` file whose amounts hold commas).
            let score = Double(modeCount) / Double(records) * 1000 + Double(min(mode, 100))
            if score > best.score { best = (candidate, score) }
        }
        return best.delimiter
    }

    /// Counts LF and lone CR bytes, stopping at `limit`.
    static func lineBreaks<C: Collection>(in bytes: C, upTo limit: Int) -> Int where C.Element == UInt8 {
        var count = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous != 0x0D { count += 1 } else if byte == 0x0D { count += 1 }
            if count >= limit { return count }
            previous = byte
        }
        return count
    }

    /// The offset just past the `n`th line break, or the sample's end.
    static func endOfLine(_ n: Int, in sample: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        while i < sample.count {
            let byte = sample[i]
            i += 1
            guard byte == 0x0A || byte == 0x0D else { continue }
            if byte == 0x0D, i < sample.count, sample[i] == 0x0A { i += 1 }
            count += 1
            if count == n { return i }
        }
        return sample.count
    }

    static func lineEnding(of sample: UnsafeBufferPointer<UInt8>) -> String {
        var crlf = 0, lf = 0, cr = 0
        var i = 0
        while i < sample.count {
            if sample[i] == 0x0D {
                if i + 1 < sample.count, sample[i + 1] == 0x0A { crlf += 1; i += 1 } else { cr += 1 }
            } else if sample[i] == 0x0A { lf += 1 }
            i += 1
        }
        let kinds = [(crlf, "CRLF"), (lf, "LF"), (cr, "CR")].filter { $0.0 > 0 }
        if kinds.isEmpty { return "none" }
        return kinds.count == 1 ? kinds[0].1 : "mixed (" + kinds.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"
    }

    /// Sniffs a UTF-8 sample. `wholeFile` tells whether the sample is the complete file.
    static func sniff(
        sample: UnsafeBufferPointer<UInt8>, wholeFile: Bool, encoding: TextEncoding, bomLength: Int,
        options: LoadOptions, path: String
    ) throws -> Result {
        var warnings: [LoadMessage] = []
        var body = sample
        var skipLines = 0
        var skipTextBytes = 0
        var delimiter = options.delimiter
        // Excel's `sep=;` first line names the delimiter.
        if body.count >= 5, Array(body[0..<4]) == Array("sep=".utf8),
           body.count == 5 || body[5] == 0x0A || body[5] == 0x0D {
            delimiter = delimiter ?? body[4]
            var next = 5
            if next < body.count, body[next] == 0x0D { next += 1 }
            if next < body.count, body[next] == 0x0A { next += 1 }
            skipLines = 1
            skipTextBytes = next
            body = UnsafeBufferPointer(rebasing: body[next...])
        }

        var dialect = CSVDialect(delimiter: delimiter ?? CSVSniffer.delimiter(in: body, wholeFile: wholeFile))
        dialect.encoding = encoding
        if dialect.delimiter == UInt8(ascii: ",") || dialect.delimiter == UInt8(ascii: ";") {
            dialect.skipInitialSpace = spacesFollowDelimiters(body, dialect.delimiter)
        }

        func tokenized(_ body: UnsafeBufferPointer<UInt8>, firstLine: Int) throws -> CSVTokenizer {
            var tokenizer = CSVTokenizer(dialect: dialect)
            do {
                _ = try tokenizer.tokenize(body, line: firstLine, isFinal: wholeFile)
            } catch let error as CSVTokenizer.UnclosedQuote {
                throw LoadError(path: path, line: error.line, message: "a quote opened on this line is never closed",
                                hint: "close the quote, or load with `with quote=none` if quotes are literal text")
            }
            guard tokenizer.recordCount > 0 else {
                throw LoadError(path: path, message: "no data: the file holds only blank lines")
            }
            return tokenizer
        }
        var tokenizer = try tokenized(body, firstLine: 1 + skipLines)

        // Lines above the header: as many as `skip=` says, or the title lines found.
        var skipped = options.skip ?? 0
        if options.skip == nil {
            var probe = CSVCells(tokenizer: tokenizer, body: body)
            let titles = TypeInference.titleRecords(&probe)
            if titles > 0 {
                skipped = tokenizer.recordLines[titles] - (1 + skipLines)
                let first = (0..<probe.fieldCount(ofRecord: 0)).lazy
                    .map { f in probe.withField(record: 0, field: f) { String(decoding: $0, as: UTF8.self) }.trimmingSpaces() }
                    .first { !$0.isEmpty } ?? ""
                warnings.append(TypeInference.titleWarning(skipped, first: first, unit: "line"))
            }
        }
        if skipped > 0 {
            let offset = endOfLine(skipped, in: body)
            guard offset < body.count else {
                throw LoadError(path: path, message: "skip=\(skipped) leaves nothing to read: the file has \(lineBreaks(in: body, upTo: skipped)) line(s)")
            }
            skipLines += skipped
            skipTextBytes += offset
            body = UnsafeBufferPointer(rebasing: body[offset...])
            tokenizer = try tokenized(body, firstLine: 1 + skipLines)
        }

        var cells = CSVCells(tokenizer: tokenizer, body: body)
        let inferred = try TypeInference.infer(&cells, delimiter: dialect.delimiter, options: options, path: path)
        dialect.hasHeader = inferred.hasHeader
        dialect.decimalMark = inferred.decimalMark
        warnings += inferred.warnings
        let ending = lineEnding(of: UnsafeBufferPointer(rebasing: body[0..<max(min(body.count, 256 * 1024), endOfLine(3, in: body))]))
        return Result(dialect: dialect, lineEnding: ending, columnNames: inferred.names, plans: inferred.plans,
                      warnings: warnings, skipLines: skipLines, skipTextBytes: skipTextBytes, skipBytes: bomLength, skipped: skipped)
    }

    /// True when most delimiters are followed by a space (`a, b, "c"`).
    private static func spacesFollowDelimiters(_ body: UnsafeBufferPointer<UInt8>, _ delimiter: UInt8) -> Bool {
        var delimiters = 0, followed = 0
        var inQuotes = false
        let n = min(body.count, 64 * 1024)
        for i in 0..<n {
            let c = body[i]
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, c == delimiter {
                delimiters += 1
                if i + 1 < n, body[i + 1] == 0x20 { followed += 1 }
            }
        }
        return delimiters >= 2 && followed * 10 >= delimiters * 9
    }
}

/// The sample's tokens as cells for type inference.
private struct CSVCells: CellSource {
    let tokenizer: CSVTokenizer
    let body: UnsafeBufferPointer<UInt8>
    var scratch: [UInt8] = []

    var recordCount: Int { tokenizer.recordCount }
    func fieldCount(ofRecord r: Int) -> Int { tokenizer.fieldCount(ofRecord: r) }
    func line(ofRecord r: Int) -> Int { tokenizer.recordLines[r] }
    mutating func withField<R>(record r: Int, field f: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try tokenizer.withField(self.body, record: r, field: f, scratch: &scratch, body)
    }
}
