import CarnetEngine
@testable import CarnetQuery
import Testing

/// substr over plain text with the same start and length on every row cuts bytes where the
/// text up to the cut is ASCII (ScalarFunctions.substr): every cut is compared with cutting
/// the text's characters, on plain and on dictionary-encoded storage.
@Suite struct SubstringTests {
    static let texts = ["Fréjorgues", "ZAE", "", "abcdef", "日本語テキスト", "ab", "abé", "éab", "Zone de Frêt"]

    /// The characters [from, to) (1-based) that substr keeps: PostgreSQL's rule, with a
    /// negative length giving the empty text.
    static func expected(_ text: String, start: Int, length: Int?) -> String {
        let chars = Array(text)
        let end = length.map { $0 < 0 ? start : start + $0 } ?? chars.count + 1
        let from = max(start, 1), to = min(end, chars.count + 1)
        return from < to ? String(chars[(from - 1)..<(to - 1)]) : ""
    }

    @Test(arguments: [(1, 2), (2, 3), (0, 2), (-1, 4), (3, nil), (1, 0), (5, -1), (7, 10), (20, 2)] as [(Int, Int?)])
    func everyCutIsTheCharactersCut(start: Int, length: Int?) throws {
        let n = Self.texts.count
        var args = [Column(.int64([Int64](repeating: Int64(start), count: n)))]
        if let length { args.append(Column(.int64([Int64](repeating: Int64(length), count: n)))) }
        let plain = Column(.string(StringColumn(storage: .plain(StringArena(Self.texts)))))
        let dictionary = Column(.string(StringColumn(Self.texts)))
        for column in [plain, dictionary] {
            let cut = try ScalarFunctions.apply(.substr, [column] + args, type: .string, rowCount: n)
            guard case .string(let values) = cut.buffer else { Issue.record("not text"); return }
            #expect((0..<n).map { values.string(at: $0) } == Self.texts.map { Self.expected($0, start: start, length: length) })
        }
    }
}
