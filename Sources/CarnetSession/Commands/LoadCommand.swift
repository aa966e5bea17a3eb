import CarnetEngine
import CarnetIO

/// `load PATH [as NAME] [with OPTION=VALUE …]`: reads a CSV/TSV file or a workbook's sheet into a table.
enum LoadCommand {
    static let options: [OptionSpec] = [
        OptionSpec("delimiter", .text("CHAR"), aliases: ["delim", "sep", "separator"], help: ", ; | or tab"),
        OptionSpec("decimal", .choice([",", "."]), help: "the decimal mark"),
        OptionSpec("encoding", .suggested(["utf8", "cp1252", "latin1"], placeholder: "utf8|cp1252|latin1"), help: "cp1252 is Windows-1252"),
        OptionSpec("header", .flag, help: "whether the first row names the columns"),
        OptionSpec("sheet", .text("NAME|N"), help: "workbooks (.xlsx, .ods): which sheet (`sheets FILE` lists them)"),
        OptionSpec("skip", .wholeNumber, help: "lines (sheet rows) above the header to leave out; 0 keeps a title line"),
        OptionSpec("header_row", .count, aliases: ["headerrow"], help: "the line (sheet row) of the header: skip=N−1"),
        OptionSpec("crs", .suggested(["2154", "4326"], placeholder: "2154|4326"), help: "2154: x/y (or GeoJSON coordinates) in Lambert-93 metres, converted to WGS84 degrees"),
        OptionSpec("schema", .path("SCHEMA.json"), help: "column types from a Table Schema (schema.data.gouv.fr)"),
        OptionSpec("types", .text("COL:TYPE,…"), help: "integer, decimal, decimal(N), double, boolean, date, timestamp, text"),
    ]

    static let spec: CommandSpec = CommandSpec(
        name: "load",
        aliases: ["open-csv"],
        synopsis: "load PATH [as NAME] [with OPTION=VALUE …]",
        summary: "read a CSV, TSV, XLSX, ODS, JSON/GeoJSON/NDJSON or TOTEM budget XML file into a table, sniffing its dialect and column types",
        details: """
        Carnet guesses the delimiter (, ; tab |), the encoding (UTF-8, Windows-1252), the decimal
        mark (1 234,56 or 1,234.56), the header and each column's type, then prints what it chose.
        Codes with leading zeros or of fixed width (INSEE, postcode, SIRET, chapter 011) stay text.
        Options override a guess (types=chapitre:text,montant:decimal).
        The table is named after the file unless `as NAME` is given; loading again replaces it.
        """,
        examples: [
            "load datasets/zae-pays-de-lor.csv as zae",
            "load budget.csv with delimiter=';' decimal=',' types=chapitre:text",
        ],
        recorded: true,
        pathWords: { words in words.isEmpty ? [] : [0] },
        complete: { words in
            if words.count <= 2 { return .path }
            let previous = words[words.count - 2].lowercased()
            if previous == "as" { return .none }
            return .optionKeys(plus: ["as", "with"])
        },
        options: options,
        run: run
    )

    static func run(_ session: Session, _ invocation: Invocation) throws -> CommandOutput {
        var words = invocation.words[...]
        guard let pathWord = words.popFirst() else {
            throw invocation.usage(spec, "load needs a file path")
        }
        var name: String?
        var given = invocation.options(spec)
        while let word = words.popFirst() {
            if word.isKeyword("as") {
                guard let nameWord = words.popFirst() else { throw invocation.usage(spec, "`as` needs a table name") }
                name = nameWord.text
            } else if !word.isKeyword("with") {
                try given.add(word)
            }
        }
        var options = try csvOptions(given, session: session)
        options.sheet = given.text("sheet")
        if let skip = given.count("skip") {
            if given.count("header_row") != nil {
                throw CommandError("give skip= or header_row=, not both", hint: "header_row=N is skip=N−1", position: given.offset("header_row"))
            }
            options.skip = skip
        } else if let row = given.count("header_row") {
            options.skip = row - 1
        }
        var crs: Int?
        if let value = given.text("crs") {
            guard let code = Int(value.replacingEvery("EPSG:", with: "").replacingEvery("epsg:", with: "")),
                  code == 2154 || code == 4326 else {
                throw CommandError("crs can be 2154 (Lambert-93, converted to WGS84) or 4326 (WGS84)", position: given.offset("crs"))
            }
            crs = code
        }
        let path = session.resolve(pathWord.text)
        // The fingerprint is computed beside the load, on whatever core the load leaves idle.
        let fingerprinting = FingerprintTask(path: path)
        options.crs = crs
        let choice = try TableReaders.reader(for: path)
        let reader = choice.reader
        if options.sheet != nil, !reader.holdsSheets {
            throw CommandError("sheet= is for workbooks, and this file is \(reader.formatName)", position: given.offset("sheet"))
        }
        var (table, report) = try TableReaders.load(path: path, with: choice, options: options, monitor: session.loadMonitor)
        // GeoJSON converts its geometries itself; x/y columns are converted here.
        if crs == 2154, reader != JSONReader.self { table = try Coordinates.fromLambert93(table) }
        // Stored with the table, so that `tables` and notebooks see the coordinate warnings too.
        report.notices += Coordinates.warnings(table)
        let tableName = name ?? tableName(forPath: pathWord.text)
        try TableNames.validate(tableName)
        let digest = fingerprinting.result()
        session.workspace.put(NamedTable(name: tableName, table: table, source: pathWord.text, report: report, sha256: digest))
        // Outputs name the file, not its path, so that a notebook moved with its data replays the same.
        let fileName = String(pathWord.text.split(separator: "/").last ?? Substring(pathWord.text))
        let fingerprint = digest.map { String($0.prefix(16)) }
        var blocks: [OutputBlock] = [.message(LoadReportRenderer(locale: session.settings.locale).render(report, name: tableName, displayPath: fileName, fingerprint: fingerprint))]
        if crs == 2154 { blocks.append(.message("  coordinates converted from Lambert-93 (EPSG:2154) to WGS84 degrees")) }
        let french = session.settings.locale == .fr
        blocks += report.notices.map { OutputBlock.warning($0.text(french: french)) }
        if let digest {
            blocks.append(.input(InputRecord(carnet: CarnetVersion.current, file: fileName, sha256: digest, bytes: report.byteCount,
                                             rows: report.rowCount, columns: report.columns.count, options: report.reproducingOptions,
                                             nulls: table.columns.map(\.nullCount))))
        }
        return CommandOutput(blocks)
    }

    /// The reader's options from the checked words: what the declarations cannot check (a
    /// delimiter of one character, an encoding's name, a type's name) is checked here.
    private static func csvOptions(_ given: ParsedOptions, session: Session) throws -> LoadOptions {
        var options = LoadOptions()
        func bad(_ name: String, _ message: String) -> CommandError {
            CommandError(message, hint: "see `help load` for the options", position: given.offset(name))
        }
        if let value = given.text("delimiter") {
            guard let d = CSVDialect.delimiter(userName: value) else { throw bad("delimiter", "delimiter must be one character or tab, not \(quotedText(value))") }
            options.delimiter = d
        }
        if let value = given.text("decimal") { options.decimalMark = value.utf8.first }
        if let value = given.text("encoding") {
            guard let e = TextEncoding(userName: value) else { throw bad("encoding", "unknown encoding \(quotedText(value)): use utf8, cp1252 or latin1") }
            options.encoding = e
        }
        if let header = given.flag("header") { options.hasHeader = header }
        if let value = given.text("types") {
            for item in value.split(separator: ",") {
                guard let colon = item.lastIndex(of: ":") else { throw bad("types", "types takes COLUMN:TYPE pairs separated by commas") }
                let column = String(item[..<colon]).trimmingWhitespace()
                let typeName = String(item[item.index(after: colon)...]).trimmingWhitespace()
                guard let type = DataType(userName: typeName) else {
                    throw bad("types", "unknown type \(quotedText(typeName)): use integer, decimal, double, boolean, date, timestamp or text")
                }
                options.types[column] = type
            }
        }
        if let schema = given.text("schema") {
            options.optionalTypes = try TableSchema(path: session.resolve(schema)).columnTypes
        }
        return options
    }

    /// `datasets/Budget Primitif-2022.csv` → `budget_primitif_2022`.
    static func tableName(forPath path: String) -> String {
        var stem = String(path.split(separator: "/").last ?? Substring(path))
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        return TableNames.identifier(from: stem)
    }
}
