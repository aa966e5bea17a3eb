import CarnetEngine

/// What type inference decided for a table: whether its first record is a header, the column
/// names, how each column is read, and what the user should know about it.
struct InferredColumns: Sendable {
    var hasHeader: Bool
    var names: [String]
    var plans: [ColumnPlan]
    /// The decimal mark most numbers use (the file's, or the one the options give).
    var decimalMark: UInt8
    var warnings: [LoadMessage]
}

/// Type inference over cell text, shared by every format: evidence from a sample of records
/// decides each column's type; the first record is a header unless each of its values fits
/// the type of its column; the options' types and header override what the sample says.
enum TypeInference {
    /// Records read to decide the types (the whole table is read later, and a value that does
    /// not fit widens its column).
    static let sampleRecords = 20_000

    /// `delimiter` breaks a tie between decimal marks (`;` files are French; sheets pass `,`).
    /// `storesNumbers`: the cells are a workbook's, whose numbers are numbers (see `ColumnEvidence`).
    static func infer<Cells: CellSource>(_ cells: inout Cells, delimiter: UInt8, options: LoadOptions, path: String,
                                         storesNumbers: Bool = false) throws -> InferredColumns {
        var warnings: [LoadMessage] = []
        // Column names from the first record.
        let width = cells.fieldCount(ofRecord: 0)
        var firstRow: [String] = []
        for f in 0..<width {
            firstRow.append(cells.withField(record: 0, field: f) { String(decoding: $0, as: UTF8.self) })
        }

        // Evidence from the records after the first.
        let sampleEnd = min(cells.recordCount, sampleRecords + 1)
        var evidence = (0..<width).map { k in
            var e = ColumnEvidence(name: "col_\(k + 1)")
            e.storesNumbers = storesNumbers
            return e
        }
        for r in 1..<max(sampleEnd, 1) {
            let n = min(cells.fieldCount(ofRecord: r), width)
            let line = cells.line(ofRecord: r)
            for f in 0..<n {
                cells.withField(record: r, field: f) { evidence[f].observe($0, line: line) }
            }
        }

        // Header: the first row is a header unless every value fits its column's type.
        var hasHeader = options.hasHeader ?? true
        var provisionalMark = preferredMark(evidence, delimiter: delimiter)
        if options.hasHeader == nil {
            let provisional = evidence.map { $0.plan(preferredMark: options.decimalMark ?? provisionalMark).0 }
            let typed = provisional.enumerated().filter { $0.element.type != .string }
            if !typed.isEmpty, sampleEnd > 1 {
                let allFit = typed.allSatisfy { index, plan in
                    var probe = ColumnBuilder(plan: plan, index: index)
                    return cells.withField(record: 0, field: index) { field in
                        NullTokens.isNull(field) ? false : ((try? probe.append(field, line: 0)) != nil)
                    }
                }
                hasHeader = !allFit
            }
        }

        var names: [String]
        if hasHeader {
            names = firstRow
            if let first = names.first, first.hasPrefix("#") {
                let stripped = String(first.drop { $0 == "#" || $0 == " " })
                let prefix = quoted(String(first.prefix(first.count - stripped.count)))
                warnings.append(LoadMessage("the header starts with \(prefix): removed from the first column name",
                                            fr: "l'en-tête commence par \(prefix)\u{A0}: retiré du nom de la première colonne"))
                names[0] = stripped
            }
            names = names.map { $0.trimmingSpaces() }
            warnings += dedupe(&names)
        } else {
            names = (0..<width).map { "col_\($0 + 1)" }
            if sampleEnd > 1 || cells.recordCount == 1 {
                // The first row is data: add it to the evidence.
                let line = cells.line(ofRecord: 0)
                for f in 0..<width {
                    cells.withField(record: 0, field: f) { evidence[f].observe($0, line: line) }
                }
            }
        }
        for f in 0..<width { evidence[f].name = names[f] }

        provisionalMark = preferredMark(evidence, delimiter: delimiter)
        let decimalMark = options.decimalMark ?? provisionalMark
        var plans: [ColumnPlan] = []
        for f in 0..<width {
            var (plan, columnWarnings) = evidence[f].plan(preferredMark: decimalMark)
            let byUser = forcedType(names[f], options.types)
            if let forced = byUser ?? forcedType(names[f], options.optionalTypes) {
                // `decimal` without a scale keeps the scale the sample showed.
                let keepsSampledScale: Bool
                if case .decimal = forced, case .decimal = plan.type { keepsSampledScale = true } else { keepsSampledScale = false }
                if !keepsSampledScale { plan.type = forced }
                plan.forced = true
                plan.note = byUser != nil ? LoadMessage("set by types=", fr: "fixé par types=") : LoadMessage("from the schema", fr: "d'après le schéma")
                columnWarnings = []
            } else if options.geometryColumns.contains(names[f]) {
                plan.type = .geometry
                plan.forced = true
                plan.note = nil
                columnWarnings = []
            }
            plans.append(plan)
            warnings += columnWarnings
        }
        for name in options.types.keys where !names.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw LoadError(path: path, message: "types= names a column \(quoted(name)) that the file does not have",
                            hint: "columns are: " + names.joined(separator: ", "))
        }
        return InferredColumns(hasHeader: hasHeader, names: names, plans: plans, decimalMark: decimalMark, warnings: warnings)
    }

    /// How many records at the top are a title above the header (`Budget primitif 2022`, a
    /// source line, blank rows of a sheet): records with at most one filled cell, or with a
    /// third of the usual count at most, before the first record that looks like the rest.
    static func titleRecords<Cells: CellSource>(_ cells: inout Cells) -> Int {
        let n = min(cells.recordCount, 200)
        guard n >= 3 else { return 0 }
        var filled = [Int](repeating: 0, count: n)
        for r in 0..<n {
            for f in 0..<cells.fieldCount(ofRecord: r) {
                let empty = cells.withField(record: r, field: f) { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
                if !empty { filled[r] += 1 }
            }
        }
        var frequency: [Int: Int] = [:]
        for count in filled where count >= 2 { frequency[count, default: 0] += 1 }
        guard let usual = frequency.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key })?.key else { return 0 }
        var k = 0
        while k < min(10, n - 2), filled[k] == 1 || filled[k] * 3 <= usual { k += 1 }
        return k
    }

    /// The warning for title lines left out.
    static func titleWarning(_ count: Int, first: String, unit: String) -> LoadMessage {
        LoadMessage("the first \(count) \(unit)(s) look like a title above the header (\(quoted(first))): left out — load with skip=0 to keep them",
                    fr: "les \(count) première(s) ligne(s) ressemblent à un titre au-dessus de l'en-tête (\(quoted(first)))\u{A0}: laissées de côté — chargez avec skip=0 pour les garder")
    }

    /// A value that did not fit its column's planned type: the plan takes the wider type, and
    /// the warning to give when the column falls back to text.
    static func widen(_ plan: inout ColumnPlan, for conflict: ColumnTypeConflict, name: String) -> LoadMessage? {
        plan.type = conflict.widerType
        plan.dropsSpreadsheetDates = false
        plan.note = LoadMessage("widened at line \(conflict.line): \(quoted(conflict.text))", fr: "élargi à la ligne \(conflict.line)\u{A0}: \(quoted(conflict.text))")
        guard conflict.widerType == .string else { return nil }
        return LoadMessage("column \(quoted(name)) read as text: line \(conflict.line) holds \(quoted(conflict.text)), which is not like the values before it",
                           fr: "colonne \(quoted(name)) lue comme texte\u{A0}: la ligne \(conflict.line) contient \(quoted(conflict.text)), qui ne ressemble pas aux valeurs d'avant")
    }

    /// What the finished builders say: values that did not fit a forced type, and the cells a
    /// spreadsheet turned into dates (set to NULL, kept for `describe` and `repair`).
    static func rejections(_ builders: [ColumnBuilder], names: [String]) -> (warnings: [LoadMessage], damaged: [LoadReport.DamagedCell]) {
        var warnings: [LoadMessage] = []
        for builder in builders where builder.missingMarkerCount > 0 {
            let texts = builder.missingMarkerTexts.map(quoted).joined(separator: ", ")
            let column = quoted(names[builder.index])
            warnings.append(LoadMessage("column \(column): \(builder.missingMarkerCount) value(s) mean “not available” (\(texts)): read as NULL among the numbers",
                                        fr: "colonne \(column)\u{A0}: \(builder.missingMarkerCount) valeur(s) signifient «\u{A0}non disponible\u{A0}» (\(texts))\u{A0}: lues comme NULL parmi les nombres"))
        }
        for builder in builders where builder.rejectedCount > 0 && builder.plan.forced {
            let first = builder.rejected.first!
            let column = quoted(names[builder.index])
            warnings.append(LoadMessage("column \(column): \(builder.rejectedCount) value(s) are not \(builder.plan.type) and were set to NULL (first at line \(first.line): \(quoted(first.text)))",
                                        fr: "colonne \(column)\u{A0}: \(builder.rejectedCount) valeur(s) ne sont pas de type \(builder.plan.type) et sont passées à NULL (première à la ligne \(first.line)\u{A0}: \(quoted(first.text)))"))
        }
        let damaged = builders.filter { $0.plan.dropsSpreadsheetDates }.flatMap { builder in
            builder.rejected.map { LoadReport.DamagedCell(column: names[builder.index], line: $0.line, text: $0.text) }
        }
        return (warnings, damaged)
    }

    private static func forcedType(_ name: String, _ types: [String: DataType]) -> DataType? {
        types.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// The file's usual decimal mark: whichever convention more values need; `,` breaks a tie
    /// in `;` files (French exports), `.` otherwise.
    private static func preferredMark(_ evidence: [ColumnEvidence], delimiter: UInt8) -> UInt8 {
        let comma = evidence.reduce(0) { $0 + $1.onlyUnder[0] }
        let dot = evidence.reduce(0) { $0 + $1.onlyUnder[1] }
        if comma != dot { return comma > dot ? NumberParser.comma : NumberParser.dot }
        return delimiter == UInt8(ascii: ",") ? NumberParser.dot : (delimiter == UInt8(ascii: ";") ? NumberParser.comma : NumberParser.dot)
    }

    /// Names empty headers `col_N` and numbers duplicates (`nom`, `nom_2`).
    static func dedupe(_ names: inout [String]) -> [LoadMessage] {
        var warnings: [LoadMessage] = []
        var seen = Set<String>()
        for i in names.indices {
            if names[i].isEmpty {
                names[i] = "col_\(i + 1)"
                warnings.append(LoadMessage("column \(i + 1) has no name in the header: named \(names[i])",
                                            fr: "la colonne \(i + 1) n'a pas de nom dans l'en-tête\u{A0}: nommée \(names[i])"))
            }
            var candidate = names[i]
            var k = 2
            while seen.contains(candidate.lowercased()) {
                candidate = "\(names[i])_\(k)"
                k += 1
            }
            if candidate != names[i] {
                warnings.append(LoadMessage("column \(i + 1) repeats the name \(quoted(names[i])): renamed \(candidate)",
                                            fr: "la colonne \(i + 1) répète le nom \(quoted(names[i]))\u{A0}: renommée \(candidate)"))
                names[i] = candidate
            }
            seen.insert(candidate.lowercased())
        }
        return warnings
    }
}
