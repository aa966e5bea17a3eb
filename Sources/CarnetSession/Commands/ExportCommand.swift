import CarnetIO
import CarnetCharts
import CarnetEngine

/// `export report PATH.html` (the notebook as a page) and `export SOURCE to PATH` (a table as
/// CSV, TSV, JSON, NDJSON, GeoJSON, Markdown, XLSX, ODS or Parquet, chosen by the extension).
enum ExportCommand {
    static let reportOptions: [OptionSpec] = [
        OptionSpec("commands", .flag, help: "report: false hides the commands"),
    ]
    static let tableOptions: [OptionSpec] = [
        OptionSpec("dialect", .choice(["fr", "en", "rfc4180"]), help: "CSV: fr writes ;, decimal commas and a BOM for French Excel"),
        OptionSpec("safe", .flag, help: "prefix text cells starting with = + - or @ with ' (no spreadsheet formulas)"),
        OptionSpec("lat", .column, aliases: ["latitude"], help: "GeoJSON: the latitude column (default: found by name)"),
        OptionSpec("lon", .column, aliases: ["lng", "longitude"], help: "GeoJSON: the longitude column"),
        OptionSpec("background", .text("TABLE"), aliases: ["fond"], help: "HTML map: a table whose outlines (communes) are drawn under the data"),
        OptionSpec("title", .text("TEXT"), help: "HTML map: the title above the map"),
    ]

    static let spec: CommandSpec = CommandSpec(
        name: "export",
        synopsis: "export report PATH.html [with commands=false] | export NAME|(SELECT …) to PATH.csv|.tsv|.json|.ndjson|.geojson|.md|.xlsx|.ods|.parquet|.html [with dialect=fr | safe=true | lat=COL lon=COL | background=TABLE title=TEXT]",
        summary: "write the notebook as a self-contained HTML report, or a table as CSV, TSV, JSON, NDJSON, GeoJSON (for uMap), Markdown, an XLSX/ODS workbook, or Parquet (for DuckDB, polars, pandas)",
        details: "A report shows prose, tables and charts (narrow on phones); `with commands=false` hides the commands; load reports go to its collapsible provenance footer.\nCSV is RFC 4180 in UTF-8 unless dialect=fr.\nGeoJSON: Points from lat/lon columns (found by name, or lat=COL lon=COL), other columns as properties;\nrows without valid coordinates are left out and counted.\nHTML: an interactive map in one file (Leaflet inlined, OpenStreetMap tiles when online, the outlines always).\nFiles are replaced only when the export succeeded (temporary file, then rename).",
        examples: ["export report sessions/budget.html", "export zae to zae.csv with dialect=fr", "export (SELECT * FROM zae WHERE nb_entreprises > 50) to grandes.json"],
        recorded: true,
        pathWords: { words in
            if let first = words.first, first.isKeyword("report") { return words.count > 1 ? [1] : [] }
            return words.indices.filter { $0 > 0 && words[$0 - 1].isKeyword("to") }
        },
        complete: { words in
            if words.count <= 2 { return .tableName }
            let with = words.dropLast().contains { $0.lowercased() == "with" } ? [] : ["with"]
            if words[1].lowercased() == "report" { return words.count == 3 ? .path : .words(with + reportOptions.keys) }
            if words[words.count - 2].lowercased() == "to" { return .path }
            return .words(["to"] + with + tableOptions.keys)
        },
        options: reportOptions + tableOptions,
        run: run
    )

    static func run(_ session: Session, _ invocation: Invocation) throws -> CommandOutput {
        guard let first = invocation.words.first else { throw invocation.usage(spec, "export needs `report PATH.html` or a table and `to PATH`") }
        if first.isKeyword("report") {
            guard invocation.words.count >= 2 else { throw invocation.usage(spec, "export report needs a path") }
            let path = invocation.words[1].text
            guard path.lowercased().hasSuffix(".html") else { throw CommandError("a report is an .html file", position: invocation.words[1].offset) }
            var options = ReportOptions(locale: session.settings.locale, sources: session.workspace.entries)
            var given = ParsedOptions(command: "export report", declared: reportOptions)
            for word in invocation.words.dropFirst(2) where !word.isKeyword("with") { try given.add(word) }
            if let show = given.flag("commands") { options.commands = show }
            try session.checkWritable(path)
            let html = HTMLReport.render(session.document, title: "Carnet", options: options) { chartPath in
                POSIXFile.readText(PathMath.absolute(chartPath, base: session.baseDirectory))
            }
            try AtomicFile.write(html, to: session.resolve(path))
            return .message(SessionWords(locale: session.settings.locale).wroteReport(String(path.split(separator: "/").last ?? ""), bytes: html.utf8.count, commands: session.document.cells.count))
        }
        let (text, offset) = invocation.argumentText
        let source = try TableSource.parse(text, offset: offset, session: session, usage: spec.synopsis)
        var words = try CommandWords.split(source.rest)[...]
        guard let to = words.popFirst(), to.isKeyword("to"), let pathWord = words.popFirst() else {
            throw CommandError("export needs `to PATH`", hint: "usage: \(spec.synopsis)", position: source.restOffset)
        }
        var given = ParsedOptions(command: "export", declared: tableOptions)
        while let word = words.popFirst() {
            if !word.isKeyword("with") { try given.add(word, base: source.restOffset) }
        }
        let french = given.choice("dialect") == "fr"
        let safe = given.flag("safe") ?? false
        let latitude = given.text("lat"), longitude = given.text("lon")
        var (table, warnings) = try source.table(in: session)
        var neutralised = 0
        if safe { (table, neutralised) = FormulaGuard.neutralise(table) }
        let path = pathWord.text
        let format = String(path.split(separator: ".").last ?? "").lowercased()
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let say = SessionWords(locale: session.settings.locale)
        if let writer = TableFileWriters.writer(forExtension: format) {
            // A workbook of one sheet, named after the table.
            try session.checkWritable(path)
            let bytes = try writer.write(table, sheet: source.label == "query" ? String(name.split(separator: ".").first ?? "Feuil1") : source.label,
                                         to: session.resolve(path))
            var blocks: [OutputBlock] = [.message(say.wroteTable(name, say.count(rows: table.rowCount, columns: table.columnCount), bytes: bytes))]
            if neutralised > 0 { blocks.append(.message("  \(neutralised) cell(s) starting with = + - or @ were prefixed with ' so that spreadsheets read them as text")) }
            return CommandOutput(blocks + warnings.map { .warning($0) })
        }
        let contents: String
        var skipped = 0
        switch format {
        case "geojson":
            (contents, skipped) = try GeoJSONWriter.render(table, latitude: latitude, longitude: longitude)
        case "csv": contents = french ? "\u{FEFF}" + FrenchCSV.render(table) : DelimitedTableWriter().render(table)
        case "tsv": contents = DelimitedTableWriter(delimiter: "\t").render(table)
        case "json": contents = JSONTableWriter().render(table) + "\n"
        case "ndjson": contents = JSONTableWriter().lines(table)
        case "md": contents = MarkdownTableRenderer(locale: session.settings.locale).render(table) + "\n"
        case "html", "htm":
            let background = try given.text("background").map { try session.workspace.require($0).table }
            (contents, skipped) = try LeafletMapWriter.render(table, background: background, title: given.text("title") ?? source.label,
                                                              latitude: latitude, longitude: longitude, locale: session.settings.locale)
        default:
            throw CommandError("cannot export to .\(format)", hint: "use .csv, .tsv, .json, .ndjson, .geojson, .md, .xlsx, .ods, .parquet or .html (a map)", position: source.restOffset + pathWord.offset)
        }
        try session.checkWritable(path)
        try AtomicFile.write(contents, to: session.resolve(path))
        var blocks: [OutputBlock] = [.message(say.wroteTable(name, say.count(rows: table.rowCount - skipped, columns: table.columnCount), bytes: contents.utf8.count))]
        if skipped > 0 { blocks.append(.warning(say.leftOutOfGeoJSON(skipped, name))) }
        if neutralised > 0 { blocks.append(.message("  \(neutralised) cell(s) starting with = + - or @ were prefixed with ' so that spreadsheets read them as text")) }
        return CommandOutput(blocks + warnings.map { .warning($0) })
    }
}

/// CSV as French Excel opens it: `;` between fields, decimal commas, dates dd/mm/yyyy.
enum FrenchCSV {
    static func render(_ table: Table) -> String {
        let writer = DelimitedTableWriter(delimiter: ";")
        let formatter = ValueFormatter(locale: .fr, grouping: false)
        var out = table.columnNames.map(writer.escape).joined(separator: ";") + "\r\n"
        for r in 0..<table.rowCount {
            out += table.columns.map { c in
                c.isNull(r) ? "" : writer.escape(c.type == .string ? c.value(at: r).plainText : formatter.format(c.value(at: r)))
            }.joined(separator: ";") + "\r\n"
        }
        return out
    }
}

/// Text cells a spreadsheet would run as formulas (`=`, `+`, `-`, `@` first) get a leading `'`.
enum FormulaGuard {
    static func neutralise(_ table: Table) -> (Table, Int) {
        var count = 0
        let columns = table.columns.map { column -> Column in
            guard case .string = column.buffer else { return column }
            var builder = StringColumnBuilder()
            for row in 0..<column.count {
                if column.isNull(row) { builder.appendNull(); continue }
                let text = column.value(at: row).plainText
                if let first = text.first, "=+-@".contains(first) {
                    builder.append("'" + text)
                    count += 1
                } else {
                    builder.append(text)
                }
            }
            return Column(.string(builder.build()), validity: column.validity)
        }
        return (Table(columnNames: table.columnNames, columns: columns), count)
    }
}
