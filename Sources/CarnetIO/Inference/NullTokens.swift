/// Cell texts that mean "no value" in French open data: empty, `NA`, `N/A`, `null`, `-`, `#N/A`.
enum NullTokens {
    static let display = "empty, NA, N/A, null, -, #N/A"

    @inline(__always)
    static func isNull(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = field.count
        while start < end, field[start] == 0x20 { start += 1 }
        while end > start, field[end - 1] == 0x20 { end -= 1 }
        let n = end - start
        if n == 0 { return true }
        if n > 4 { return false }
        let c0 = field[start] | 0x20
        switch n {
        case 1: return field[start] == UInt8(ascii: "-")
        case 2: return c0 == UInt8(ascii: "n") && field[start + 1] | 0x20 == UInt8(ascii: "a")
        case 3:
            return c0 == UInt8(ascii: "n") && field[start + 1] == UInt8(ascii: "/")
                && field[start + 2] | 0x20 == UInt8(ascii: "a")
        case 4:
            if field[start] == UInt8(ascii: "#") {
                return field[start + 1] | 0x20 == UInt8(ascii: "n") && field[start + 2] == UInt8(ascii: "/")
                    && field[start + 3] | 0x20 == UInt8(ascii: "a")
            }
            return c0 == UInt8(ascii: "n") && field[start + 1] | 0x20 == UInt8(ascii: "u")
                && field[start + 2] | 0x20 == UInt8(ascii: "l") && field[start + 3] | 0x20 == UInt8(ascii: "l")
        default: return false
        }
    }
}

/// What French statistics and budgets write in a number column where a value is missing or
/// withheld: `nd` / `n.d.` (non disponible), `NC` / `n.c.` (non communiqué), `s.o.` (sans
/// objet), `secret` (secret statistique), `nr` (non renseigné), `ns` (non significatif). In a
/// column whose other values are numbers they mean NULL, and the load says how many there were;
/// in a text column they are text.
enum MissingMarkers {
    static let words: Set<String> = [
        "nd", "n.d.", "n.d", "n/d", "nc", "n.c.", "n.c", "n/c", "so", "s.o.", "s.o", "s/o", "secret", "secret stat",
        "secret statistique", "nr", "n.r.", "ns", "n.s.", "non disponible", "non communiqué", "non communique",
        "sans objet", "non renseigné", "non renseigne", "confidentiel",
    ]
    /// The longest marker, in UTF-8 bytes: longer fields are never markers.
    static let maxBytes = words.map(\.utf8.count).max()!

    /// Every marker starts with one of these letters (any case): the test allocates nothing
    /// for the other fields of a text column's sample.
    static let firstLetters = Set(words.compactMap { $0.utf8.first })

    static func isMarker(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field.count <= maxBytes + 4, let first = field.first(where: { $0 != 0x20 }), firstLetters.contains(first | 0x20) else { return false }
        return words.contains(String(decoding: field, as: UTF8.self).trimmingSpaces().lowercased())
    }
}

/// Words that mean true or false: `true/false`, `oui/non`, `vrai/faux`, `yes/no`, any case.
enum BooleanTokens {
    @inline(__always)
    static func parse(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        var start = 0
        var end = field.count
        while start < end, field[start] == 0x20 { start += 1 }
        while end > start, field[end - 1] == 0x20 { end -= 1 }
        let n = end - start
        guard n >= 2, n <= 5 else { return nil }
        var word: UInt64 = 0
        for k in start..<end {
            let c = field[k]
            guard c < 0x80 else { return nil }
            word = word << 8 | UInt64(c | 0x20)
        }
        switch word {
        case truthy.0, truthy.1, truthy.2, truthy.3: return true
        case falsy.0, falsy.1, falsy.2, falsy.3: return false
        default: return nil
        }
    }

    private static func pack(_ s: String) -> UInt64 { s.utf8.reduce(0) { $0 << 8 | UInt64($1) } }
    private static let truthy = (pack("true"), pack("oui"), pack("vrai"), pack("yes"))
    private static let falsy = (pack("false"), pack("non"), pack("faux"), pack("no"))
}
