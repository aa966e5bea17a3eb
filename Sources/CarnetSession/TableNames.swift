/// Rules for table names: letters, digits and `_`, not starting with a digit, so that they can
/// be typed unquoted in commands and SQL.
enum TableNames {
    static func identifier(from text: String) -> String {
        var out = ""
        var lastUnderscore = false
        for scalar in text.lowercased().decomposedLetters {
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

extension String {
    /// Unicode scalars with accents split off (`é` → `e` + combining acute), accents dropped.
    var decomposedLetters: [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in unicodeScalars {
            if let base = TableNames.accentFree[scalar] { out.append(base) } else { out.append(scalar) }
        }
        return out
    }
}

extension TableNames {
    /// The accented Latin letters of French (and neighbours) mapped to their base letter.
    static let accentFree: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, Unicode.Scalar)] = [
            ("àâäáãå", "a"), ("çć", "c"), ("éèêë", "e"), ("îïíì", "i"), ("ñ", "n"),
            ("ôöóòõ", "o"), ("ùûüú", "u"), ("ÿý", "y"), ("œ", "o"), ("æ", "a"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, base) in pairs { for s in letters.unicodeScalars { map[s] = base } }
        return map
    }()
}
