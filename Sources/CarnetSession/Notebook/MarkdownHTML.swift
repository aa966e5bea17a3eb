import CarnetCharts

/// A small Markdown-to-HTML renderer for notebook prose in reports: headings, paragraphs, lists,
/// quotes, code blocks, emphasis, inline code and links. Everything else is text: raw HTML in
/// the prose is escaped, never passed through, and only http(s), mailto and relative links are kept.
enum MarkdownHTML {
    static func escape(_ text: String) -> String { Markup.escape(text, keepingNewlines: true) }

    static func render(_ markdown: String) -> String {
        var html: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var code: [String]?
        func flushParagraph() {
            if !paragraph.isEmpty { html.append("<p>" + inline(paragraph.joined(separator: " ")) + "</p>"); paragraph = [] }
        }
        func flushList() {
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                html.append("<\(tag)>" + l.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(tag)>")
                list = nil
            }
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if var c = code {
                if line.hasPrefix("```") { html.append("<pre><code>" + escape(c.joined(separator: "\n")) + "</code></pre>"); code = nil } else { c.append(line); code = c }
                continue
            }
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix("```") { flushParagraph(); flushList(); code = []; continue }
            if trimmed.isEmpty { flushParagraph(); flushList(); continue }
            if trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->") { continue }
            let hashes = trimmed.prefix { $0 == "#" }.count
            if (1...6).contains(hashes), trimmed.dropFirst(hashes).first == " " {
                flushParagraph(); flushList()
                html.append("<h\(hashes)>" + inline(String(trimmed.dropFirst(hashes + 1))) + "</h\(hashes)>")
                continue
            }
            if trimmed.hasPrefix("> ") { flushParagraph(); flushList(); html.append("<blockquote>" + inline(String(trimmed.dropFirst(2))) + "</blockquote>"); continue }
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                flushParagraph()
                if list?.ordered == true { flushList() }
                list = (false, (list?.items ?? []) + [String(trimmed.dropFirst(2))])
                continue
            }
            if let dot = trimmed.firstIndex(of: "."), trimmed[..<dot].allSatisfy(\.isNumber), !trimmed[..<dot].isEmpty,
               trimmed[trimmed.index(after: dot)...].hasPrefix(" ") {
                flushParagraph()
                if list?.ordered == false { flushList() }
                list = (true, (list?.items ?? []) + [String(trimmed[trimmed.index(dot, offsetBy: 2)...])])
                continue
            }
            flushList()
            paragraph.append(trimmed)
        }
        if let c = code { html.append("<pre><code>" + escape(c.joined(separator: "\n")) + "</code></pre>") }
        flushParagraph()
        flushList()
        return html.joined(separator: "\n")
    }

    /// Emphasis, code and links inside a line, applied to escaped text.
    static func inline(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        var i = 0
        func find(_ marker: String, from: Int) -> Int? {
            let m = Array(marker)
            var j = from
            while j + m.count <= chars.count {
                if Array(chars[j..<(j + m.count)]) == m { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find("`", from: i + 1) {
                out += "<code>" + escape(String(chars[(i + 1)..<end])) + "</code>"; i = end + 1; continue
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find("**", from: i + 2), end > i + 2 {
                out += "<strong>" + inline(String(chars[(i + 2)..<end])) + "</strong>"; i = end + 2; continue
            }
            if c == "*" || c == "_", let end = find(String(c), from: i + 1), end > i + 1, chars[i + 1] != " " {
                out += "<em>" + inline(String(chars[(i + 1)..<end])) + "</em>"; i = end + 1; continue
            }
            if c == "[", let close = find("](", from: i + 1), let end = find(")", from: close + 2) {
                let label = String(chars[(i + 1)..<close]), url = String(chars[(close + 2)..<end])
                if safe(url) {
                    out += "<a href=\"" + escape(url) + "\">" + inline(label) + "</a>"
                } else {
                    out += escape(label)
                }
                i = end + 1
                continue
            }
            out += escape(String(c))
            i += 1
        }
        return out
    }

    static func safe(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return true }
        return !lower.contains(":")
    }
}
