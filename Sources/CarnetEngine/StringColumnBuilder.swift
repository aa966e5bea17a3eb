/// Builds a `StringColumn` row by row from UTF-8 bytes, dictionary-encoding while the text
/// repeats and switching to plain storage once most values turn out to be distinct.
public struct StringColumnBuilder: Sendable {
    private var interner: ByteStringInterner? = ByteStringInterner()
    private var codes: [UInt32] = []
    private var plain = StringArena()
    /// Set when the reader knows the text repeats (`keepDictionary`).
    private var repeats = false

    /// Dictionary encoding is dropped when the dictionary holds more than this many values and
    /// more than half the rows are distinct: codes would then cost more than they save.
    public static let dictionaryLimit = 1 << 16

    /// Not before this many rows, though: 100,000 values repeating over ten million rows
    /// (H2O's id3) are still mostly new at row 130,000, and going plain there would have every
    /// GROUP BY intern them again.
    static let decisionRows = 1 << 18

    @inline(__always)
    private func mostlyDistinct(_ interner: ByteStringInterner) -> Bool {
        interner.count > StringColumnBuilder.dictionaryLimit && codes.count >= StringColumnBuilder.decisionRows && interner.count * 2 > codes.count
    }

    public init() {}

    public var count: Int { interner == nil ? plain.count : codes.count }

    public mutating func reserveCapacity(_ n: Int) {
        if interner != nil { codes.reserveCapacity(n) }
    }

    @inline(__always)
    public mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        if interner != nil {
            let code = interner!.intern(utf8)
            codes.append(code)
            if mostlyDistinct(interner!) { switchToPlain() }
        } else {
            plain.append(utf8)
        }
    }

    public mutating func append(_ string: String) {
        var copy = string
        copy.withUTF8 { append($0) }
    }

    /// A NULL row: stored as an empty string, masked by the column's validity bitmap.
    @inline(__always)
    public mutating func appendNull() {
        append(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Whether rows are still stored as codes into a dictionary (until the text turns out to be
    /// mostly distinct). While it is, a reader that has its own dictionary (Parquet's
    /// dictionary pages) interns each distinct value once with `code(for:)` and appends rows
    /// with `append(code:)`, without hashing every row.
    public var isDictionaryEncoding: Bool { interner != nil }

    /// The code of a value, interned if new; only while `isDictionaryEncoding`.
    public mutating func code(for utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        interner!.intern(utf8)
    }

    /// Appends a row by a code from `code(for:)`; only while `isDictionaryEncoding`.
    @inline(__always)
    public mutating func append(code: UInt32) {
        codes.append(code)
        if !repeats, mostlyDistinct(interner!) { switchToPlain() }
    }

    /// The reader knows the values repeat (a Parquet chunk's dictionary holds at most half as
    /// many values as its rows): rows appended by code keep the dictionary, however many
    /// distinct values the first rows show. Nothing changes once the rows went plain.
    public mutating func keepDictionary() {
        repeats = true
    }

    private mutating func switchToPlain() {
        guard let dictionary = interner?.values else { return }
        var arena = StringArena()
        arena.reserveCapacity(strings: codes.count, bytes: codes.count * 16)
        for code in codes { arena.append(from: dictionary, at: Int(code)) }
        plain = arena
        codes = []
        interner = nil
    }

    public func build() -> StringColumn {
        if let interner {
            return StringColumn(storage: .dictionary(codes: codes, values: interner.values))
        }
        return StringColumn(storage: .plain(plain))
    }
}
