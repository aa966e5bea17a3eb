import CarnetEngine

/// The cells of a sheet as texts in rows (nil: an empty cell), read into a table by the same
/// type inference and column builders as CSV text, without a detour through a CSV file.
/// Formats that hold grids (XLSX, and those to come) hand their cells here.
struct CellGrid: CellSource {
    var rows: [[String?]]
    let width: Int

    init(rows: [[String?]]) {
        self.rows = rows
        width = rows.map(\.count).max() ?? 0
    }

    var recordCount: Int { rows.count }
    func fieldCount(ofRecord r: Int) -> Int { width }
    /// Rows are counted from the grid's first row (the header is line 1).
    func line(ofRecord r: Int) -> Int { r + 1 }

    mutating func withField<R>(record r: Int, field f: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = f < rows[r].count ? rows[r][f] ?? "" : ""
        return try text.withUTF8(body)
    }

    /// What reading the grid gave, for the format's load report.
    struct Loaded {
        var table: Table
        var inferred: InferredColumns
        var warnings: [LoadMessage]
        var damaged: [LoadReport.DamagedCell]
        var rereads: Int
    }

    /// The table: types inferred from the first rows, then each column built from all rows; a
    /// value that does not fit widens its column, which is built again (only that column).
    mutating func table(options: LoadOptions, path: String, monitor: LoadMonitor) throws -> Loaded {
        guard !rows.isEmpty, width > 0 else { throw LoadError(path: path, message: "the sheet has no cell") }
        var inferred = try TypeInference.infer(&self, delimiter: UInt8(ascii: ","), options: options, path: path, storesNumbers: true)
        let first = inferred.hasHeader ? 1 : 0
        var builders: [ColumnBuilder] = []
        var warnings: [LoadMessage] = []
        var rereads = 0
        for c in 0..<width {
            if monitor.isCancelled() { throw LoadInterrupted() }
            while true {
                var builder = ColumnBuilder(plan: inferred.plans[c], index: c)
                builder.reserveCapacity(rows.count - first)
                do {
                    for r in first..<rows.count {
                        if c < rows[r].count, let cell = rows[r][c] {
                            var text = cell
                            try text.withUTF8 { try builder.append($0, line: r + 1) }
                        } else {
                            builder.appendNull()
                        }
                    }
                    builders.append(builder)
                    break
                } catch let conflict as ColumnTypeConflict {
                    rereads += 1
                    if let warning = TypeInference.widen(&inferred.plans[c], for: conflict, name: inferred.names[c]) {
                        warnings.append(warning)
                    }
                }
            }
            monitor.progress(c + 1, width)
        }
        let (rejected, damaged) = TypeInference.rejections(builders, names: inferred.names)
        warnings = inferred.warnings + warnings + rejected
        if rows.count == first { warnings.append(LoadMessage("the file has a header but no data rows", fr: "le fichier a un en-tête mais aucune ligne de données")) }
        // The plans as finally read (widened, or with a scale that grew), for the report.
        for c in 0..<width { inferred.plans[c] = builders[c].plan }
        let table = Table(columnNames: inferred.names, columns: builders.map { $0.build() })
        return Loaded(table: table, inferred: inferred, warnings: warnings, damaged: damaged, rereads: rereads)
    }
}

extension CellGrid.Loaded {
    /// The load report of cells read by the `reader` format: the decisions of inference, its
    /// warnings after `before`, and what the format adds (`format`, the dialect it stands for).
    func report(path: String, byteCount: Int, reader: String, format: LoadMessage?, dialect: CSVDialect = CSVDialect(delimiter: UInt8(ascii: ",")),
                warnings before: [LoadMessage] = []) -> LoadReport {
        var dialect = dialect
        dialect.hasHeader = inferred.hasHeader
        dialect.decimalMark = inferred.decimalMark
        var report = LoadReport(
            path: path, byteCount: byteCount, rowCount: table.rowCount, dialect: dialect, formatText: format, lineEnding: "n/a",
            columns: zip(inferred.names, zip(table.columns, inferred.plans)).map {
                LoadReport.ColumnDecision(name: $0.0, type: $0.1.0.type, notice: $0.1.1.note)
            },
            notices: before + warnings, rereads: rereads)
        report.damagedCells = damaged
        report.reader = reader
        return report
    }
}
