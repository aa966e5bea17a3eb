/// Builds SVG text deterministically: numbers with one decimal, attributes in the order given,
/// every piece of text from the data escaped.
struct SVGDocument {
    private(set) var body: [String] = []

    static func number(_ v: Double) -> String {
        let tenths = (v * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e15 else { return "0" }
        let i = Int64(tenths)
        return i % 10 == 0 ? String(i / 10) : (i < 0 && i > -10 ? "-0." + String(-i % 10) : String(i / 10) + "." + String(abs(i) % 10))
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }

    mutating func raw(_ line: String) { body.append(line) }

    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        var line = "<" + name
        for (key, value) in attributes { line += " \(key)=\"\(SVGDocument.escape(value))\"" }
        if let text { line += ">" + SVGDocument.escape(text) + "</\(name)>" } else { line += "/>" }
        body.append(line)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: [(String, String)] = []) {
        element("rect", [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))), ("height", Self.number(max(0, height))), ("fill", fill)] + extra)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
        element("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)), ("stroke", stroke), ("stroke-width", Self.number(width))])
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ content: String, x: Double, y: Double, size: Double, anchor: Anchor = .start, fill: String = "#222", weight: String? = nil, extra: [(String, String)] = []) {
        var attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size)), ("fill", fill)]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if let weight { attributes.append(("font-weight", weight)) }
        element("text", attributes + extra, text: content)
    }

    /// Width of text in pixels, estimated from its characters (no font metrics at hand): wide
    /// enough that labels laid out with it never overlap.
    static func textWidth(_ text: String, size: Double) -> Double {
        var units = 0.0
        for ch in text {
            if ch.isUppercase || ch == "m" || ch == "w" || ch == "M" || ch == "W" { units += 0.72 }
            else if ch == "i" || ch == "l" || ch == "." || ch == "," || ch == "'" || ch == " " { units += 0.3 }
            else { units += 0.56 }
        }
        return units * size
    }

    /// Wraps text at spaces into lines of at most `width` pixels (at most `maxLines`, the last
    /// ending with `…` if cut). A word wider than a line is cut with `…`, never left to overflow.
    static func wrap(_ text: String, width: Double, size: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if textWidth(candidate, size: size) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = textWidth(word, size: size) <= width ? word : cut(word, width: width, size: size)
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            var last = lines[maxLines - 1]
            while !last.isEmpty, textWidth(last + " …", size: size) > width {
                if let space = last.lastIndex(of: " ") { last = String(last[..<space]) } else { last = String(last.dropLast()) }
            }
            lines[maxLines - 1] = last.isEmpty ? "…" : last + " …"
        }
        return lines
    }

    /// The start of `word` that fits in `width` with a `…`.
    static func cut(_ word: String, width: Double, size: Double) -> String {
        var kept = ""
        for ch in word {
            if textWidth(kept + String(ch) + "…", size: size) > width { break }
            kept.append(ch)
        }
        return kept + "…"
    }
}
