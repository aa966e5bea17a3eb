/// Escaping of text that goes into XML or HTML (SVG charts, reports): markup characters become
/// entities, control characters and bidi overrides are dropped, so that data can never become
/// markup or reorder a page.
public enum Markup {
    public static func escape(_ text: String, keepingNewlines: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                if v == 0x0A, keepingNewlines { out.unicodeScalars.append(scalar); continue }
                if v < 0x20 && v != 0x09 { if !keepingNewlines { out += " " }; continue }
                if (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
