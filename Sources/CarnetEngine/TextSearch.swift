/// Small text helpers every layer needs, kept here once (no Foundation: identical results on
/// every platform).
extension StringProtocol {
    /// Without the leading and trailing characters that `drop` accepts.
    public func trimming(where drop: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let f = s.first, drop(f) { s.removeFirst() }
        while let l = s.last, drop(l) { s.removeLast() }
        return String(s)
    }

    /// Without leading and trailing whitespace (spaces, tabs, line ends).
    public func trimmingWhitespace() -> String { trimming { $0.isWhitespace } }

    /// Without leading and trailing spaces only.
    public func trimmingSpaces() -> String { trimming { $0 == " " } }

    /// Every `target` character replaced by `replacement`.
    public func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension Substring {
    /// The first occurrence of `target`.
    public func range(of target: String) -> Range<Index>? {
        guard !target.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}

extension String {
    public func range(of target: String) -> Range<Index>? { Substring(self).range(of: target) }

    /// Every occurrence of `target` replaced by `replacement`.
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
