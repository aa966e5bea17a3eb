import CarnetEngine
import CarnetQuery

/// Splits the text of a command that reads like a sentence into clauses led by keywords (`by`,
/// `where`…), outside quotes and parentheses. Each clause keeps where it starts in the command,
/// so the SQL parser reads it there. The clause before the first keyword is keyed "".
enum FriendlyClauses {
    static func parse(_ text: String, offset: Int, keywords: [String], usage: String) throws -> [String: SQLFragment] {
        let chars = Array(text)
        var clauses: [String: SQLFragment] = [:]
        var key = ""
        var start = 0  // where the current clause's text starts in `chars`
        var keywordAt = 0
        func flush(upTo end: Int) throws {
            var from = start, to = end
            while from < to, chars[from].isWhitespace { from += 1 }
            while to > from, chars[to - 1].isWhitespace { to -= 1 }
            if from == to {
                guard key == "" else { throw CommandError("`\(key)` needs something after it", hint: "usage: \(usage)", position: offset + keywordAt, kind: .syntax) }
                return
            }
            let value = String(chars[from..<to])
            guard keywords.contains(key) else {
                throw CommandError("unexpected text \(quotedText(value))", hint: "usage: \(usage)", position: offset + from, kind: .syntax)
            }
            guard clauses[key] == nil else {
                throw CommandError("`\(key)` is given twice", hint: "usage: \(usage)", position: offset + keywordAt, kind: .syntax)
            }
            clauses[key] = SQLFragment(value, offset: offset + from)
        }
        var depth = 0
        var quote: Character?
        var wordStart: Int?
        for (i, c) in (chars + [" "]).enumerated() {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if c == "'" || c == "\"" { quote = c }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c.isWhitespace, depth == 0 {
                if let w = wordStart {
                    let lowered = String(chars[w..<i]).lowercased()
                    if lowered != "", keywords.contains(lowered) {
                        try flush(upTo: w)
                        key = lowered
                        keywordAt = w
                        start = i
                    }
                }
                wordStart = nil
                continue
            }
            if wordStart == nil { wordStart = i }
        }
        try flush(upTo: chars.count)
        return clauses
    }
}
