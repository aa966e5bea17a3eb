/// Splits UTF-8 bytes into records and fields without copying them: each field is a byte range
/// of the input. Quoted fields keep their doubled quotes until a value needs them undone.
struct CSVTokenizer {
    let dialect: CSVDialect

    /// Byte offset, within the tokenized buffer, of each field's first byte.
    var fieldStarts: [Int32] = []
    /// Byte offset just past each field; the top bit is set when the field holds `""`.
    var fieldEnds: [Int32] = []
    /// Index in `fieldStarts` of each record's first field, plus one final entry.
    var recordFields: [Int32] = [0]
    /// Line (1-based) on which each record starts.
    var recordLines: [Int] = []

    static let escapedFlag: Int32 = Int32(bitPattern: 0x8000_0000)

    /// Bytes that end an unquoted field (the delimiter and line ends) as a 128-bit set: all
    /// of them are ASCII.
    private let specialLow: UInt64
    private let specialHigh: UInt64

    init(dialect: CSVDialect) {
        self.dialect = dialect
        var low: UInt64 = 1 << 0x0A | 1 << 0x0D
        var high: UInt64 = 0
        let d = dialect.delimiter
        if d < 64 { low |= 1 << UInt64(d) } else if d < 128 { high |= 1 << UInt64(d - 64) }
        specialLow = low
        specialHigh = high
    }

    var recordCount: Int { recordLines.count }

    /// Room for about `bytes` of input, from the usual field length, so that appends never grow.
    mutating func reserve(forBytes bytes: Int) {
        fieldStarts.reserveCapacity(bytes / 6)
        fieldEnds.reserveCapacity(bytes / 6)
        recordFields.reserveCapacity(bytes / 40)
        recordLines.reserveCapacity(bytes / 40)
    }

    mutating func reset() {
        fieldStarts.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordFields.removeAll(keepingCapacity: true)
        recordFields.append(0)
        recordLines.removeAll(keepingCapacity: true)
    }

    /// The outcome of tokenizing one buffer.
    struct Progress {
        /// Bytes consumed: complete records only, unless the buffer was the last.
        var consumed: Int
        /// Line number at `consumed`.
        var nextLine: Int
    }

    /// Where a quote opened and never closed (only reported for the final buffer).
    struct UnclosedQuote: Error {
        var line: Int
    }

    /// Tokenizes whole records of `buffer` starting at line `line`. When `isFinal` is false, a
    /// record cut by the end of the buffer is left unconsumed for the next call.
    mutating func tokenize(_ buffer: UnsafeBufferPointer<UInt8>, line startLine: Int, isFinal: Bool) throws -> Progress {
        guard let base = buffer.baseAddress else { return Progress(consumed: 0, nextLine: startLine) }
        let n = buffer.count
        let delimiter = dialect.delimiter
        let quote = dialect.quote
        let skipSpace = dialect.skipInitialSpace
        let lowSet = specialLow
        let delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        let highSet = specialHigh
        var i = 0
        var line = startLine
        var consumed = 0
        var consumedLine = startLine

        recordLoop: while i < n {
            let recordLine = line
            let firstField = fieldStarts.count
            // A blank line is no record.
            if base[i] == 0x0A || base[i] == 0x0D {
                if base[i] == 0x0D {
                    if i + 1 >= n, !isFinal { break recordLoop }
                    if i + 1 < n, base[i + 1] == 0x0A { i += 1 }
                }
                i += 1
                line += 1
                consumed = i
                consumedLine = line
                continue
            }
            fieldLoop: while true {
                if skipSpace { while i < n, base[i] == 0x20 { i += 1 } }
                if i < n, base[i] == quote {
                    // Quoted field: runs to the next quote not doubled.
                    let openLine = line
                    i += 1
                    let start = i
                    var escaped = false
                    var closed = false
                    while i < n {
                        let c = base[i]
                        if c == quote {
                            if i + 1 < n, base[i + 1] == quote { escaped = true; i += 2; continue }
                            if i + 1 >= n, !isFinal { break }
                            closed = true
                            break
                        }
                        if c == 0x0A { line += 1 }
                        else if c == 0x0D, !(i + 1 < n && base[i + 1] == 0x0A) { line += 1 }
                        i += 1
                    }
                    if !closed {
                        if isFinal { throw UnclosedQuote(line: openLine) }
                        rollback(to: firstField)
                        break recordLoop
                    }
                    var end = i
                    i += 1  // the closing quote
                    // Lenient: text between the closing quote and the delimiter is kept.
                    while i < n, base[i] != delimiter, base[i] != 0x0A, base[i] != 0x0D { i += 1 }
                    if i > end + 1 { end = i; escaped = true }
                    appendField(start, end, escaped)
                } else {
                    let start = i
                    // Eight bytes at a time while none of them is special (SWAR zero-byte test).
                    while i + 8 <= n {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        let hits = CSVTokenizer.zeroBytes(word ^ delimiterWord) | CSVTokenizer.zeroBytes(word ^ CSVTokenizer.newlineWord)
                            | CSVTokenizer.zeroBytes(word ^ CSVTokenizer.returnWord)
                        if hits != 0 { i += hits.trailingZeroBitCount >> 3; break }
                        i += 8
                    }
                    while i < n {
                        let c = UInt64(base[i])
                        let bit = c < 64 ? (lowSet >> c) & 1 : (c < 128 ? (highSet >> (c &- 64)) & 1 : 0)
                        if bit != 0 { break }
                        i += 1
                    }
                    appendField(start, i, false)
                }
                // After a field: delimiter, end of line, or end of buffer.
                if i >= n {
                    if !isFinal { rollback(to: firstField); break recordLoop }
                    break fieldLoop
                }
                let c = base[i]
                if c == delimiter { i += 1; if i >= n, isFinal { appendField(i, i, false); break fieldLoop }; continue fieldLoop }
                if c == 0x0D {
                    if i + 1 >= n, !isFinal { rollback(to: firstField); break recordLoop }
                    if i + 1 < n, base[i + 1] == 0x0A { i += 1 }
                }
                i += 1
                line += 1
                break fieldLoop
            }
            recordFields.append(Int32(fieldStarts.count))
            recordLines.append(recordLine)
            consumed = i
            consumedLine = line
        }
        if isFinal { return Progress(consumed: n, nextLine: line) }
        return Progress(consumed: consumed, nextLine: consumedLine)
    }

    static let newlineWord: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    static let returnWord: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// High bit set in each byte of `v` that is zero; exact for the lowest such byte, which is
    /// the only one used.
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    @inline(__always)
    private mutating func appendField(_ start: Int, _ end: Int, _ escaped: Bool) {
        fieldStarts.append(Int32(start))
        fieldEnds.append(escaped ? Int32(end) | CSVTokenizer.escapedFlag : Int32(end))
    }

    private mutating func rollback(to fieldCount: Int) {
        fieldStarts.removeSubrange(fieldCount...)
        fieldEnds.removeSubrange(fieldCount...)
    }

    @inline(__always)
    func fieldCount(ofRecord r: Int) -> Int {
        Int(recordFields[r + 1] - recordFields[r])
    }

    /// Calls `body` with a view of the tokens that costs no reference counting per field.
    func withView<R>(_ body: (TokenView) throws -> R) rethrows -> R {
        try fieldStarts.withUnsafeBufferPointer { starts in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try recordFields.withUnsafeBufferPointer { records in
                    try recordLines.withUnsafeBufferPointer { lines in
                        try body(TokenView(starts: starts, ends: ends, records: records, lines: lines, quote: dialect.quote))
                    }
                }
            }
        }
    }

    /// Calls `body` with the bytes of field `f` of record `r` (see `TokenView.withField`).
    func withField<R>(
        _ buffer: UnsafeBufferPointer<UInt8>, record r: Int, field f: Int, scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try withView { try $0.withField(buffer, record: r, field: f, scratch: &scratch, body) }
    }
}

/// Read-only access to a tokenized buffer's records and fields through raw pointers, valid
/// inside `CSVTokenizer.withView`; safe to share between threads that only read it.
struct TokenView: @unchecked Sendable {
    let starts: UnsafeBufferPointer<Int32>
    let ends: UnsafeBufferPointer<Int32>
    let records: UnsafeBufferPointer<Int32>
    let lines: UnsafeBufferPointer<Int>
    let quote: UInt8

    var recordCount: Int { lines.count }

    @inline(__always)
    func fieldCount(ofRecord r: Int) -> Int {
        Int(records[r + 1] - records[r])
    }

    /// Calls `body` with the bytes of field `f` of record `r`, doubled quotes undone (in
    /// `scratch`) when the field has any.
    @inline(__always)
    func withField<R>(
        _ buffer: UnsafeBufferPointer<UInt8>, record r: Int, field f: Int, scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        let index = Int(records[r]) + f
        let start = Int(starts[index])
        let rawEnd = ends[index]
        let end = Int(rawEnd & ~CSVTokenizer.escapedFlag)
        let slice = UnsafeBufferPointer(start: buffer.baseAddress! + start, count: end - start)
        guard rawEnd & CSVTokenizer.escapedFlag != 0 else { return try body(slice) }
        scratch.removeAll(keepingCapacity: true)
        var k = 0
        while k < slice.count {
            let c = slice[k]
            if c == quote {
                // `""` inside quotes, or the closing quote of `"a"b` (lenient form): drop one.
                if k + 1 < slice.count, slice[k + 1] == quote { scratch.append(c); k += 2; continue }
                k += 1
                continue
            }
            scratch.append(c)
            k += 1
        }
        return try scratch.withUnsafeBufferPointer { try body($0) }
    }
}
