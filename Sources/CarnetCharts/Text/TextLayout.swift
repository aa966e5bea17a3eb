/// Display width and wrapping of text in terminal cells (accents 0-width, CJK and emoji 2).
enum TextLayout {
    static func width(_ text: String) -> Int {
        var w = 0
        for ch in text {
            let scalars = ch.unicodeScalars
            if scalars.count > 1, scalars.contains(where: { $0.value == 0x200D || $0.value == 0xFE0F }) { w += 2; continue }
            guard let s = scalars.first else { continue }
            let v = s.value
            if v < 0x20 { continue }
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v) {
                w += 2
            } else {
                w += 1
            }
        }
        return w
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = max(0, width - self.width(text))
        return right ? String(repeating: " ", count: gap) + text : text + String(repeating: " ", count: gap)
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        guard self.width(text) > width else { return text }
        var out = ""
        for ch in text {
            if self.width(out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }

    /// Wraps at spaces into at most `maxLines` lines of `width`; a word longer than a line, or
    /// text beyond the last line, ends with `…`. Words are never cut in the middle otherwise.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard self.width(text) > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if self.width(candidate) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = word
            if lines.count == maxLines { break }
        }
        if lines.count < maxLines, !current.isEmpty { lines.append(current) }
        if lines.count > maxLines { lines = Array(lines.prefix(maxLines)) }
        // Mark what did not fit.
        let shown = lines.joined(separator: " ")
        if shown.count < text.count || lines.contains(where: { self.width($0) > width }) {
            lines[lines.count - 1] = truncate(lines[lines.count - 1] + (shown.count < text.count ? " …" : ""), width)
        }
        return lines.map { truncate($0, width) }
    }
}
