import CarnetEngine
import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// Every file in `Tests/Fixtures/broken` (made by its `make.py`) goes through the command that
/// would meet it in real use; `expectations.tsv` says whether that must fail or succeed and a
/// phrase the message or output must contain. The point is that none crashes, none loses data,
/// and each failure says what went wrong.
@Suite struct BrokenInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let kind: String
        let mustFail: Bool
        let text: String
        var testDescription: String { file }
    }

    static let folder = Repository.root + "/Tests/Fixtures/broken"

    static let cases: [Case] = {
        guard let text = Golden.read(folder + "/expectations.tsv") else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return Case(file: fields[0], kind: fields[1], mustFail: fields[2] == "error", text: fields[3])
        }
    }()

    @Test func theCorpusIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder)
            .filter { $0 != "expectations.tsv" && $0 != "make.py" }
        #expect(Set(files) == Set(Self.cases.map(\.file)), "every broken file needs a line in expectations.tsv")
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases) func brokenInput(_ example: Case) throws {
        let (failed, message) = try Self.outcome(of: example)
        #expect(failed == example.mustFail, "\(example.file): \(message)")
        #expect(message.contains(example.text), "\(example.file): expected “\(example.text)” in:\n\(message)")
        if failed { #expect(!message.isEmpty) }
    }

    /// Too large to keep in the repository: written at test time.
    @Test func hundredThousandColumns() throws {
        let n = 100_000
        let text = (0..<n).map { "c\($0)" }.joined(separator: ";") + "\n"
            + (0..<n).map { "\($0),5" }.joined(separator: ";") + "\n"
            + (0..<n).map { "\($0)" }.joined(separator: ";") + "\n"
        let (session, output) = try Self.load(text, as: "wide")
        #expect(output.contains("2 rows × 100000 columns"))
        #expect(output.contains("… and 99950 more columns: `describe t` lists them all"))
        #expect(output.contains("line ends LF"))
        let sums = session.run("SELECT c0 + c99999 AS s FROM t")
        #expect(sums.contains("100,000.0") && sums.contains("99,999.0"), "\(sums)")
    }

    @Test func fiftyMegabyteField() throws {
        let field = String(repeating: "é", count: 25 << 20)
        let (session, output) = try Self.load("n;texte\n1;\"\(field)\"\n2;court\n", as: "field")
        #expect(output.contains("2 rows × 2 columns"))
        #expect(output.contains("n      integer"))
        #expect(session.run("SELECT sum(length(texte)) AS n FROM t").contains("26,214,405"))
    }

    static func load(_ text: String, as name: String) throws -> (Session, String) {
        let folder = NSTemporaryDirectory() + "carnet-broken-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: folder + "/\(name).csv", atomically: false, encoding: .utf8)
        let session = Session()
        session.baseDirectory = folder
        return (session, session.run("load \(name).csv as t"))
    }

    /// Runs the case; returns whether it failed and the message or output text.
    static func outcome(of example: Case) throws -> (Bool, String) {
        let path = folder + "/" + example.file
        switch example.kind {
        case "notebook":
            // Replayed from a scratch copy so that nothing can touch the repository.
            let top = NSTemporaryDirectory() + "carnet-broken-\(UUID().uuidString)"
            let scratch = top + "/a/b"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: top) }
            let copy = scratch + "/" + example.file
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            var runner = NotebookRunner()
            runner.check = true
            let report = runner.run(copy)
            let message = report.messages.joined(separator: "\n")
            #expect(!FileManager.default.fileExists(atPath: scratch + "/../../escape.csv"))
            return (!report.ok, message.isEmpty ? "ok" : message)
        default:
            let session = Session()
            session.baseDirectory = folder
            let line: String
            switch example.kind {
            case "load": line = "load \(example.file) as t"
            case "sql": line = try String(contentsOfFile: path, encoding: .utf8)
            case "schema":
                _ = session.execute("let t = SELECT 1 AS a")
                line = "validate t with \(example.file)"
            default: throw CommandError("unknown kind \(example.kind)")
            }
            switch session.execute(line) {
            case .success(let output, _):
                return (false, TextRendering.render(output, settings: session.settings, width: 100))
            case .failure(let error):
                if example.kind == "load" { #expect(session.workspace.entry(named: "t") == nil, "a failed load left a table") }
                return (true, error.description)
            case .empty:
                return (false, "nothing to run")
            }
        }
    }
}
