import CarnetEngine
import CarnetIO

/// Checks rows of cell text against a Table Schema as the spec (and frictionless) reads it:
/// the header as written, field by field in order (`missing-label`, `extra-label`,
/// `incorrect-label`, `blank-label`, `duplicate-label`); each row's shape (`blank-row`,
/// `extra-cell`, `missing-cell`); each cell's type and format, the schema's own
/// `missingValues` only, and the constraints (required, unique, enum, pattern, minimum/maximum,
/// min/maxLength) and the primary key. Every finding is a row of an errors table.
struct SchemaValidator {
    struct Finding: Equatable {
        /// The file's row number (the header is row 1); nil for a finding about the header.
        var row: Int?
        var field: String
        var value: String?
        var error: String
        /// The field's position from 1, when the finding is about one field.
        var fieldNumber: Int?
    }

    /// The rows to judge: the header as written, then every row with its number in the file.
    struct Rows {
        var header: [String]
        var headerNumber = 1
        var rows: [RawDelimitedRows.Row]

        /// A table's cells as text (a query's result, a sheet read as text), numbered from 2.
        init(_ table: Table) {
            header = table.columnNames
            rows = (0..<table.rowCount).map { r in
                RawDelimitedRows.Row(number: r + 2, cells: table.columns.map { $0.isNull(r) ? "" : $0.value(at: r).plainText })
            }
        }

        init(header: [String], headerNumber: Int, rows: [RawDelimitedRows.Row]) {
            self.header = header
            self.headerNumber = headerNumber
            self.rows = rows
        }
    }

    let schema: TableSchema

    func validate(_ input: Rows) -> [Finding] {
        var findings: [Finding] = []
        let fields = schema.fields
        let header = input.header
        var seenLabels = Set<String>()
        for (i, label) in header.enumerated() {
            if i >= fields.count {
                findings.append(Finding(row: nil, field: label, value: label, error: "extra-label", fieldNumber: i + 1))
            } else if label.isEmpty {
                findings.append(Finding(row: nil, field: fields[i].name, value: nil, error: "blank-label", fieldNumber: i + 1))
            } else if seenLabels.contains(label) {
                findings.append(Finding(row: nil, field: fields[i].name, value: label, error: "duplicate-label", fieldNumber: i + 1))
            } else if label != fields[i].name {
                findings.append(Finding(row: nil, field: fields[i].name, value: label, error: "incorrect-label", fieldNumber: i + 1))
            }
            seenLabels.insert(label)
        }
        for (i, field) in fields.enumerated().dropFirst(header.count) {
            findings.append(Finding(row: nil, field: field.name, value: nil, error: "missing-label", fieldNumber: i + 1))
        }

        let regexes = fields.map { field in field.pattern.flatMap { try? Regex("^(?:" + $0 + ")$") } }
        var uniques = [[String: Int]](repeating: [:], count: fields.count)
        var keys: [[String]: Int] = [:]
        let keyIndices = schema.primaryKey.compactMap { name in fields.firstIndex { $0.name == name } }
        let hasKey = !keyIndices.isEmpty && keyIndices.count == schema.primaryKey.count
        let keyName = schema.primaryKey.joined(separator: "+")
        // Custom checks read cells by the header's names.
        let position = Dictionary(input.header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for row in input.rows {
            if row.isBlank {
                findings.append(Finding(row: row.number, field: "", value: nil, error: "blank-row"))
                // A blank row has no key, which a primary key forbids (frictionless says both).
                if hasKey { findings.append(Finding(row: row.number, field: keyName, value: nil, error: "primary-key (empty)")) }
                continue
            }
            let width = max(header.count, fields.count)
            for k in width..<max(width, row.cells.count) {
                findings.append(Finding(row: row.number, field: k < header.count ? header[k] : "", value: row.cells[k], error: "extra-cell", fieldNumber: k + 1))
            }
            for (i, field) in fields.enumerated() {
                // A cell whose label is missing is missing too (the header's finding says so).
                guard i < row.cells.count else {
                    if i < header.count {
                        if field.required { findings.append(Finding(row: row.number, field: field.name, value: nil, error: "required", fieldNumber: i + 1)) }
                        findings.append(Finding(row: row.number, field: field.name, value: nil, error: "missing-cell", fieldNumber: i + 1))
                    }
                    continue
                }
                let text = row.cells[i]
                if schema.missingValues.contains(text) {
                    if field.required { findings.append(Finding(row: row.number, field: field.name, value: nil, error: "required", fieldNumber: i + 1)) }
                    continue
                }
                if let problem = FieldTypeCheck.problem(text, field) {
                    findings.append(Finding(row: row.number, field: field.name, value: text, error: problem, fieldNumber: i + 1))
                    continue
                }
                findings += constraintFindings(text, field, regex: regexes[i], row: row.number).map { var f = $0; f.fieldNumber = i + 1; return f }
                if field.unique {
                    if let first = uniques[i][text] {
                        findings.append(Finding(row: row.number, field: field.name, value: text, error: "unique (same as line \(first))", fieldNumber: i + 1))
                    } else {
                        uniques[i][text] = row.number
                    }
                }
            }
            if hasKey {
                let key = keyIndices.map { $0 < row.cells.count ? row.cells[$0] : "" }
                if key.contains(where: { schema.missingValues.contains($0) }) {
                    findings.append(Finding(row: row.number, field: keyName, value: key.joined(separator: ", "), error: "primary-key (empty)"))
                } else if let first = keys[key] {
                    findings.append(Finding(row: row.number, field: keyName, value: key.joined(separator: ", "), error: "primary-key (same as line \(first))"))
                } else {
                    keys[key] = row.number
                }
            }
            for check in schema.customChecks {
                let failure = check.failure { name in
                    guard let at = position[name], at < row.cells.count else { return nil }
                    return schema.missingValues.contains(row.cells[at]) ? "" : row.cells[at]
                }
                if let failure {
                    findings.append(Finding(row: row.number, field: failure.field, value: failure.value, error: check.name, fieldNumber: position[failure.field].map { $0 + 1 }))
                }
            }
        }
        return findings
    }

    private func constraintFindings(_ text: String, _ field: TableSchema.Field, regex: Regex<AnyRegexOutput>?, row: Int) -> [Finding] {
        var out: [Finding] = []
        func add(_ error: String) { out.append(Finding(row: row, field: field.name, value: text, error: error)) }
        let numeric = field.type == "number" || field.type == "integer"
        let number = numeric ? FieldTypeCheck.number(text, field, integer: field.type == "integer") : nil
        if let values = field.enumeration {
            let inEnum = number.map { n in values.contains { FieldTypeCheck.pythonDecimal($0) == n } } ?? values.contains(text)
            if !inEnum { add("enum") }
        }
        if let regex, (try? regex.wholeMatch(in: text)) == nil { add("pattern") }
        if let number {
            // `!(≥)`: NaN is within no bounds, as frictionless finds.
            if let min = field.minimum, !(number >= min) { add("minimum") }
            if let max = field.maximum, !(number <= max) { add("maximum") }
        } else if ["date", "datetime", "year", "yearmonth", "time"].contains(field.type), field.format == nil || field.format == "default" {
            // ISO text sorts as the values do.
            if let min = field.minimumText, text < min { add("minimum") }
            if let max = field.maximumText, text > max { add("maximum") }
        }
        let length = text.unicodeScalars.count
        if let min = field.minLength, length < min { add("minLength") }
        if let max = field.maxLength, length > max { add("maxLength") }
        return out
    }
}
