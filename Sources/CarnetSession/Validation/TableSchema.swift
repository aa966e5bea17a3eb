import CarnetEngine
import Foundation

/// A Table Schema (the format of schema.data.gouv.fr): fields with types and constraints,
/// the texts that mean "missing", the primary key.
struct TableSchema {
    struct Field {
        var name: String
        var type: String
        var format: String?
        var required = false
        var unique = false
        var enumeration: [String]?
        var pattern: String?
        var minimum: Double?
        var maximum: Double?
        var minLength: Int?
        var maxLength: Int?
        /// Bounds as written, for dates, times and years (compared as their ISO text).
        var minimumText: String?
        var maximumText: String?
        var trueValues = ["true", "True", "TRUE", "1"]
        var falseValues = ["false", "False", "FALSE", "0"]
        /// Numbers: false allows text around the digits (`95 %`, `€ 12`).
        var bareNumber = true
        var decimalChar = "."
        var groupChar = ""
    }

    var fields: [Field]
    var missingValues: [String]
    var primaryKey: [String]
    var title: String?
    /// Validata's checks the schema asks for (`custom_checks`); unknown names are listed in
    /// `unknownChecks` so that the user knows they were not run.
    var customChecks: [CustomCheck] = []
    var unknownChecks: [String] = []

    /// Carnet types for the schema's fields; numbers are left to type inference (decimal or
    /// double), so that money stays exact.
    var columnTypes: [String: DataType] {
        var types: [String: DataType] = [:]
        for f in fields {
            switch f.type {
            case "string": types[f.name] = .string
            case "integer": types[f.name] = .int64
            case "boolean": types[f.name] = .bool
            case "date": types[f.name] = .date
            case "datetime": types[f.name] = .timestamp
            case "year": types[f.name] = .int64
            default: break
            }
        }
        return types
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): no such schema file")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw CommandError("\(path) is not valid JSON: \(error.localizedDescription)", hint: "a Table Schema is a JSON file with a \"fields\" list")
        }
        guard let root = object as? [String: Any], let fieldList = root["fields"] as? [[String: Any]] else {
            throw CommandError("\(path) is not a Table Schema: it has no \"fields\" list")
        }
        title = root["title"] as? String
        for check in root["custom_checks"] as? [[String: Any]] ?? [] {
            guard let name = check["name"] as? String else { continue }
            if CustomCheck.known.contains(name) {
                customChecks.append(CustomCheck(name: name, params: check["params"] as? [String: Any] ?? [:]))
            } else {
                unknownChecks.append(name)
            }
        }
        missingValues = root["missingValues"] as? [String] ?? [""]
        if let key = root["primaryKey"] as? String { primaryKey = [key] } else { primaryKey = root["primaryKey"] as? [String] ?? [] }
        fields = try fieldList.enumerated().map { index, f in
            guard let name = f["name"] as? String else { throw CommandError("\(path): field \(index + 1) has no name") }
            var field = Field(name: name, type: (f["type"] as? String) ?? "string", format: f["format"] as? String)
            let c = f["constraints"] as? [String: Any] ?? [:]
            field.required = c["required"] as? Bool ?? false
            field.unique = c["unique"] as? Bool ?? false
            field.enumeration = (c["enum"] as? [Any])?.map { "\($0)" }
            field.pattern = c["pattern"] as? String
            field.minimum = (c["minimum"] as? NSNumber)?.doubleValue ?? (c["minimum"] as? String).flatMap(Double.init)
            field.maximum = (c["maximum"] as? NSNumber)?.doubleValue ?? (c["maximum"] as? String).flatMap(Double.init)
            field.minimumText = (c["minimum"] as? String) ?? (c["minimum"] as? NSNumber)?.stringValue
            field.maximumText = (c["maximum"] as? String) ?? (c["maximum"] as? NSNumber)?.stringValue
            field.bareNumber = f["bareNumber"] as? Bool ?? true
            field.decimalChar = f["decimalChar"] as? String ?? "."
            field.groupChar = f["groupChar"] as? String ?? ""
            field.minLength = c["minLength"] as? Int
            field.maxLength = c["maxLength"] as? Int
            if let t = f["trueValues"] as? [String] { field.trueValues = t }
            if let v = f["falseValues"] as? [String] { field.falseValues = v }
            return field
        }
    }
}
