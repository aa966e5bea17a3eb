/// One token of SQL text, with the character offset where it starts.
struct SQLToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A word: keyword or unquoted identifier (kept as typed; compare lower-cased).
        case word(String)
        /// `"Geo Point"`: an identifier kept exactly.
        case quotedIdentifier(String)
        case string(String)
        /// Digits with an optional fraction and exponent, as written.
        case number(String)
        /// Punctuation and operators: `( ) , . ; * + - / % = <> != < <= > >= ||`.
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int

    func isKeyword(_ word: String) -> Bool {
        if case .word(let w) = kind { return w.lowercased() == word }
        return false
    }

    func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = kind { return x == s }
        return false
    }

    var text: String {
        switch kind {
        case .word(let w): return w
        case .quotedIdentifier(let q): return "\"" + q + "\""
        case .string(let s): return "'" + s + "'"
        case .number(let n): return n
        case .symbol(let s): return s
        case .end: return "end of the statement"
        }
    }
}

/// Splits SQL text into tokens; `--` comments run to the end of the line.
enum SQLLexer {
    static func tokenize(_ text: String) throws -> [SQLToken] {
        let chars = Array(text)
        var tokens: [SQLToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            let start = i
            if c.isLetter || c == "_" {
                var word = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { word.append(chars[i]); i += 1 }
                tokens.append(SQLToken(kind: .word(word), offset: start))
            } else if c.isASCII && c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                var number = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { number.append(chars[i]); i += 1 }
                if i < chars.count, chars[i] == "." {
                    number.append("."); i += 1
                    while i < chars.count, chars[i].isASCII, chars[i].isNumber { number.append(chars[i]); i += 1 }
                }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, chars[j].isASCII, chars[j].isNumber {
                        number += String(chars[i..<j]); i = j
                        while i < chars.count, chars[i].isASCII, chars[i].isNumber { number.append(chars[i]); i += 1 }
                    }
                }
                tokens.append(SQLToken(kind: .number(number), offset: start))
            } else if c == "'" || c == "\"" {
                var value = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == c {
                        if i + 1 < chars.count, chars[i + 1] == c { value.append(c); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    value.append(chars[i])
                    i += 1
                }
                guard closed else {
                    throw QueryError(c == "'" ? "this string is not closed" : "this quoted name is not closed", at: start,
                                     hint: "close it with \(c)")
                }
                tokens.append(SQLToken(kind: c == "'" ? .string(value) : .quotedIdentifier(value), offset: start))
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["<>", "!=", "<=", ">=", "||", "::"].contains(two) {
                    tokens.append(SQLToken(kind: .symbol(two), offset: start))
                    i += 2
                } else if "(),.;*+-/%=<>".contains(c) {
                    tokens.append(SQLToken(kind: .symbol(String(c)), offset: start))
                    i += 1
                } else {
                    throw QueryError("unexpected character \(c)", at: start)
                }
            }
        }
        tokens.append(SQLToken(kind: .end, offset: chars.count))
        return tokens
    }
}
