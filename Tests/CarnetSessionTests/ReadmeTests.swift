import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// The README's examples, run exactly as written: the short session must print what the README
/// shows, and every other `carnet>` line must run.
@Suite struct ReadmeTests {
    /// The ```text blocks of the README, as lines.
    static func textBlocks() throws -> [[String]] {
        let readme = try String(contentsOfFile: Repository.root + "/README.md", encoding: .utf8)
        var blocks: [[String]] = []
        var current: [String]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line == "```text" { current = []; continue }
            if current != nil, line == "```" { blocks.append(current!); current = nil; continue }
            current?.append(line)
        }
        return blocks
    }

    /// A folder with the datasets, where examples may write their charts.
    static func workFolder() throws -> String {
        let folder = try ScratchFolder.make("readme")
        try FileManager.default.createSymbolicLink(atPath: folder + "/datasets", withDestinationPath: Repository.root + "/datasets")
        try FileManager.default.createDirectory(atPath: folder + "/charts", withIntermediateDirectories: true)
        return folder
    }

    @Test func theShortSessionPrintsWhatTheReadmeShows() throws {
        let block = try #require(try Self.textBlocks().first { $0.first == "$ scripts/start" })
        let session = Session()
        session.baseDirectory = try Self.workFolder()
        var command: String?
        var expected: [String] = []
        func check() {
            guard let command else { return }
            switch session.execute(command) {
            case .success(let output, _):
                let actual = TextRendering.render(output, settings: session.settings, width: Session.notebookWidth)
                #expect(actual == expected.map { $0 + "\n" }.joined(), "`\(command)` prints:\n\(actual)")
            default:
                Issue.record("`\(command)` failed")
            }
        }
        for line in block.dropFirst() {
            if line.hasPrefix("carnet> ") {
                check()
                command = String(line.dropFirst("carnet> ".count))
                expected = []
            } else {
                expected.append(line)
            }
        }
        check()
    }

    @Test func everyOtherExampleRuns() throws {
        let folder = try Self.workFolder()
        var count = 0
        for block in try Self.textBlocks() where block.first != "$ scripts/start" {
            let session = Session()
            session.baseDirectory = folder
            for (file, name) in [("budget-primitif-2022-pays-de-lor", "budget"), ("zae-pays-de-lor", "zae"), ("points-apport-volontaire-pays-de-lor", "pav")] {
                _ = session.execute("load datasets/\(file).csv as \(name)")
            }
            for line in block where line.hasPrefix("carnet> ") {
                let command = String(line.dropFirst("carnet> ".count))
                count += 1
                if case .failure(let error) = session.execute(command) { Issue.record("README: `\(command)` failed: \(error.message)") }
            }
        }
        #expect(count >= 7)
    }
}
