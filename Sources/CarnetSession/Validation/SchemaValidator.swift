import CarnetEngine

/// Checks a table against a Table Schema: fields present and in order, each value's type, and
/// the constraints (required, unique, enum, pattern, minimum/maximum, min/maxLength,
/// missingValues, primaryKey). Every finding is a row of an errors table.
struct SchemaValidator {
    struct Finding {
        var row: Int?
        var field: String
        var value: String?
        var error: String
    }

    let schema: TableSchema

    func validate(_ table: Table) -> [Finding] {
        var findings: [Finding] = []
        let names = table.columnNames
        let expected = schema.fields.map(\.name)
        for name in expected where !names.contains(name) {
            findings.append(Finding(row: nil, field: name, value: nil, error: "missing-field"))
        }
        for name in names where !expected.contains(name) {
            findings.append(Finding(row: nil, field: name, value: nil, error: "extra-field"))
        }
        let common = expected.filter { names.contains($0) }
        if names.filter({ expected.contains($0) }) != common {
            findings.append(Finding(row: nil, field: "*", value: nil, error: "field-order"))
        }
        for field in schema.fields {
            guard let index = table.columnIndex(named: field.name), table.columnNames[index] == field.name else { continue }
            let column = table.columns[index]
            let regex = field.pattern.flatMap { try? Regex("^(?:" + $0 + ")$") }
            var seen: [String: Int] = [:]
            for row in 0..<table.rowCount {
                let text = column.isNull(row) ? nil : column.value(at: row).plainText
                // Rows are numbered as in the file: the header is line 1.
                let line = row + 2
                guard let text, !schema.missingValues.contains(text) else {
                    if field.required { findings.append(Finding(row: line, field: field.name, value: nil, error: "required")) }
                    continue
                }
                if let problem = typeProblem(text, field) {
                    findings.append(Finding(row: line, field: field.name, value: text, error: problem))
                    continue
                }
                if let values = field.enumeration, !values.contains(text) {
                    findings.append(Finding(row: line, field: field.name, value: text, error: "enum"))
                }
                if let regex, (try? regex.wholeMatch(in: text)) == nil {
                    findings.append(Finding(row: line, field: field.name, value: text, error: "pattern"))
                }
                if field.type == "number" || field.type == "integer", let v = Double(text) {
                    if let min = field.minimum, v < min { findings.append(Finding(row: line, field: field.name, value: text, error: "minimum")) }
                    if let max = field.maximum, v > max { findings.append(Finding(row: line, field: field.name, value: text, error: "maximum")) }
                }
                if let min = field.minLength, text.count < min { findings.append(Finding(row: line, field: field.name, value: text, error: "minLength")) }
                if let max = field.maxLength, text.count > max { findings.append(Finding(row: line, field: field.name, value: text, error: "maxLength")) }
                if field.unique {
                    if let first = seen[text] { findings.append(Finding(row: line, field: field.name, value: text, error: "unique (same as line \(first))")) } else { seen[text] = line }
                }
            }
        }
        if !schema.primaryKey.isEmpty {
            let indices = schema.primaryKey.compactMap { table.columnIndex(named: $0) }
            if indices.count == schema.primaryKey.count {
                var seen: [[String]: Int] = [:]
                for row in 0..<table.rowCount {
                    let key = indices.map { table.columns[$0].value(at: row).plainText }
                    if let first = seen[key] {
                        findings.append(Finding(row: row + 2, field: schema.primaryKey.joined(separator: "+"), value: key.joined(separator: ", "), error: "primary-key (same as line \(first))"))
                    } else {
                        seen[key] = row + 2
                    }
                }
            }
        }
        return findings
    }

    /// Why the text is not of the field's type, or nil.
    func typeProblem(_ text: String, _ field: TableSchema.Field) -> String? {
        switch field.type {
        case "number":
            return Double(text) == nil || text.contains(",") ? "type (number)" : nil
        case "integer":
            return Int64(text) == nil ? "type (integer)" : nil
        case "boolean":
            return field.trueValues.contains(text) || field.falseValues.contains(text) ? nil : "type (boolean)"
        case "date":
            return ValueCasting.parse(text, as: .date) == nil || !isISODate(text, format: field.format) ? "type (date)" : nil
        case "datetime":
            return ValueCasting.parse(text, as: .timestamp) == nil ? "type (datetime)" : nil
        case "year":
            return text.count == 4 && Int(text) != nil ? nil : "type (year)"
        case "geopoint":
            let parts = text.split(separator: ",").map { Double($0.trimmingWhitespace()) }
            guard parts.count == 2, let a = parts[0], let b = parts[1] else { return "type (geopoint)" }
            // Default format "lon, lat".
            return abs(a) <= 180 && abs(b) <= 90 ? nil : "type (geopoint)"
        default:
            return nil
        }
    }

    private func isISODate(_ text: String, format: String?) -> Bool {
        guard format == nil || format == "default" else { return true }
        return text.count == 10 && text.dropFirst(4).first == "-" && text.dropFirst(7).first == "-"
    }
}
