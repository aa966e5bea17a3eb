import CarnetEngine

/// Validata's French checks, chosen by a schema's `custom_checks` (`french-siret-value`,
/// `one-of-required`…): what schema.data.gouv.fr schemas ask beyond Table Schema. Each check
/// names its columns in `params`; a finding's kind is the check's name, as Validata reports it.
struct CustomCheck {
    var name: String
    var params: [String: Any]

    static let known: Set<String> = ["french-siret-value", "french-siren-value", "one-of-required", "french-gps-coordinates",
                                     "sum-columns-value", "year-interval-value", "phone-number-value", "opening-hours-value"]

    var column: String? { params["column"] as? String }

    /// The columns a row must have for this check.
    var columns: [String] {
        switch name {
        case "one-of-required": return [params["column1"] as? String, params["column2"] as? String].compactMap { $0 }
        case "sum-columns-value": return [column].compactMap { $0 } + (params["columns"] as? [String] ?? [])
        default: return [column].compactMap { $0 }
        }
    }

    /// The finding's value when `row` (cells by column name; missing cells are absent or
    /// empty) fails this check, or nil when it passes or does not apply.
    func failure(_ cell: (String) -> String?) -> (field: String, value: String?)? {
        func filled(_ name: String) -> String? { cell(name).flatMap { $0.isEmpty ? nil : $0 } }
        switch name {
        case "french-siret-value":
            guard let column, let v = filled(column) else { return nil }
            return FrenchIdentifiers.isSIRET(v) ? nil : (column, v)
        case "french-siren-value":
            guard let column, let v = filled(column) else { return nil }
            return FrenchIdentifiers.isSIREN(v) ? nil : (column, v)
        case "one-of-required":
            let names = columns
            guard names.count == 2 else { return nil }
            return names.contains(where: { filled($0) != nil }) ? nil : (names.joined(separator: "+"), nil)
        case "french-gps-coordinates":
            guard let column, let v = filled(column) else { return nil }
            let parts = v.split(separator: ",").map { Double($0.trimmingWhitespace()) }
            guard parts.count == 2, let lon = parts[0], let lat = parts[1] else { return (column, v) }
            return FrenchIdentifiers.isInFrance(lon: lon, lat: lat) ? nil : (column, v)
        case "sum-columns-value":
            guard let column, let total = filled(column).flatMap(FieldTypeCheck.pythonDecimal), let parts = params["columns"] as? [String] else { return nil }
            var sum = 0.0
            for part in parts {
                guard let value = filled(part).flatMap(FieldTypeCheck.pythonDecimal) else { return nil }
                sum += value
            }
            return abs(sum - total) <= 1e-9 * max(1, abs(total)) ? nil : (column, filled(column))
        case "year-interval-value":
            guard let column, let v = filled(column) else { return nil }
            let years = v.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
            let allowYear = (params["allow-year-only"] as? Bool) ?? ((params["allow-year-only"] as? String) == "yes")
            if years.count == 1, allowYear, years[0] != nil, v.count == 4 { return nil }
            guard years.count == 2, let a = years[0], let b = years[1], v.count == 9, a <= b else { return (column, v) }
            return nil
        case "phone-number-value":
            guard let column, let v = filled(column) else { return nil }
            return FrenchIdentifiers.isPhoneNumber(v) ? nil : (column, v)
        case "opening-hours-value":
            guard let column, let v = filled(column) else { return nil }
            return OpeningHours.isValid(v) ? nil : (column, v)
        default:
            return nil
        }
    }
}

/// French identifiers and places that Validata checks.
enum FrenchIdentifiers {
    /// The Luhn checksum of a string of digits.
    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (k, d) in digits.reversed().enumerated() {
            let x = k % 2 == 1 ? d * 2 : d
            sum += x > 9 ? x - 9 : x
        }
        return sum % 10 == 0
    }

    static func digits(_ text: String, count: Int) -> [Int]? {
        let d = text.compactMap(\.wholeNumberValue)
        return d.count == count && text.count == count && text.allSatisfy(\.isASCII) ? d : nil
    }

    static func isSIREN(_ text: String) -> Bool {
        guard let d = digits(text, count: 9) else { return false }
        return luhn(d)
    }

    /// 14 digits with a valid Luhn key; La Poste's establishments (SIREN 356 000 000) use the sum
    /// of the digits modulo 5 instead, as python-stdnum allows.
    static func isSIRET(_ text: String) -> Bool {
        guard let d = digits(text, count: 14), isSIREN(String(text.prefix(9))) else { return false }
        if text.hasPrefix("356000000") { return d.reduce(0, +) % 5 == 0 || luhn(d) }
        return luhn(d)
    }

    /// Metropolitan France with Corsica, and the overseas départements and collectivities.
    static let territories: [(lon: ClosedRange<Double>, lat: ClosedRange<Double>)] = [
        (-5.5...10.0, 41.0...51.5),      // metropolitan France and Corsica
        (-62.0...(-60.5), 15.5...16.6),  // Guadeloupe
        (-61.5...(-60.7), 14.3...15.0),  // Martinique
        (-54.7...(-51.5), 2.0...6.0),    // Guyane
        (55.1...56.0, -21.5...(-20.8)),  // La Réunion
        (44.8...45.4, -13.1...(-12.5)),  // Mayotte
        (-56.5...(-56.0), 46.7...47.2),  // Saint-Pierre-et-Miquelon
        (-63.2...(-62.7), 17.8...18.2),  // Saint-Martin, Saint-Barthélemy
        (163.5...168.2, -22.8...(-19.5)),  // Nouvelle-Calédonie
        (-155.0...(-134.0), -28.0...(-7.0)),  // Polynésie française
        (-178.5...(-175.9), -14.5...(-13.1)),  // Wallis-et-Futuna
    ]

    static func isInFrance(lon: Double, lat: Double) -> Bool {
        territories.contains { $0.lon.contains(lon) && $0.lat.contains(lat) }
    }

    /// A French number as people write it: 10 digits from 0, or +33 and 9 digits, with
    /// optional spaces, dots or hyphens; overseas prefixes (+262, +590…) too.
    static func isPhoneNumber(_ text: String) -> Bool {
        let compact = text.filter { !" .-()".contains($0) }
        if compact.count == 10, compact.hasPrefix("0"), compact.dropFirst().first != "0", compact.allSatisfy(\.isNumber) { return true }
        for prefix in ["+33", "0033", "+262", "+269", "+508", "+590", "+594", "+596", "+681", "+687", "+689"] where compact.hasPrefix(prefix) {
            var rest = compact.dropFirst(prefix.count)
            if rest.first == "0" { rest = rest.dropFirst() }
            let needed = ["+687", "+689", "+681", "+508"].contains(prefix) ? 6 : 9
            return rest.count >= needed && rest.count <= 9 && rest.allSatisfy(\.isNumber) && rest.first != "0"
        }
        return false
    }
}

/// OpenStreetMap `opening_hours` text in its common forms (`Mo-Fr 08:30-12:00,14:00-17:30;
/// Sa 09:00-12:00`, `24/7`, `PH off`), as Validata's check reads them.
enum OpeningHours {
    static func isValid(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        if trimmed == "24/7" { return true }
        let rules = trimmed.split(separator: ";", omittingEmptySubsequences: false).flatMap { $0.split(separator: "||", omittingEmptySubsequences: false) }
        let day = "(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|SH)"
        let days = "\(day)(?:-\(day))?(?:\\[[-0-9,]+\\])?(?:,\(day)(?:-\(day))?)*"
        let time = "(?:[01]?\\d|2[0-4]):[0-5]\\d"
        let span = "\(time)(?:-\(time)\\+?)?"
        let months = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:\\s?\\d{1,2})?(?:-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)?(?:\\s?\\d{1,2})?)?"
        let rule = "^(?:(?:\\d{4}\\s)?\(months)(?:,\(months))*:?\\s)?(?:\(days)(?:\\s|$))?(?:\(span)(?:,\(span))*|off|closed|open)?(?:\\s\"[^\"]*\")?$"
        guard let regex = try? Regex(rule) else { return false }
        return rules.allSatisfy { piece in
            let r = piece.trimmingWhitespace()
            return !r.isEmpty && (try? regex.wholeMatch(in: r)) != nil
        }
    }
}
