/// Accent removal for names and `strip_accents`: Latin letters with diacritics (as in French,
/// Occitan, Catalan, German…) map to their base letter, ligatures to their letters.
public enum TextFolding {
    public static func stripAccents(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let base = table[scalar] {
                out.append(contentsOf: base.unicodeScalars)
            } else if (0x300...0x36F).contains(scalar.value) {
                continue  // a combining accent after its letter
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static let table: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("ÀÁÂÃÄÅĀĂĄ", "A"), ("çćĉċč", "c"), ("ÇĆĈĊČ", "C"), ("ďđ", "d"), ("ĎĐ", "D"),
            ("èéêëēĕėęě", "e"), ("ÈÉÊËĒĔĖĘĚ", "E"), ("ĝğġģ", "g"), ("ĜĞĠĢ", "G"), ("ĥħ", "h"), ("ĤĦ", "H"),
            ("ìíîïĩīĭįı", "i"), ("ÌÍÎÏĨĪĬĮİ", "I"), ("ĵ", "j"), ("Ĵ", "J"), ("ķ", "k"), ("Ķ", "K"),
            ("ĺļľŀł", "l"), ("ĹĻĽĿŁ", "L"), ("ñńņňŉ", "n"), ("ÑŃŅŇ", "N"), ("òóôõöøōŏő", "o"), ("ÒÓÔÕÖØŌŎŐ", "O"),
            ("ŕŗř", "r"), ("ŔŖŘ", "R"), ("śŝşš", "s"), ("ŚŜŞŠ", "S"), ("ţťŧ", "t"), ("ŢŤŦ", "T"),
            ("ùúûüũūŭůűų", "u"), ("ÙÚÛÜŨŪŬŮŰŲ", "U"), ("ŵ", "w"), ("Ŵ", "W"), ("ýÿŷ", "y"), ("ÝŸŶ", "Y"),
            ("źżž", "z"), ("ŹŻŽ", "Z"),
        ]
        var map: [Unicode.Scalar: String] = [:]
        for (letters, base) in groups { for s in letters.unicodeScalars { map[s] = base } }
        map["œ"] = "oe"; map["Œ"] = "OE"; map["æ"] = "ae"; map["Æ"] = "AE"; map["ß"] = "ss"
        return map
    }()
}
