#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A case-sensitive LIKE pattern matched on UTF-8 bytes, as DuckDB does: no `String` per row.
/// A pattern without `_` (`'%special%requests%'`, `'PROMO%'`) is its literal pieces between the
/// `%`s, found in order by a byte search; one with `_` (one character, however many bytes) is
/// matched by backtracking to the last `%`.
struct LikeMatcher {
    private enum Piece: Equatable { case any, one, byte(UInt8) }
    private let pieces: [Piece]
    /// The literal runs between `%`s, when the pattern has no `_`.
    private let segments: [[UInt8]]?
    private let anchoredStart: Bool, anchoredEnd: Bool

    init(_ pattern: String) {
        var p: [Piece] = []
        var escaped = false
        for byte in pattern.utf8 {
            if escaped { p.append(.byte(byte)); escaped = false; continue }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "%"): if p.last != .any { p.append(.any) }
            case UInt8(ascii: "_"): p.append(.one)
            default: p.append(.byte(byte))
            }
        }
        pieces = p
        anchoredStart = p.first != .any
        anchoredEnd = p.last != .any
        if p.contains(.one) {
            segments = nil
        } else {
            var runs: [[UInt8]] = [[]]
            for piece in p {
                if case .byte(let b) = piece { runs[runs.count - 1].append(b) } else { runs.append([]) }
            }
            segments = runs
        }
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let segments else { return backtrack(text) }
        let n = text.count
        if segments.count == 1 { return n == segments[0].count && Self.equal(text, 0, segments[0]) }
        let first = segments[0], last = segments[segments.count - 1]
        guard n >= first.count + last.count, Self.equal(text, 0, first), Self.equal(text, n - last.count, last) else { return false }
        // The middle runs in order, each after the one before, within what the ends leave.
        var from = first.count
        let end = n - last.count
        for run in segments.dropFirst().dropLast() where !run.isEmpty {
            guard let at = Self.find(run, in: text, from: from, to: end) else { return false }
            from = at + run.count
        }
        return true
    }

    private static func equal(_ text: UnsafeBufferPointer<UInt8>, _ at: Int, _ run: [UInt8]) -> Bool {
        if run.isEmpty { return true }
        guard at >= 0, at + run.count <= text.count, let base = text.baseAddress else { return false }
        return run.withUnsafeBufferPointer { r in memcmp(base + at, r.baseAddress!, run.count) == 0 }
    }

    /// The first position of `run` in `text[from..<to]`.
    private static func find(_ run: [UInt8], in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let m = run.count
        guard m > 0, to - from >= m, let base = text.baseAddress else { return m == 0 ? from : nil }
        let head = run[0]
        var i = from
        return run.withUnsafeBufferPointer { r in
            while i <= to - m {
                guard let hit = memchr(base + i, Int32(head), to - m + 1 - i) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, r.baseAddress!, m) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }

    /// Greedy matching with backtracking to the last `%`; `_` takes one whole UTF-8 character.
    private func backtrack(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        func nextCharacter(_ i: Int) -> Int {
            var k = i + 1
            while k < s.count, s[k] & 0xC0 == 0x80 { k += 1 }
            return k
        }
        var i = 0, j = 0
        var star = -1, mark = 0
        while i < s.count {
            if j < pieces.count, pieces[j] == .one {
                i = nextCharacter(i); j += 1
            } else if j < pieces.count, pieces[j] == .byte(s[i]) {
                i += 1; j += 1
            } else if j < pieces.count, pieces[j] == .any {
                star = j; mark = i; j += 1
            } else if star >= 0 {
                j = star + 1; mark = nextCharacter(mark); i = mark
            } else {
                return false
            }
        }
        while j < pieces.count, pieces[j] == .any { j += 1 }
        return j == pieces.count
    }
}
