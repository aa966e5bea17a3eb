import CarnetEngine
import Foundation

/// Whether a cell's text is a value of its field's Table Schema type and format, by the rules
/// frictionless applies (Python's `Decimal`, `int` and `strptime` lexical forms), and the value
/// constraints compare.
enum FieldTypeCheck {
    /// The number a numeric cell stands for, after `bareNumber`, `groupChar` and `decimalChar`;
    /// nil when the text is not one.
    static func number(_ text: String, _ field: TableSchema.Field, integer: Bool) -> Double? {
        var cell = text
        if !field.bareNumber {
            // Text around the number (`€ 95`, `95 %`) is allowed and dropped.
            let scalars = Array(cell.unicodeScalars)
            let isPart: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || $0 == "-" || $0 == "+" || (!integer && (String($0) == field.decimalChar)) }
            guard let first = scalars.firstIndex(where: isPart), let last = scalars.lastIndex(where: { ("0"..."9").contains($0) }) else { return nil }
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars[first...last])
            cell = String(kept)
        }
        if !field.groupChar.isEmpty { cell = cell.replacingOccurrences(of: field.groupChar, with: "") }
        if !integer, field.decimalChar != "." {
            guard !cell.contains(".") || field.groupChar == "." else { return nil }
            cell = cell.replacingOccurrences(of: field.decimalChar, with: ".")
        }
        return integer ? pythonInt(cell) : pythonDecimal(cell)
    }

    /// Python's `int(text)`: optional spaces and sign, digits with single underscores between.
    static func pythonInt(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        var digits = Substring(t)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.first != "_", digits.last != "_", !digits.contains("__"),
              digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }) else { return nil }
        return Double(asciiDigits(t))
    }

    /// Digits of any script as ASCII (Python reads `１２` as 12), underscores dropped.
    private static func asciiDigits(_ text: String) -> String {
        String(text.compactMap { ch -> Character? in
            if ch == "_" { return nil }
            if !ch.isASCII, let digit = ch.wholeNumberValue, ch.isNumber { return Character(String(digit)) }
            return ch
        })
    }

    /// Python's `Decimal(text)`: the XSD-like decimal form with an optional exponent, `NaN` and
    /// `Infinity`; never hexadecimal (`0x10`), never a decimal comma.
    static func pythonDecimal(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        var rest = Substring(t)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let lower = rest.lowercased()
        if ["inf", "infinity", "nan", "snan"].contains(lower) { return lower.hasSuffix("nan") ? Double.nan : Double.infinity }
        guard (try? decimalForm.wholeMatch(in: rest)) != nil else { return nil }
        return Double(asciiDigits(t))
    }

    // Built once: validation checks them on every cell of a column. Never mutated, and matching
    // only reads them, hence nonisolated(unsafe) (Regex is not marked Sendable).
    nonisolated(unsafe) private static let decimalForm = /^(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/
    nonisolated(unsafe) private static let isoForm = /^(\d{4})-?(\d\d)-?(\d\d)(?:[T ](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,]\d+)?)?)?(Z|[+-]\d\d(?::?\d\d)?)?)?$/
    nonisolated(unsafe) private static let emailForm = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
    nonisolated(unsafe) private static let uriForm = /^[A-Za-z][A-Za-z0-9+.\-]*:\/\/[^\s\/?#]+[^\s]*$/

    /// Why the text is not of the field's type, or nil.
    static func problem(_ text: String, _ field: TableSchema.Field) -> String? {
        let ok: Bool
        switch field.type {
        case "string":
            ok = stringFormat(text, field.format)
        case "number":
            ok = number(text, field, integer: false) != nil
        case "integer":
            ok = number(text, field, integer: true) != nil
        case "boolean":
            ok = field.trueValues.contains(text) || field.falseValues.contains(text)
        case "date":
            ok = temporal(text, format: field.format, default: "%Y-%m-%d", any: { ValueCasting.parse($0, as: .date) != nil })
        case "time":
            ok = temporal(text, format: field.format, default: "%H:%M:%S", any: { (try? /^\d{1,2}:\d\d(:\d\d(\.\d+)?)?$/.wholeMatch(in: $0)) != nil })
        case "datetime":
            ok = field.format == nil || field.format == "default" ? isoDatetime(text)
                : temporal(text, format: field.format, default: "", any: { isoDatetime($0) || ValueCasting.parse($0, as: .timestamp) != nil })
        case "year":
            ok = text.count == 4 && Int(text) != nil && Int(text)! >= 0
        case "yearmonth":
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            ok = parts.count == 2 && Int(parts[0]) != nil && (Int(parts[1]).map { (1...12).contains($0) } ?? false)
        case "geopoint":
            ok = geopoint(text, format: field.format)
        case "geojson":
            ok = json(text).map { value in
                guard let object = value as? [String: Any], let type = object["type"] as? String else { return false }
                return field.format == "topojson" ? type == "Topology" : geoJSONTypes.contains(type)
            } ?? false
        case "object":
            ok = json(text) is [String: Any]
        case "array":
            ok = json(text) is [Any]
        case "duration":
            ok = (try? /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/.wholeMatch(in: text)) != nil
        default:
            ok = true
        }
        if ok { return nil }
        // frictionless's note: a format of text is part of the type (`string/email`).
        if field.type == "string", let format = field.format { return "type (string/\(format))" }
        return "type (\(field.type))"
    }

    static let geoJSONTypes: Set<String> = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                                           "GeometryCollection", "Feature", "FeatureCollection"]

    private static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private static func stringFormat(_ text: String, _ format: String?) -> Bool {
        switch format {
        case "email":
            return (try? emailForm.wholeMatch(in: text)) != nil
        case "uri":
            return (try? uriForm.wholeMatch(in: text)) != nil
        case "uuid":
            // As Python's uuid.UUID reads it: braces, urn:uuid: and hyphens dropped, 32 hex digits.
            var hex = text
            if hex.lowercased().hasPrefix("urn:uuid:") { hex = String(hex.dropFirst(9)) }
            hex = hex.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "-", with: "")
            return hex.count == 32 && hex.allSatisfy(\.isHexDigit)
        case "binary":
            let kept = text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }
            return kept.count % 4 == 0 && Data(base64Encoded: kept) != nil
        default:
            return true
        }
    }

    private static func temporal(_ text: String, format: String?, default pattern: String, any: (String) -> Bool) -> Bool {
        switch format {
        case nil, "default": return StrptimePattern.cached(pattern)?.matches(text) ?? false
        case "any": return any(text)
        case let format?:
            // A format without a directive is the old `fmt:` style or a mistake: any date then.
            guard format.contains("%") else { return any(text) }
            return StrptimePattern.cached(format.hasPrefix("fmt:") ? String(format.dropFirst(4)) : format)?.matches(text) ?? false
        }
    }

    /// ISO 8601 as dateutil's `isoparse` reads it: a date, then optionally a separator and a
    /// time with an optional zone.
    static func isoDatetime(_ text: String) -> Bool {
        guard let match = try? isoForm.wholeMatch(in: text),
              let y = Int(match.1), let m = Int(match.2), let d = Int(match.3), CivilCalendar.isValid(year: y, month: m, day: d) else { return false }
        if let h = match.4.flatMap({ Int($0) }), h > 24 { return false }
        if let minutes = match.5.flatMap({ Int($0) }), minutes > 59 { return false }
        if let seconds = match.6.flatMap({ Int($0) }), seconds > 60 { return false }
        return true
    }

    private static func geopoint(_ text: String, format: String?) -> Bool {
        var lon: Double?, lat: Double?
        switch format {
        case "array":
            if let pair = json(text) as? [Any], pair.count == 2 { lon = (pair[0] as? NSNumber)?.doubleValue; lat = (pair[1] as? NSNumber)?.doubleValue }
        case "object":
            if let object = json(text) as? [String: Any], object.count == 2 { lon = (object["lon"] as? NSNumber)?.doubleValue; lat = (object["lat"] as? NSNumber)?.doubleValue }
        default:
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            if parts.count == 2 { lon = pythonDecimal(String(parts[0])); lat = pythonDecimal(String(parts[1])) }
        }
        guard let lon, let lat else { return false }
        return (-180...180).contains(lon) && (-90...90).contains(lat)
    }
}
