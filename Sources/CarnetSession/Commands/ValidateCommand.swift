import CarnetEngine
import CarnetIO
import Foundation

/// `validate SOURCE with SCHEMA.json`: checks a table against a Table Schema (schema.data.gouv.fr)
/// and keeps every finding in a table that can be queried, counted and exported.
enum ValidateCommand {
    static let resultTable = "validation_errors"

    /// The rows to validate. A loaded CSV file is read again as written (every cell's text,
    /// rows of any length, blank rows, the header as it is); a sheet again as text, from the
    /// sheet that was loaded; a query's result as its values' text.
    static func rows(_ source: TableSource, session: Session) throws -> SchemaValidator.Rows {
        guard source.query == nil, let entry = session.workspace.entry(named: source.label),
              let path = entry.source, let report = entry.report else {
            return SchemaValidator.Rows(try source.table(in: session).0)
        }
        // Parquet stores typed values, not text: its values are what the file says.
        if report.reader == ParquetReader.formatName { return SchemaValidator.Rows(entry.table) }
        if report.reader == CSVReader.formatName {
            var dialect = report.dialect
            if dialect.encoding == .utf8BOM { dialect.encoding = .utf8 }
            let raw = try RawDelimitedRows(path: session.resolve(path), dialect: dialect, skip: report.skipped).rows
            guard dialect.hasHeader, let first = raw.first else { return SchemaValidator.Rows(header: [], headerNumber: 1, rows: raw) }
            return SchemaValidator.Rows(header: first.cells, headerNumber: first.number, rows: Array(raw.dropFirst()))
        }
        return SchemaValidator.Rows(try rawTable(source, session: session))
    }

    static func rawTable(_ source: TableSource, session: Session) throws -> Table {
        guard source.query == nil, let entry = session.workspace.entry(named: source.label),
              let path = entry.source, let report = entry.report else {
            return try source.table(in: session).0
        }
        // The file again, every column as text and read as it was: same dialect, same sheet.
        var options = LoadOptions(sheet: report.sheet)
        options.hasHeader = report.dialect.hasHeader
        for name in entry.table.columnNames { options.types[name] = .string }
        if report.sheet == nil {
            options.delimiter = report.dialect.delimiter
            options.decimalMark = report.dialect.decimalMark
            options.encoding = report.dialect.encoding == .utf8BOM ? .utf8 : report.dialect.encoding
        }
        return try TableReaders.load(path: session.resolve(path), options: options).0
    }

    /// `validate NAME` without a schema: the catalogue's schemas that match its header.
    static func suggest(_ source: TableSource, session: Session) throws -> CommandOutput {
        let header = try rows(source, session: session).header
        let suggestions = SchemaCatalogue.suggestions(for: header)
        let say = ValidationWords(locale: session.settings.locale)
        guard let best = suggestions.first else { return .text(say.noSuggestion(source.label, known: SchemaCatalogue.names.count)) }
        var lines = [say.closest(source.label)]
        let width = suggestions.prefix(3).map(\.name.count).max() ?? 0
        for s in suggestions.prefix(3) {
            var line = "  " + s.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + say.fieldsMatched(s.matched, s.fields) + "  \(s.title)"
            if !s.missing.isEmpty, s.missing.count <= 4 { line += say.missing(s.missing) }
            lines.append(line)
        }
        lines.append(say.useFirst(source.label, best.name))
        return .text(lines.joined(separator: "\n"))
    }

    static let options: [OptionSpec] = [
        OptionSpec("report", .path("FILE.json"), help: "also write the findings as a frictionless (Validata) JSON report"),
    ]

    static let spec: CommandSpec = CommandSpec(
        name: "validate",
        synopsis: "validate NAME|(SELECT …) [with SCHEMA.json|SCHEMA-NAME [report=FILE.json]]",
        summary: "check a file against a Table Schema as frictionless does (header, row shapes, types and formats, required, unique, enum, pattern, bounds, lengths, primary key)",
        details: "Prints a summary of the errors by kind and field, and keeps them all in the table `validation_errors`\n(row, field, value, error): count it, query it, export it.\nThe schemas Carnet ships (SCDL subventions, budget, équipements; DAE; CNIG sites économiques) are named\nwithout a file (`with scdl-subventions-2.1.1`); `validate NAME` alone suggests the closest ones.\nreport=FILE.json also writes a frictionless (Validata) report.",
        examples: ["validate dae with schemas/dae.json", "validate subventions", "validate subventions with scdl-subventions-2.1.1 report=rapport.json",
                   "count validation_errors by field, error"],
        recorded: true,
        // A catalogue name (`with scdl-subventions-2.1.1`) is no path to rewrite.
        pathWords: { words in words.indices.filter { $0 > 0 && words[$0 - 1].isKeyword("with") && SchemaCatalogue.path(for: words[$0].text) == nil } },
        complete: { words in words.count <= 2 ? .tableName : (words.count == 3 ? .words(["with"]) : words.count == 4 ? .path : .words(options.keys)) },
        options: options,
        run: { session, invocation in
            let (text, offset) = invocation.argumentText
            let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
            let words = try CommandWords.split(source.rest)
            if words.isEmpty { return try suggest(source, session: session) }
            guard words.count >= 2, words[0].isKeyword("with") else {
                throw CommandError("validate needs `with SCHEMA.json`", hint: "usage: \(spec.synopsis)", position: source.restOffset)
            }
            var given = ParsedOptions(command: "validate", declared: options)
            for word in words.dropFirst(2) { try given.add(word, base: source.restOffset) }
            let schema = try TableSchema(path: SchemaCatalogue.path(for: words[1].text) ?? session.resolve(words[1].text))
            // A loaded file is validated as written, not as loading typed and cleaned it.
            let input = try rows(source, session: session)
            let findings = SchemaValidator(schema: schema).validate(input)
            let say = ValidationWords(locale: session.settings.locale)

            var rows: [Int64] = [], rowValid = ValidityBitmap()
            var fields = StringColumnBuilder(), values = StringColumnBuilder(), errors = StringColumnBuilder()
            var valueValid = ValidityBitmap()
            for f in findings {
                rows.append(Int64(f.row ?? 0)); rowValid.append(f.row != nil)
                fields.append(f.field)
                if let v = f.value { values.append(v); valueValid.append(true) } else { values.appendNull(); valueValid.append(false) }
                errors.append(f.error)
            }
            let errorTable = Table(columnNames: ["row", "field", "value", "error"],
                                   columns: [Column(.int64(rows), validity: rowValid), Column(.string(fields.build())),
                                             Column(.string(values.build()), validity: valueValid), Column(.string(errors.build()))])
            session.workspace.put(NamedTable(name: resultTable, table: errorTable, source: nil, report: nil))
            var wrote: String?
            if let reportPath = given.text("report") {
                let entry = source.query == nil ? session.workspace.entry(named: source.label) : nil
                let place = entry?.source ?? source.label
                let bytes = entry?.source.flatMap { FileManager.default.contents(atPath: session.resolve($0)).map { [UInt8]($0) } }
                let json = FrictionlessReport.render(findings, schema: schema, rows: input, place: place, fileBytes: bytes)
                try session.checkWritable(reportPath)
                try AtomicFile.write(json, to: session.resolve(reportPath))
                wrote = say.reportWritten(reportPath, errors: findings.count)
            }

            let named = String(words[1].text.split(separator: "/").last ?? "") + (schema.title.map { " (\($0))" } ?? "")
            let unknownChecks = schema.unknownChecks.isEmpty ? [] : [say.unknownChecks(schema.unknownChecks)]
            guard !findings.isEmpty else {
                return .text(([say.valid(source.label, named, rows: input.rows.count, fields: schema.fields.count)] + [wrote].compactMap { $0 } + unknownChecks)
                    .joined(separator: "\n"))
            }
            var counts: [String: Int] = [:]
            var order: [String] = []
            for f in findings {
                let kind = f.error.split(separator: " ").first ?? ""
                let key = f.field.isEmpty ? String(kind) : "\(kind) · \(f.field)"
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
            let summary = order.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }.prefix(15)
                .map { "  \(counts[$0]!)  \($0)" }
            var lines = [say.invalid(source.label, named, errors: findings.count)]
            lines += summary
            if counts.count > 15 { lines.append(say.moreKinds(counts.count - 15)) }
            // Fields are checked by position, as the spec says; by name, the header shows what moved.
            let expected = schema.fields.map(\.name)
            let absent = expected.filter { !input.header.contains($0) }, unknown = input.header.filter { !expected.contains($0) }
            if !absent.isEmpty { lines.append(say.missingFromHeader(absent)) }
            if !unknown.isEmpty { lines.append(say.notInSchema(unknown)) }
            lines.append(say.allErrors(resultTable))
            if let wrote { lines.append(wrote) }
            return .text((lines + unknownChecks).joined(separator: "\n"))
        }
    )
}
