import CarnetEngine
import Dispatch
import Synchronization

/// Loads Parquet files (INSEE's SIRENE stock, data.gouv.fr's converted resources, DuckDB,
/// polars and pandas exports): flat columns of every physical type with their logical types
/// (decimals, dates, timestamps, text), plain, dictionary, RLE, delta and byte-stream-split
/// encodings, data pages v1 and v2, snappy, gzip and zstd. Types come from the file, so nothing
/// is inferred. Nested columns (lists, structs, maps) are left out with a warning.
public enum ParquetReader: TableReader {
    public static let formatName = "Parquet"
    public static let extensions: Set<String> = ["parquet", "pq"]
    static let magic: [UInt8] = Array("PAR1".utf8)

    public static func recognizes(_ head: [UInt8]) -> Bool {
        head.count >= 4 && Array(head.prefix(4)) == magic
    }

    public static func load(path: String, options: LoadOptions, monitor: LoadMonitor) throws -> (Table, LoadReport) {
        let file = try MappedFile(path: path)
        do {
            return try load(file, path: path, options: options, monitor: monitor)
        } catch let damage as ParquetDamage {
            throw LoadError(path: path, message: damage.reason, hint: hint(for: damage.reason))
        }
    }

    private static func hint(for reason: String) -> String? {
        if reason.contains("truncated") || reason.contains("ends early") || reason.contains("damaged") {
            return "the file may be cut short or damaged: download or export it again"
        }
        if reason.contains("not supported") { return "re-export it from DuckDB, polars or pandas with snappy or zstd compression" }
        return nil
    }

    static func load(_ file: MappedFile, path: String, options: LoadOptions, monitor: LoadMonitor) throws -> (Table, LoadReport) {
        let bytes = file.bytes
        guard bytes.count >= 12, Array(bytes.prefix(4)) == magic else {
            throw ParquetDamage(bytes.count < 12 ? "the file is too short to be Parquet (\(bytes.count) bytes)" : "the file does not start with Parquet's PAR1 mark")
        }
        guard Array(bytes.suffix(4)) == magic else { throw ParquetDamage("the file does not end with Parquet's PAR1 mark (truncated file?)") }
        let footerLength = Int(ParquetValueDecoder.littleEndian32(bytes, at: bytes.count - 8))
        guard footerLength <= bytes.count - 12 else { throw ParquetDamage("the footer is longer than the file (truncated file?)") }
        let footerStart = bytes.count - 8 - footerLength
        var reader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: bytes[footerStart..<(bytes.count - 8)]))
        let metadata = try ParquetFileMetadata(&reader)
        var (plans, notices) = try columnPlans(metadata.schema)
        let totalRows = metadata.rowGroups.reduce(0) { $0 + Int(clamping: max(0, $1.rowCount)) }
        guard totalRows == Int(clamping: metadata.rowCount) || metadata.rowGroups.isEmpty else {
            throw ParquetDamage("the footer says \(metadata.rowCount) rows, its row groups hold \(totalRows)")
        }
        try checkTypes(plans, options: options)
        var codecs = Set<Int>()
        let leaves = leafCount(metadata.schema)
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == leaves else {
                throw ParquetDamage("row group \(g + 1) has \(group.columns.count) columns, the schema \(leaves)")
            }
            for plan in plans {
                let chunk = group.columns[plan.leaf]
                if chunk.filePath != nil { throw ParquetDamage("column \(plan.name) is stored in another file; Carnet reads single-file Parquet") }
                guard ParquetCodec.isSupported(chunk.codec) else {
                    throw ParquetDamage("column \(plan.name) is compressed with \(ParquetCodec.name(chunk.codec)), which is not supported (snappy, gzip, zstd and uncompressed are)")
                }
                codecs.insert(chunk.codec)
            }
        }
        // What the columns will hold, at least: about the uncompressed pages.
        let estimate = totalRows * plans.reduce(0) { $0 + ($1.type == .string ? 16 : 8) }
        try MemoryLimit.check(adding: estimate, for: "reading \(path.split(separator: "/").last ?? "")", isQuery: false)

        let assemblers = plans.map { ParquetColumnAssembler(plan: $0, totalRows: totalRows) }
        let failure = FirstError()
        var done = 0
        for group in metadata.rowGroups {
            if monitor.isCancelled() { throw LoadInterrupted() }
            let rows = Int(group.rowCount)
            // Columns are independent: each core decodes its own.
            DispatchQueue.concurrentPerform(iterations: assemblers.count) { c in
                guard !failure.isSet else { return }
                let assembler = assemblers[c]
                do {
                    try ParquetChunkReader.read(group.columns[assembler.plan.leaf], rowCount: rows, codec: group.columns[assembler.plan.leaf].codec,
                                                file: file.bytes, into: assembler)
                } catch {
                    failure.record(error)
                }
            }
            if let error = failure.error { throw error }
            done += group.columns.reduce(0) { $0 + Int(clamping: max(0, $1.compressedSize)) }
            monitor.progress(min(done, bytes.count), bytes.count)
        }
        var names = plans.map(\.name)
        notices += TypeInference.dedupe(&names)
        let table = Table(columnNames: names, columns: try assemblers.map { try $0.build() })
        let codecNames = codecs.sorted().map(ParquetCodec.name).joined(separator: ", ")
        let groups = metadata.rowGroups.count
        let format = LoadMessage("Parquet, \(groups) row group\(groups == 1 ? "" : "s")" + (codecNames.isEmpty ? "" : ", \(codecNames)"),
                                 fr: "Parquet, \(groups) groupe\(groups == 1 ? "" : "s") de lignes" + (codecNames.isEmpty ? "" : ", " + codecs.sorted().map { $0 == ParquetCodec.uncompressed ? "non compressé" : ParquetCodec.name($0) }.joined(separator: ", ")))
        var report = LoadReport(path: path, byteCount: bytes.count, rowCount: table.rowCount, dialect: CSVDialect(delimiter: UInt8(ascii: ",")),
                                formatText: format, lineEnding: "n/a",
                                columns: zip(names, plans).map { LoadReport.ColumnDecision(name: $0.0, type: $0.1.type, notice: $0.1.notice) },
                                notices: notices, rereads: 0)
        report.reader = formatName
        return (table, report)
    }

    /// The flat columns of the schema tree, in order; nested ones are left out with a notice.
    static func columnPlans(_ schema: [ParquetSchemaElement]) throws -> ([ParquetColumnPlan], [LoadMessage]) {
        guard let root = schema.first else { throw ParquetDamage("the file has no schema") }
        var plans: [ParquetColumnPlan] = []
        var nested: [String] = []
        var index = 1, leaf = 0
        for _ in 0..<root.childCount {
            guard index < schema.count else { throw ParquetDamage("the schema lists fewer columns than it says") }
            let element = schema[index]
            if element.childCount > 0 || element.repetition == 2 || element.logical == .nested {
                let (next, leaves) = try subtree(schema, at: index, depth: 0)
                nested.append(element.name)
                index = next
                leaf += leaves
                continue
            }
            plans.append(try ParquetColumnPlan.make(element, leaf: leaf))
            index += 1
            leaf += 1
        }
        var notices: [LoadMessage] = []
        if !nested.isEmpty {
            let list = nested.map(quoted).joined(separator: ", ")
            notices.append(LoadMessage("\(nested.count) nested column(s) (lists, structs or maps) left out: \(list)",
                                       fr: "\(nested.count) colonne(s) imbriquée(s) (listes, structures ou dictionnaires) laissée(s) de côté\u{A0}: \(list)"))
        }
        return (plans, notices)
    }

    /// The index after a schema subtree, and how many leaves (column chunks) it has.
    private static func subtree(_ schema: [ParquetSchemaElement], at index: Int, depth: Int) throws -> (Int, Int) {
        guard depth < 64 else { throw ParquetDamage("the schema nests too deeply") }
        guard index < schema.count else { throw ParquetDamage("the schema lists fewer columns than it says") }
        let element = schema[index]
        if element.childCount == 0 { return (index + 1, 1) }
        var next = index + 1, leaves = 0
        for _ in 0..<element.childCount {
            let (after, n) = try subtree(schema, at: next, depth: depth + 1)
            next = after
            leaves += n
        }
        return (next, leaves)
    }

    private static func leafCount(_ schema: [ParquetSchemaElement]) -> Int {
        schema.dropFirst().filter { $0.childCount == 0 }.count
    }

    /// `types=` cannot retype a Parquet column: the file says what each holds.
    private static func checkTypes(_ plans: [ParquetColumnPlan], options: LoadOptions) throws {
        for (name, type) in options.types {
            guard let plan = plans.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw ParquetDamage("types= names \(quoted(name)), which is not a column of the file")
            }
            if plan.type != type {
                throw ParquetDamage("column \(quoted(plan.name)) is stored as \(plan.type) in the file; types= cannot make it \(type) (use CAST in a query)")
            }
        }
    }
}

/// The first error thrown by any of the decoding threads.
private final class FirstError: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    var isSet: Bool { stored.withLock { $0 != nil } }
    var error: (any Error)? { stored.withLock { $0 } }

    func record(_ error: any Error) {
        stored.withLock { if $0 == nil { $0 = error } }
    }
}
