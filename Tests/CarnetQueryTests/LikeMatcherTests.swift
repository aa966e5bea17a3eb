import CarnetTestSupport
@testable import CarnetQuery
import Testing

/// The byte-level LIKE matcher against a plain recursive definition of LIKE over characters,
/// on random patterns and texts with `%`, `_`, escapes and multi-byte characters.
@Suite struct LikeMatcherTests {
    /// LIKE as the SQL standard defines it: `%` any run of characters, `_` exactly one.
    static func oracle(_ text: [Character], _ pattern: [Character]) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        let rest = Array(pattern.dropFirst())
        switch p {
        case "%": return (0...text.count).contains { oracle(Array(text.dropFirst($0)), rest) }
        case "_": return !text.isEmpty && oracle(Array(text.dropFirst()), rest)
        case "\\":
            guard let literal = rest.first else { return false }
            return text.first == literal && oracle(Array(text.dropFirst()), Array(rest.dropFirst()))
        default: return text.first == p && oracle(Array(text.dropFirst()), rest)
        }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        var copy = text
        return copy.withUTF8 { LikeMatcher(pattern).matches($0) }
    }

    @Test func agreesWithTheDefinitionOnRandomCases() {
        var random = SeededGenerator(seed: 42)
        let textAlphabet: [Character] = ["a", "b", "é", "€", "%", "_"]
        let patternAlphabet: [Character] = ["a", "b", "é", "€", "%", "_", "%", "_"]
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0...7, using: &random)).map { _ in textAlphabet.randomElement(using: &random)! }
            var pattern = (0..<Int.random(in: 0...5, using: &random)).map { _ in patternAlphabet.randomElement(using: &random)! }
            if Bool.random(using: &random), !pattern.isEmpty { pattern.insert("\\", at: Int.random(in: 0..<pattern.count, using: &random)) }
            let expected = Self.oracle(text, pattern)
            #expect(Self.matches(String(text), String(pattern)) == expected, "'\(String(text))' LIKE '\(String(pattern))'")
        }
    }

    @Test func theUsualShapes() {
        #expect(Self.matches("Furiously special packages requests", "%special%requests%"))
        #expect(!Self.matches("requests special", "%special%requests%"))
        #expect(Self.matches("PROMO BRUSHED", "PROMO%"))
        #expect(!Self.matches("PROM", "PROMO%"))
        #expect(Self.matches("LARGE BRASS", "%BRASS"))
        #expect(Self.matches("Zone de Frêt", "Zone de Fr_t"))
        #expect(!Self.matches("Zone de Frt", "Zone de Fr_t"))
        #expect(Self.matches("aba", "a%a") && !Self.matches("a", "a%a"))
        #expect(Self.matches("", "%") && !Self.matches("", "_"))
    }
}
