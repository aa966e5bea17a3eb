import Foundation
import Testing

/// The real `carnet` binary, run as a child process.
@Suite struct CLITests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// `carnet` sits beside the test bundle in the build folder.
    static let binary: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = bundle.appendingPathComponent("carnet").path
        if !FileManager.default.fileExists(atPath: candidate) {
            candidate = root + "/.build/debug/carnet"
        }
        return candidate
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func carnet(_ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Input comes from a file: written into a pipe, a long script would fill it while the
        // child blocks writing its own output, and neither side would move.
        let inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-input-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: inputPath, contents: Data((input ?? "").utf8))
        defer { try? FileManager.default.removeItem(atPath: inputPath) }
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        try process.run()
        // Standard error is drained on another thread, for the same reason.
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func batchFromStandardInput() throws {
        let run = try carnet([], input: "load datasets/zae-pays-de-lor.csv as zae\nshow zae limit 2\n")
        #expect(run.status == 0)
        // Standard output holds the result only; the load report is a message.
        #expect(run.stderr.contains("loaded zae: 16 rows × 3 columns"))
        #expect(!run.stdout.contains("loaded"))
        #expect(run.stdout.contains("Aérodrome"))
        #expect(!run.stdout.contains("carnet>"))
    }

    @Test func anyFailureMakesTheExitStatusOne() throws {
        let run = try carnet([], input: "tables\nshow missing\ntables\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("error (line 2)"))
        #expect(run.stdout.components(separatedBy: "no tables yet").count == 3)
    }

    @Test func bailStopsAtTheFirstFailure() throws {
        let run = try carnet(["--bail"], input: "show missing\ntables\n")
        #expect(run.status == 1)
        #expect(!run.stdout.contains("no tables yet"))
    }

    @Test func commandsFlagAndCSVOutput() throws {
        let run = try carnet(["--csv", "-c", "load datasets/subventions-principales-pays-de-lor.csv as s; show s limit 2"])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("objet,montant\r\nRemboursements titres-restaurants,116000.00\r\nAide à l'insertion,109000.00\r\n"))
    }

    @Test func filesGivenAsArgumentsAreLoadedFirst() throws {
        let run = try carnet(["datasets/zae-pays-de-lor.csv", "datasets/subventions-principales-pays-de-lor.csv", "-c", "tables"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("loaded zae_pays_de_lor: 16 rows"))
        #expect(run.stderr.contains("loaded subventions_principales_pays_de_lor: 11 rows"))
        #expect(run.stdout.contains("2 tables"))
    }

    @Test func badInputGetsAMessageAndTheSessionGoesOn() throws {
        let run = try carnet([], input: "load datasets\nload Tests/Fixtures/csv/empty.csv\nload Tests/Fixtures/csv/unclosed-quote.csv\nload datasets/zae-pays-de-lor.csv as ok\ntables\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("datasets: is a folder, not a file"))
        #expect(run.stderr.contains("empty.csv: the file is empty"))
        #expect(run.stderr.contains("unclosed-quote.csv:4: a quote opened on this line is never closed"))
        #expect(run.stdout.contains("│ ok "))
    }

    @Test func helpFlag() throws {
        let run = try carnet(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: carnet"))
    }
}
