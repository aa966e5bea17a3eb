import CarnetEngine
import CarnetTestSupport
@testable import CarnetIO
import Testing

/// Parquet files written by pyarrow, DuckDB and polars (Tests/Fixtures/parquet/make.py), each
/// beside the values that were written, cell by cell.
@Suite struct ParquetReaderTests {
    static let folder = Fixture.folder + "/../parquet"

    static let readable = ["pyarrow-types", "pyarrow-v2-delta", "pyarrow-gzip-pages", "pyarrow-plain", "pyarrow-int96", "time-out-of-range",
                           "duckdb-default", "duckdb-v2", "polars-default", "nested", "empty"]

    @Test(arguments: readable)
    func everyCellIsTheValueThatWasWritten(_ name: String) throws {
        let (table, report) = try TableReaders.load(path: "\(Self.folder)/\(name).parquet")
        #expect(report.reader == "Parquet")
        let expected = try ExpectedTSV(path: "\(Self.folder)/\(name).expected.tsv")
        #expect(table.columnNames == expected.names)
        #expect(table.columns.map(\.type.description) == expected.types)
        #expect(table.rowCount == expected.rows.count)
        guard table.columnNames == expected.names, table.rowCount == expected.rows.count else { return }
        var mismatches = 0
        for (c, column) in table.columns.enumerated() {
            for r in 0..<table.rowCount {
                let want = expected.rows[r][c]
                if Self.cell(column, r, equals: want) { continue }
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("\(name) row \(r + 1), \(table.columnNames[c]): \(column.isNull(r) ? "NULL" : "\(column.value(at: r))") where \(want ?? "NULL") was written")
                }
            }
        }
        #expect(mismatches == 0)
    }

    static func cell(_ column: Column, _ row: Int, equals want: String?) -> Bool {
        guard let want else { return column.isNull(row) }
        if column.isNull(row) { return false }
        switch column.buffer {
        case .int64(let v): return String(v[row]) == want
        case .decimal(let v, let scale): return FixedPoint.string(v[row], scale: scale) == want
        case .double(let v): return Double(want) == v[row]
        case .bool(let v): return (v[row] ? "true" : "false") == want
        case .date(let v): return CivilCalendar.isoString(days: v[row]) == want
        case .timestamp(let v):
            let micros = v[row]
            let days = Int32((micros - (micros % CivilCalendar.microsecondsPerDay + CivilCalendar.microsecondsPerDay) % CivilCalendar.microsecondsPerDay) / CivilCalendar.microsecondsPerDay)
            let rest = micros - Int64(days) * CivilCalendar.microsecondsPerDay
            let seconds = rest / 1_000_000, fraction = rest % 1_000_000
            func pad(_ n: Int64, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
            let text = CivilCalendar.isoString(days: days) + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2) + "." + pad(fraction, 6)
            return text == want
        case .string(let s):
            let text = s.string(at: row)
            // Times of day without a fraction are written without `.000000`.
            return text == want || text + ".000000" == want
        case .geometry(let g):
            return g.geometry(at: row).wkt == want
        }
    }

    @Test func nestedColumnsAreLeftOutWithAWarningThatNamesThem() throws {
        let (_, report) = try TableReaders.load(path: "\(Self.folder)/nested.parquet")
        #expect(report.warnings == ["2 nested column(s) (lists, structs or maps) left out: 'tags', 'point'"])
    }

    @Test func theReportSaysWhatWasRead() throws {
        let (_, report) = try TableReaders.load(path: "\(Self.folder)/pyarrow-gzip-pages.parquet")
        #expect(report.format == "Parquet, 5 row groups, gzip")
        #expect(report.formatText?.french == "Parquet, 5 groupes de lignes, gzip")
        let (_, types) = try TableReaders.load(path: "\(Self.folder)/pyarrow-types.parquet")
        #expect(types.columns.first { $0.name == "ts_utc" }?.note == "a UTC timestamp, read in UTC")
        #expect(types.columns.first { $0.name == "t" }?.note == "a time of day, read as text")
    }

    @Test func anUnsupportedCodecIsAClearError() throws {
        #expect {
            try TableReaders.load(path: "\(Self.folder)/brotli.parquet")
        } throws: { error in
            "\(error)".contains("compressed with Brotli, which is not supported (snappy, gzip, zstd and uncompressed are)")
        }
    }

    @Test func typesCannotRetypeAStoredColumn() throws {
        var options = LoadOptions()
        options.types = ["id": .string]
        #expect {
            try TableReaders.load(path: "\(Self.folder)/pyarrow-plain.parquet", options: options)
        } throws: { error in
            "\(error)".contains("column 'id' is stored as integer in the file; types= cannot make it text (use CAST in a query)")
        }
    }

    /// Every prefix and a spread of one-byte changes of a real file: an error or a table, never a
    /// crash, and a cut file is always an error.
    @Test func damagedFilesGiveErrorsNotCrashes() throws {
        let original = try #require(TemporaryFile.read("\(Self.folder)/pyarrow-gzip-pages.parquet"))
        let scratch = TemporaryFile.write([], name: "damaged.parquet")
        for cut in stride(from: 0, to: original.count, by: max(1, original.count / 97)) {
            try TemporaryFile.overwrite(scratch, with: Array(original.prefix(cut)))
            #expect(throws: LoadError.self) { try ParquetReader.load(path: scratch, options: LoadOptions(), monitor: .none) }
        }
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<300 {
            var bytes = original
            let at = Int(generator.next() % UInt64(bytes.count))
            bytes[at] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            try TemporaryFile.overwrite(scratch, with: bytes)
            _ = try? ParquetReader.load(path: scratch, options: LoadOptions(), monitor: .none)
        }
    }
}

/// A fixture's expected values: names, Carnet types, then cells (nil for `\N`).
struct ExpectedTSV {
    var names: [String]
    var types: [String]
    var rows: [[String?]]

    init(path: String) throws {
        let text = try #require(POSIXFile.readText(path))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        names = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        types = lines[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst(2).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { cell in
                cell == "\\N" ? nil : ExpectedTSV.unescape(String(cell))
            }
        }
    }

    static func unescape(_ cell: String) -> String {
        var out = ""
        var escaped = false
        for ch in cell {
            if escaped {
                switch ch {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
