import Dispatch
import CarnetEngine

/// Loads a CSV or TSV file into a table, sniffing everything the options leave open, and says
/// what it decided in a `LoadReport`.
public enum CSVReader: TableReader {
    public static let formatName = "CSV"
    public static let extensions: Set<String> = ["csv", "tsv", "txt", "tab"]
    public static let isText = true

    /// Text: anything that is not a zip archive or an old Office file (the load says what is
    /// wrong with other binary files).
    public static func recognizes(_ head: [UInt8]) -> Bool {
        // Not a zip (XLSX, ODS), an old Excel file, nor Parquet: their bytes say what they are.
        !head.starts(with: [0x50, 0x4B, 0x03, 0x04]) && !head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) && !ParquetReader.recognizes(head)
    }

    /// Bytes read from the file per block.
    static let blockSize = 8 << 20
    /// A record longer than this is taken as a sign that the file is not a table.
    static let maxRecordBytes = 256 << 20

    public static func load(path: String, options: LoadOptions = LoadOptions(), monitor: LoadMonitor = .none) throws -> (Table, LoadReport) {
        try load(path: path, options: options, monitor: monitor, blockSize: blockSize, firstLineLimit: 64 << 20)
    }

    /// `blockSize` and `firstLineLimit` are parameters so that tests can cut files at every
    /// byte and try a "huge" first line without writing gigabytes.
    static func load(path: String, options: LoadOptions, monitor: LoadMonitor, blockSize: Int, firstLineLimit: Int) throws -> (Table, LoadReport) {
        let file = try ByteFile(path: path)
        guard file.size > 0 else {
            throw LoadError(path: path, message: "the file is empty (0 bytes)")
        }
        var raw = try file.readPrefix(CSVSniffer.sampleBytes)
        if raw.count < file.size, CSVSniffer.lineBreaks(in: raw, upTo: 3) < 3 {
            // Lines longer than the sample (100,000 columns, a 50 MB field): look further, but
            // not forever, so that the sample holds a header and values to type the columns by.
            raw = try file.readPrefix(firstLineLimit)
            if raw.count < file.size, !raw.contains(0x0A), !raw.contains(0x0D) {
                throw LoadError(path: path, line: 1, message: "no line break in the first \(firstLineLimit >> 20) MB: this is not a table",
                                hint: "check that this is a CSV or TSV file")
            }
        }
        let wholeFile = raw.count >= file.size
        try rejectBinary(raw, path: path)

        var (encoding, bomLength) = CSVSniffer.encoding(of: raw, wholeFile: wholeFile)
        if let forced = options.encoding { encoding = forced == .utf8 && bomLength > 0 ? .utf8BOM : forced }
        var sampleText = utf8Text(raw[bomLength...], encoding: encoding)
        if !wholeFile, let lastNewline = sampleText.lastIndex(of: 0x0A) {
            sampleText.removeSubrange((lastNewline + 1)...)
        }
        if encoding.isUTF8 {
            _ = EncodingConverter.replaceInvalidUTF8(&sampleText, from: 0, allowTruncatedTail: !wholeFile)
        }
        var sniffed = try sampleText.withUnsafeBufferPointer {
            try CSVSniffer.sniff(sample: $0, wholeFile: wholeFile, encoding: encoding, bomLength: bomLength, options: options, path: path)
        }

        // Read the whole file; a value that does not fit its column's planned type sends us back
        // to the start with that column widened. Each column widens a few times at most.
        var rereads = 0
        while true {
            do {
                let (table, warnings, damaged) = try readAll(file: file, sniffed: sniffed, monitor: monitor, blockSize: blockSize)
                var report = LoadReport(
                    path: path, byteCount: file.size, rowCount: table.rowCount, dialect: sniffed.dialect, formatText: nil,
                    lineEnding: sniffed.lineEnding,
                    columns: zip(sniffed.columnNames, zip(table.columns, sniffed.plans)).map {
                        LoadReport.ColumnDecision(name: $0.0, type: $0.1.0.type, notice: $0.1.1.note)
                    },
                    notices: sniffed.warnings + warnings, rereads: rereads)
                report.damagedCells = damaged
                report.skipped = sniffed.skipped
                return (table, report)
            } catch let conflict as ColumnTypeConflict {
                rereads += 1
                if let warning = TypeInference.widen(&sniffed.plans[conflict.column], for: conflict, name: sniffed.columnNames[conflict.column]) {
                    sniffed.warnings.append(warning)
                }
            }
        }
    }

    private static func rejectBinary(_ raw: [UInt8], path: String) throws {
        if raw.count >= 4, raw[0] == 0x50, raw[1] == 0x4B, raw[2] == 0x03, raw[3] == 0x04 {
            throw LoadError(path: path, message: "this is a zip archive (an .xlsx or .ods file?), not CSV text",
                            hint: "export it as CSV, or load an .xlsx file by its own extension")
        }
        if raw.count >= 2, (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) {
            throw LoadError(path: path, message: "the file is UTF-16 text, which Carnet does not read yet",
                            hint: "re-save it as \"CSV UTF-8\"")
        }
        if let nul = raw.firstIndex(of: 0) {
            throw LoadError(path: path, message: "this looks like a binary file (a NUL byte at offset \(nul)), not CSV text")
        }
    }

    static func utf8Text<C: Collection>(_ bytes: C, encoding: TextEncoding) -> [UInt8] where C.Element == UInt8 {
        if encoding.isUTF8 { return Array(bytes) }
        var out: [UInt8] = []
        Array(bytes).withUnsafeBufferPointer { EncodingConverter.appendUTF8(from: $0, encoding: encoding, to: &out) }
        return out
    }

    /// One pass over the whole file with fixed column plans. Reading and tokenizing a block
    /// overlaps with parsing the previous one into columns (itself split between cores).
    private static func readAll(file: ByteFile, sniffed: CSVSniffer.Result, monitor: LoadMonitor, blockSize: Int) throws -> (Table, [LoadMessage], [LoadReport.DamagedCell]) {
        var reader = CSVBlockReader(file: file, sniffed: sniffed, blockSize: blockSize)
        // A record takes at least a byte per field: 100,000 columns must not reserve rows for a
        // 64-byte line each (12 GB of address space; ThreadSanitizer ran out of memory on it).
        let parser = CSVBlockParser(plans: sniffed.plans, estimatedRows: max(16, file.size / max(64, sniffed.plans.count)))
        let queue = DispatchQueue(label: "carnet.csv.parse")
        var inFlight: DispatchWorkItem?
        defer { inFlight?.wait() }
        let memory = LoadMemoryWatch(fileSize: file.size, path: file.path, blockSize: blockSize)
        try memory.check(bytesRead: 0)
        while let block = try reader.next() {
            if monitor.isCancelled() { throw LoadInterrupted() }
            try memory.check(bytesRead: reader.bytesRead)
            inFlight?.wait()
            if let error = parser.failure { throw error }
            let item = DispatchWorkItem { parser.parse(block) }
            queue.async(execute: item)
            inFlight = item
            monitor.progress(reader.bytesRead, file.size)
        }
        inFlight?.wait()
        inFlight = nil
        if let error = parser.failure { throw error }

        let (rejected, damaged) = TypeInference.rejections(parser.builders, names: sniffed.columnNames)
        var warnings = parser.ragged.warnings + reader.invalidUTF8.warnings + rejected
        let columns = parser.builders.map { $0.build() }
        if columns.first?.count == 0 { warnings.append(LoadMessage("the file has a header but no data rows", fr: "le fichier a un en-tête mais aucune ligne de données")) }
        return (Table(columnNames: sniffed.columnNames, columns: columns), warnings, damaged)
    }
}

/// Rows with more or fewer fields than the header, to report with their line numbers.
struct RaggedRows {
    private(set) var short: [Int] = []
    private(set) var shortCount = 0
    private(set) var long: [Int] = []
    private(set) var longCount = 0

    mutating func note(line: Int, fields: Int, width: Int, extraAreEmpty: Bool) {
        if fields < width {
            shortCount += 1
            if short.count < 5 { short.append(line) }
        } else if !extraAreEmpty {
            longCount += 1
            if long.count < 5 { long.append(line) }
        }
    }

    var warnings: [LoadMessage] {
        var out: [LoadMessage] = []
        func lines(_ list: [Int], _ count: Int) -> String {
            list.map(String.init).joined(separator: ", ") + (count > list.count ? " and \(count - list.count) more" : "")
        }
        if shortCount > 0 {
            out.append(LoadMessage("\(shortCount) row(s) have too few fields, padded with NULL: line(s) \(lines(short, shortCount))",
                                   fr: "\(shortCount) ligne(s) ont trop peu de champs, complétées par NULL\u{A0}: ligne(s) \(lines(short, shortCount))"))
        }
        if longCount > 0 {
            out.append(LoadMessage("\(longCount) row(s) have too many fields, extra fields dropped: line(s) \(lines(long, longCount))",
                                   fr: "\(longCount) ligne(s) ont trop de champs, champs en trop supprimés\u{A0}: ligne(s) \(lines(long, longCount))"))
        }
        return out
    }
}

/// Lines where bytes were not valid UTF-8 and were replaced by U+FFFD, to report.
struct InvalidTextLines {
    private(set) var lines: [Int] = []
    private(set) var count = 0

    mutating func note(line: Int) {
        count += 1
        if lines.count < 5, lines.last != line { lines.append(line) }
    }

    var warnings: [LoadMessage] {
        guard count > 0 else { return [] }
        let where_ = lines.map(String.init).joined(separator: ", ")
        return [LoadMessage("\(count) invalid UTF-8 byte sequence(s) replaced by \u{FFFD} (line(s) \(where_)); if the file is Windows-1252, load it `with encoding=cp1252`",
                            fr: "\(count) séquence(s) d'octets UTF-8 invalides remplacée(s) par \u{FFFD} (ligne(s) \(where_))\u{A0}; si le fichier est en Windows-1252, chargez-le `with encoding=cp1252`")]
    }
}
