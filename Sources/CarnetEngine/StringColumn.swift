/// The values of a text column: either plain (one arena entry per row) or dictionary-encoded
/// (a code per row into an arena of distinct values), chosen by how repetitive the text is.
public struct StringColumn: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case plain(StringArena)
        case dictionary(codes: [UInt32], values: StringArena)
    }

    public private(set) var storage: Storage

    public init(storage: Storage) {
        self.storage = storage
    }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        storage = .plain(StringArena(strings))
    }

    public var count: Int {
        switch storage {
        case .plain(let arena): return arena.count
        case .dictionary(let codes, _): return codes.count
        }
    }

    public var isDictionaryEncoded: Bool {
        if case .dictionary = storage { return true }
        return false
    }

    @inline(__always)
    public func withUTF8<R>(at row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .plain(let arena): return try arena.withUTF8(at: row, body)
        case .dictionary(let codes, let values): return try values.withUTF8(at: Int(codes[row]), body)
        }
    }

    public func string(at row: Int) -> String {
        withUTF8(at: row) { String(decoding: $0, as: UTF8.self) }
    }

    public func byteCount(at row: Int) -> Int {
        switch storage {
        case .plain(let arena): return arena.byteCount(at: row)
        case .dictionary(let codes, let values): return values.byteCount(at: Int(codes[row]))
        }
    }

    /// The values as one arena entry per row (a dictionary's codes resolved).
    public var plainArena: StringArena {
        switch storage {
        case .plain(let arena): return arena
        case .dictionary(let codes, let values):
            var out = StringArena()
            for code in codes { out.append(from: values, at: Int(code)) }
            return out
        }
    }

    /// Approximate bytes held by this column's buffers.
    public var memoryFootprint: Int {
        switch storage {
        case .plain(let arena): return arena.bytes.count + arena.offsets.count * 8
        case .dictionary(let codes, let values):
            return codes.count * 4 + values.bytes.count + values.offsets.count * 8
        }
    }
}
