import CarnetEngine

/// Rules for table names: letters, digits and `_`, not starting with a digit, so that they can
/// be typed unquoted in commands and SQL.
enum TableNames {
    static func identifier(from text: String) -> String {
        var out = ""
        var lastUnderscore = false
        for scalar in TextFolding.stripAccents(text).lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastUnderscore = false
            } else if !lastUnderscore, !out.isEmpty {
                out += "_"
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "t" }
        if let first = out.first, first.isNumber { out = "t_" + out }
        return out
    }

    static func validate(_ name: String) throws {
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw CommandError("\(quotedText(name)) cannot be a table name",
                               hint: "use letters, digits and _, starting with a letter: e.g. \(identifier(from: name))")
        }
    }
}
