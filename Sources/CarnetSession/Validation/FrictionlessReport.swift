import CarnetEngine
import CarnetIO
import Crypto
import Foundation

/// A validation's findings as a frictionless report (`validate … with report=FILE.json`), the
/// JSON Validata and `frictionless validate --json` write: the verdict, stats (rows, fields,
/// hashes of the file) and each error with its type, row, field and note, so that tools built
/// on frictionless read Carnet's reports.
enum FrictionlessReport {
    static func render(_ findings: [SchemaValidator.Finding], schema: TableSchema, rows: SchemaValidator.Rows,
                       place: String, fileBytes: [UInt8]?) -> String {
        var cellsByRow: [Int: [String]] = [:]
        for row in rows.rows { cellsByRow[row.number] = row.cells }
        let errors = findings.map { error($0, schema: schema, labels: rows.header, cells: $0.row.flatMap { cellsByRow[$0] } ?? []) }
        var stats: [String: Any] = ["errors": errors.count, "warnings": 0, "seconds": 0, "fields": schema.fields.count, "rows": rows.rows.count]
        if let fileBytes {
            stats["bytes"] = fileBytes.count
            stats["md5"] = hex(Insecure.MD5.hash(data: fileBytes))
            stats["sha256"] = hex(SHA256.hash(data: fileBytes))
        }
        let name = String(place.split(separator: "/").last?.split(separator: ".").first ?? "data").lowercased()
        let task: [String: Any] = [
            "name": name.isEmpty ? "data" : name, "type": "table", "valid": findings.isEmpty, "place": place,
            "labels": rows.header, "stats": stats, "warnings": [String](), "errors": errors,
        ]
        let report: [String: Any] = [
            "valid": findings.isEmpty, "stats": ["tasks": 1, "errors": errors.count, "warnings": 0, "seconds": 0],
            "warnings": [String](), "errors": [[String: Any]](), "tasks": [task],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// One finding as a frictionless error descriptor: its type, title, tags and note, and the
    /// row, cell and label properties its kind has.
    static func error(_ f: SchemaValidator.Finding, schema: TableSchema, labels: [String], cells: [String]) -> [String: Any] {
        let kind = String(f.error.split(separator: " ").first ?? "")
        let fieldNumber = f.fieldNumber ?? 0
        var e: [String: Any] = [:]
        switch kind {
        case "missing-label", "extra-label", "incorrect-label", "blank-label", "duplicate-label":
            e["type"] = kind
            e["tags"] = ["#table", "#header", "#label"]
            e["labels"] = labels
            e["label"] = f.value ?? ""
            e["rowNumbers"] = [1]
            e["fieldName"] = kind == "extra-label" ? "" : f.field
            e["fieldNumber"] = fieldNumber
            e["note"] = ""
        case "blank-row", "primary-key":
            e["type"] = kind
            e["tags"] = ["#table", "#row"]
            e["note"] = kind == "primary-key" ? "the same as in the row or empty" : ""
        case "extra-cell", "missing-cell", "type", "unique", "required", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength":
            e["tags"] = ["#table", "#row", "#cell"]
            e["cell"] = f.value ?? ""
            e["fieldName"] = kind == "extra-cell" ? "" : f.field
            e["fieldNumber"] = fieldNumber
            switch kind {
            case "type":
                e["type"] = "type-error"
                let field = schema.fields.first { $0.name == f.field }
                e["note"] = "type is \"\(field?.type ?? "any")/\(field?.format ?? "default")\""
            case "unique":
                e["type"] = "unique-error"
                e["note"] = "the same as in the row at position \(f.error.split(separator: " ").last?.dropLast() ?? "")"
            case "extra-cell", "missing-cell":
                e["type"] = kind
                e["note"] = ""
            default:
                e["type"] = "constraint-error"
                e["note"] = "constraint \"\(kind)\" is \"\(constraintValue(kind, schema.fields.first { $0.name == f.field }))\""
            }
        default:
            // Validata's checks: a row constraint named after the check.
            e["type"] = "row-constraint"
            e["tags"] = ["#table", "#row"]
            e["note"] = "\(f.error): \(f.field)" + (f.value.map { " = \($0)" } ?? "")
        }
        if let row = f.row {
            e["rowNumber"] = row
            e["cells"] = cells
        }
        let (title, description) = titles[e["type"] as! String] ?? ("Error", "")
        e["title"] = title
        e["description"] = description
        e["message"] = message(e, f)
        return e
    }

    private static func constraintValue(_ kind: String, _ field: TableSchema.Field?) -> String {
        guard let field else { return "" }
        switch kind {
        case "required": return "True"
        case "enum": return "[" + (field.enumeration ?? []).map { "'\($0)'" }.joined(separator: ", ") + "]"
        case "pattern": return field.pattern ?? ""
        case "minimum": return field.minimumText ?? ""
        case "maximum": return field.maximumText ?? ""
        case "minLength": return field.minLength.map(String.init) ?? ""
        case "maxLength": return field.maxLength.map(String.init) ?? ""
        default: return ""
        }
    }

    private static func message(_ e: [String: Any], _ f: SchemaValidator.Finding) -> String {
        let note = e["note"] as? String ?? ""
        let row = f.row.map(String.init) ?? ""
        switch e["type"] as? String ?? "" {
        case "type-error": return "Type error in the cell \"\(f.value ?? "")\" in row \"\(row)\" and field \"\(f.field)\" at position \"\(f.fieldNumber ?? 0)\": \(note)"
        case "constraint-error": return "The cell \"\(f.value ?? "")\" in row at position \"\(row)\" and field \"\(f.field)\" at position \"\(f.fieldNumber ?? 0)\" does not conform to a constraint: \(note)"
        case "blank-row": return "Row at position \"\(row)\" is completely blank"
        case "missing-cell": return "Row at position \"\(row)\" has a missing cell in field \"\(f.field)\" at position \"\(f.fieldNumber ?? 0)\""
        case "extra-cell": return "Row at position \"\(row)\" has an extra value in field at position \"\(f.fieldNumber ?? 0)\""
        case "missing-label": return "There is a missing label in the header's field \"\(f.field)\" at position \"\(f.fieldNumber ?? 0)\""
        case "extra-label": return "The cell \"\(f.value ?? "")\" in row at position \"1\" and field \"\" at position \"\(f.fieldNumber ?? 0)\" is an extra label"
        case "incorrect-label": return "Label \"\(f.value ?? "")\" in the header at position \"\(f.fieldNumber ?? 0)\" is incorrect: expected \"\(f.field)\""
        default: return "\(e["title"] as? String ?? "Error") in row \"\(row)\": \(note)"
        }
    }

    static let titles: [String: (String, String)] = [
        "type-error": ("Type Error", "The value does not match the schema type and format for this field."),
        "constraint-error": ("Constraint Error", "A field value does not conform to a constraint."),
        "unique-error": ("Unique Error", "This field is a unique field but it contains a value that has been used in another row."),
        "primary-key": ("Primary Key Error", "Values in the primary key fields should be unique for every row"),
        "blank-row": ("Blank Row", "This row is empty. A row should contain at least one value."),
        "extra-cell": ("Extra Cell", "This row has more values compared to the header row (the first row in the data source)."),
        "missing-cell": ("Missing Cell", "This row has less values compared to the header row (the first row in the data source)."),
        "missing-label": ("Missing Label", "Based on the schema there should be a label that is missing in the data's header."),
        "extra-label": ("Extra Label", "The header of the data source contains label that does not exist in the provided schema."),
        "incorrect-label": ("Incorrect Label", "One of the data source header does not match the field name defined in the schema."),
        "blank-label": ("Blank Label", "A label in the header row is missing a value. Label should be provided and not be blank."),
        "duplicate-label": ("Duplicate Label", "Two columns in the header row have the same value. Column names should be unique."),
        "row-constraint": ("Row Constraint", "The value does not conform to the row constraint."),
    ]
}
