import CarnetEngine
import CarnetIO
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// Runs the sqllogictest-style files of Tests/SQL: `statement ok`, `statement error TEXT` and
/// `query` blocks whose expected rows are the CSV lines Carnet prints (no header).
@Suite struct SQLLogicTests {
    static let folder = Repository.root + "/Tests/SQL"

    static var files: [String] {
        (POSIXFile.names(in: folder) ?? []).filter { $0.hasSuffix(".test") }.sorted()
    }

    struct Block {
        enum Kind { case ok, error(String), query }
        var kind: Kind
        var statement: String
        var expected: [String]
        var line: Int
    }

    static func blocks(_ text: String) -> [Block] {
        var blocks: [Block] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.hasPrefix("statement") || line == "query" || line.hasPrefix("query ") else { i += 1; continue }
            let kind: Block.Kind = line == "statement ok" ? .ok : (line.hasPrefix("statement error") ? .error(String(line.dropFirst("statement error".count)).trimmingCharacters()) : .query)
            let start = i + 1
            i += 1
            var statement: [String] = []
            while i < lines.count, !lines[i].isEmpty, lines[i] != "----" { statement.append(lines[i]); i += 1 }
            var expected: [String] = []
            if i < lines.count, lines[i] == "----" {
                i += 1
                while i < lines.count, !lines[i].isEmpty { expected.append(lines[i]); i += 1 }
            }
            blocks.append(Block(kind: kind, statement: statement.joined(separator: "\n"), expected: expected, line: start))
        }
        return blocks
    }

    @Test(arguments: files)
    func file(_ name: String) throws {
        let text = Golden.read(Self.folder + "/" + name) ?? ""
        let session = Session.withDatasets()
        session.settings.output = .csv
        let blocks = Self.blocks(text)
        #expect(!blocks.isEmpty, "\(name) has no test block")
        for block in blocks {
            let place = "\(name):\(block.line)"
            switch (block.kind, session.execute(block.statement)) {
            case (.ok, .success), (.ok, .empty):
                break
            case (.query, .success(let output, _)):
                let csv = TextRendering.render(output, settings: session.settings, width: 200)
                let rows = csv.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
                    .dropFirst().filter { !$0.isEmpty && !$0.hasPrefix("warning: ") }
                #expect(Array(rows) == block.expected, "\(place): \(block.statement)")
            case (.error(let text), .failure(let error)):
                #expect(text.isEmpty || error.description.contains(text), "\(place): error was «\(error.description)», expected «\(text)»")
            case (.error, _):
                Issue.record("\(place): expected an error: \(block.statement)")
            case (_, .failure(let error)):
                Issue.record("\(place): \(block.statement)\n  failed: \(error.description)")
            default:
                Issue.record("\(place): unexpected outcome for \(block.statement)")
            }
        }
    }
}

private extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

#if canImport(Glibc)
import Glibc
#endif
