import CarnetEngine
import CarnetTestSupport
@testable import CarnetIO
import Testing

/// `export … to t.parquet`: Carnet's file read back by DuckDB (an independent reader) and by
/// Carnet, value for value, across several row groups and pages.
@Suite struct ParquetWriterTests {
    /// Every type, NULLs, dictionary and plain text, values before 1970 and near the limits.
    static let table: Table = {
        var random = SeededGenerator(seed: 2154)
        let n = 2_500
        func nulls(every k: UInt64) -> ValidityBitmap {
            var v = ValidityBitmap(count: n, valid: true)
            for r in 0..<n where random.next() % k == 0 { v.set(r, valid: false) }
            return v
        }
        let communes = ["Mauguio", "Carnon", "La Grande-Motte", "Pérols", "Lansargues", "Mudaison", "Saint-Aunès", "Valergues", "Candillargues", "Palavas"]
        var commune = StringColumnBuilder()
        for _ in 0..<n { commune.append(communes[Int(random.next() % UInt64(communes.count))]) }
        var note = StringArena()
        for r in 0..<n { note.append(r % 13 == 0 ? "" : "note \(r) « é » \u{1F600}\tfin\n") }
        let days = (0..<n).map { _ in Int32(truncatingIfNeeded: Int64(random.next() % 80_000) - 30_000) }
        return Table(columnNames: ["id", "commune", "note", "montant", "ratio", "actif", "jour", "instant", "grand"], columns: [
            Column(.int64((0..<n).map { Int64($0) })),
            Column(.string(commune.build()), validity: nulls(every: 9)),
            Column(.string(StringColumn(storage: .plain(note))), validity: nulls(every: 17)),
            Column(.decimal((0..<n).map { _ in Int64(bitPattern: random.next()) % 1_000_000_000_000 }, scale: 2), validity: nulls(every: 11)),
            Column(.double((0..<n).map { _ in Double(Int64(bitPattern: random.next()) % 1_000_000) / 997 })),
            Column(.bool((0..<n).map { _ in random.next() % 2 == 0 }), validity: nulls(every: 5)),
            Column(.date(days), validity: nulls(every: 23)),
            Column(.timestamp(days.map { Int64($0) * CivilCalendar.microsecondsPerDay + Int64(random.next() % 86_400_000_000) })),
            Column(.int64((0..<n).map { r in r == 0 ? Int64.max : r == 1 ? Int64.min : Int64(bitPattern: random.next()) })),
        ])
    }()

    func written(_ table: Table, rowGroupRows: Int = 1_000, pageRows: Int = 300, codec: Int = ParquetCodec.snappy) throws -> String {
        let path = try ScratchFolder.make("carnet-parquet") + "/t.parquet"
        _ = try ParquetWriter.write(table, to: path, codec: codec, rowGroupRows: rowGroupRows, pageRows: pageRows)
        return path
    }

    @Test(arguments: [ParquetCodec.snappy, ParquetCodec.zstd, ParquetCodec.gzip, ParquetCodec.uncompressed])
    func carnetReadsBackWhatItWrote(_ codec: Int) throws {
        let path = try written(Self.table, codec: codec)
        let (back, report) = try TableReaders.load(path: path)
        #expect(report.format == "Parquet, 3 row groups, \(ParquetCodec.name(codec))")
        #expect(back.dump == Self.table.dump)
    }

    /// What DuckDB reads, as the canonical text of the fixtures' expected files.
    static let duckdb = """
        import sys, duckdb, decimal, datetime
        con = duckdb.connect()
        con.execute("SET TimeZone='UTC'")
        rel = con.sql(f"SELECT * FROM read_parquet('{sys.argv[1]}')")
        names = [c[0] for c in rel.description]
        kinds = {'BIGINT': 'integer', 'DOUBLE': 'double', 'BOOLEAN': 'boolean', 'DATE': 'date', 'TIMESTAMP': 'timestamp', 'VARCHAR': 'text'}
        def kind(t):
            if str(t).startswith('DECIMAL'): return 'decimal(%s)' % str(t).rstrip(')').split(',')[1]
            return kinds.get(str(t), str(t))
        types = [kind(t) for t in rel.types]
        def cell(v):
            if v is None: return '\\\\N'
            if isinstance(v, bool): return 'true' if v else 'false'
            if isinstance(v, float): return repr(v)
            if isinstance(v, datetime.datetime): return v.strftime('%Y-%m-%dT%H:%M:%S.%f')
            if isinstance(v, datetime.date): return v.isoformat()
            if isinstance(v, str): return v.replace('\\\\', '\\\\\\\\').replace('\\t', '\\\\t').replace('\\n', '\\\\n').replace('\\r', '\\\\r')
            return str(v)
        print('\\t'.join(names)); print('\\t'.join(types))
        for row in rel.fetchall(): print('\\t'.join(cell(v) for v in row))
        """

    @Test func duckDBReadsEveryValueWithItsType() throws {
        let path = try written(Self.table)
        let out = try Python3.runInTestVenv(Self.duckdb, arguments: [path])
        let tsv = TemporaryFile.write(out, name: "duckdb.tsv")
        let seen = try ExpectedTSV(path: tsv)
        #expect(seen.names == Self.table.columnNames)
        #expect(seen.types == Self.table.columns.map(\.type.description))
        try #require(seen.rows.count == Self.table.rowCount)
        var mismatches = 0
        for (c, column) in Self.table.columns.enumerated() {
            for r in 0..<Self.table.rowCount where !ParquetReaderTests.cell(column, r, equals: seen.rows[r][c]) {
                mismatches += 1
                if mismatches <= 10 { Issue.record("row \(r + 1), \(Self.table.columnNames[c]): DuckDB read \(seen.rows[r][c] ?? "NULL"), Carnet wrote \(column.value(at: r))") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func anEmptyTableAndAnAllNullColumnRoundTrip() throws {
        let empty = Table(columnNames: ["id", "nom"], columns: [Column(.int64([])), Column(.string(StringColumn([String]())))])
        let (back, _) = try TableReaders.load(path: try written(empty))
        #expect(back.columnNames == ["id", "nom"] && back.rowCount == 0 && back.types == [.int64, .string])
        var builder = StringColumnBuilder()
        for _ in 0..<5 { builder.appendNull() }
        let blank = Table(columnNames: ["vide", "n"], columns: [Column(.string(builder.build()), validity: ValidityBitmap(count: 5, valid: false)),
                                                                 Column(.double([1, 2, 3, 4, 5]))])
        let (again, _) = try TableReaders.load(path: try written(blank))
        #expect(again.dump == blank.dump)
    }

    @Test func theExportIsChosenByItsExtensionAndLeavesNoTemporary() throws {
        #expect(TableFileWriters.writer(forExtension: "PARQUET") == ParquetWriter.self)
        let folder = try ScratchFolder.make("carnet-parquet")
        let bytes = try ParquetWriter.write(Self.table, sheet: "t", to: folder + "/t.parquet")
        #expect(bytes == TemporaryFile.read(folder + "/t.parquet")?.count)
        #expect(POSIXFile.names(in: folder) == ["t.parquet"])
        #expect(throws: LoadError.self) { try ParquetWriter.write(Self.table, sheet: "t", to: folder + "/absent/t.parquet") }
    }
}
