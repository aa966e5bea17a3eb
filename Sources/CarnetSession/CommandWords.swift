import CarnetEngine

/// One word of a command line, with where it starts in the text (for error carets).
public struct CommandWord: Sendable, Equatable {
    public var text: String
    /// Was written in quotes: never a keyword, never an option.
    public var quoted: Bool
    public var offset: Int

    /// `key=value` split, when the word is an option.
    public var option: (key: String, value: String)? {
        guard !quoted, let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        return (String(text[..<eq]).lowercased(), String(text[text.index(after: eq)...]))
    }

    public func isKeyword(_ word: String) -> Bool {
        !quoted && text.lowercased() == word
    }
}

/// Splits a command line into words: spaces separate, `'…'` and `"…"` quote (a doubled quote
/// inside stands for itself), and a quoted value may follow `key=` (`delimiter=';'`).
public enum CommandWords {
    public static func split(_ line: String) throws -> [CommandWord] {
        var words: [CommandWord] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
            let start = i
            var text = ""
            var quoted = false
            while i < chars.count, chars[i] != " ", chars[i] != "\t" {
                let c = chars[i]
                if c == "'" || c == "\"" {
                    quoted = quoted || text.isEmpty
                    let open = i
                    i += 1
                    var closed = false
                    while i < chars.count {
                        if chars[i] == c {
                            if i + 1 < chars.count, chars[i + 1] == c { text.append(c); i += 2; continue }
                            closed = true
                            i += 1
                            break
                        }
                        text.append(chars[i])
                        i += 1
                    }
                    if !closed {
                        throw CommandError("the quote \(c) at column \(open + 1) is not closed", position: open, kind: .syntax)
                    }
                    continue
                }
                text.append(c)
                i += 1
            }
            words.append(CommandWord(text: text, quoted: quoted, offset: start))
        }
        return words
    }

    /// Writes a value so that `split` reads it back as one word.
    public static func quote(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { !$0.isWhitespace && $0 != "'" && $0 != "\"" && $0 != "=" && $0 != "," }
        return plain ? text : "'" + text.replacingAll("'", with: "''") + "'"
    }
}
