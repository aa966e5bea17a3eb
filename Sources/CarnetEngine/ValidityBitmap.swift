/// One bit per row telling whether the value is present (1) or NULL (0).
///
/// Columns without any NULL carry no bitmap at all, so the common case costs nothing.
public struct ValidityBitmap: Sendable, Equatable {
    public internal(set) var words: [UInt64]
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set to `valid`.
    public init(count: Int, valid: Bool) {
        self.count = count
        let wordCount = (count + 63) >> 6
        words = [UInt64](repeating: valid ? ~0 : 0, count: wordCount)
        if valid { clearTail() }
    }

    public init() {
        words = []
        count = 0
    }

    @inlinable @inline(__always)
    public func isValid(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always)
    public mutating func set(_ index: Int, valid: Bool) {
        if valid {
            words[index >> 6] |= (1 << UInt64(index & 63))
        } else {
            words[index >> 6] &= ~(1 << UInt64(index & 63))
        }
    }

    @inline(__always)
    public mutating func append(_ valid: Bool) {
        if count & 63 == 0 { words.append(0) }
        if valid { words[count >> 6] |= (1 << UInt64(count & 63)) }
        count += 1
    }

    public mutating func reserveCapacity(_ n: Int) {
        words.reserveCapacity((n + 63) >> 6)
    }

    /// Number of valid (non-NULL) entries.
    public var validCount: Int {
        var total = 0
        for word in words { total += word.nonzeroBitCount }
        return total
    }

    public var nullCount: Int { count - validCount }

    /// Keeps only the first `n` bits.
    public mutating func truncate(to n: Int) {
        precondition(n <= count)
        count = n
        words.removeLast(words.count - (n + 63) >> 6)
        clearTail()
    }

    private mutating func clearTail() {
        let rem = count & 63
        if rem != 0, !words.isEmpty {
            words[words.count - 1] &= (1 << UInt64(rem)) - 1
        }
    }
}
