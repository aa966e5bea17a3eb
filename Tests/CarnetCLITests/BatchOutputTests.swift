import Foundation
import Testing

/// Batch mode as scripts and pipelines use it: standard output holds results only, in the format
/// asked for, every value whole; messages go to standard error.
@Suite struct BatchOutputTests {
    let cli = CLITests()

    @Test func readmeExportExampleWritesOnlyTheData() throws {
        // The README's line, run as written, in a folder that holds the datasets.
        let readme = try String(contentsOfFile: CLITests.root + "/README.md", encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("carnet --csv -c ") && $0.hasSuffix("> zae.csv") })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-readme-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/datasets", withDestinationPath: CLITests.root + "/datasets")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", String(line)]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let written = try String(contentsOfFile: folder.path + "/zae.csv", encoding: .utf8)
        // Exactly the file's 16 rows, comma-separated, nothing else.
        let source = try String(contentsOfFile: CLITests.root + "/datasets/zae-pays-de-lor.csv", encoding: .utf8)
        let expected = source.split(separator: "\n").map { $0.replacingOccurrences(of: ";", with: ",") + "\r\n" }.joined()
        #expect(written == expected)
    }

    @Test func messagesGoToStandardErrorResultsToStandardOutput() throws {
        let run = try cli.carnet(["--csv", "-c", """
            load datasets/zae-pays-de-lor.csv as zae; set locale fr; let g = SELECT zone FROM zae WHERE nb_entreprises > 100; \
            note Les grandes zones.; drop g; SELECT count(*) AS n FROM zae
            """])
        #expect(run.status == 0)
        #expect(run.stdout == "n\r\n16\r\n")
        for message in ["loaded zae", "locale = fr", "créé g", "note ajoutée", "supprimé g"] {
            #expect(run.stderr.contains(message), "\(message) missing from: \(run.stderr)")
        }
    }

    @Test func longValuesAreNeverCutInMachineFormats() throws {
        let long = String(repeating: "Zone d'activité économique très longue ", count: 8)
        let query = "SELECT '\(long.replacingOccurrences(of: "'", with: "''"))' AS libelle, 12345678901234.56 AS montant"
        let csv = try cli.carnet(["--csv", "-c", query])
        #expect(csv.stdout.contains(long))
        #expect(csv.stdout.contains("12345678901234.56"))
        let json = try cli.carnet(["--json", "-c", query])
        #expect(json.stdout.contains(long))
        let markdown = try cli.carnet(["--markdown", "-c", query])
        #expect(markdown.stdout.contains("Zone d'activité économique très longue Zone"))
        #expect(markdown.stdout.contains("12,345,678,901,234.56") || markdown.stdout.contains("12345678901234.56"))
        #expect(!markdown.stdout.contains("…"))
    }

    @Test func duckDBSpellingsOfTheOutputFlags() throws {
        let csv = try cli.carnet(["-csv", "-c", "SELECT 1 AS a"])
        #expect(csv.stdout == "a\r\n1\r\n")
        let json = try cli.carnet(["-json", "-c", "SELECT 1 AS a"])
        #expect(json.stdout.contains("\"a\":1"))
        let both = try cli.carnet(["--csv", "--json", "-c", "SELECT 1"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("choose one of --csv, --json and --markdown"))
    }

    @Test func scriptFileRunsWithLineNumbersInErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-script-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("analyse.carnet").path
        try "load datasets/zae-pays-de-lor.csv as zae\ncount zae\nshow nowhere\nSELECT sum(nb_entreprises) AS total FROM zae;\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        let run = try cli.carnet(["-f", script, "--csv"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error (line 3)"))
        #expect(run.stdout.hasSuffix("total\r\n912\r\n"))
        let bail = try cli.carnet(["-f", script, "--bail", "--csv"])
        #expect(!bail.stdout.contains("912"))
        let missing = try cli.carnet(["-f", folder.path + "/none.carnet"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the script"))
    }

    @Test func versionAndHelpListTheShellFlags() throws {
        let version = try cli.carnet(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.split(separator: ".").count == 3)
        for arguments in [["--help"], ["help", "shell"]] {
            let help = try cli.carnet(arguments)
            #expect(help.status == 0)
            for flag in ["-c <commands>", "-f <file>", "--csv", "--json", "--markdown", "--bail"] {
                #expect(help.stdout.contains(flag), "\(arguments): \(flag) missing")
            }
            // Wrapped for an 80-column terminal.
            let longest = help.stdout.split(separator: "\n").map(\.count).max() ?? 0
            #expect(longest <= 80, "\(arguments): a line of \(longest) characters")
        }
    }

    @Test func runExitsZeroOneOrTwoAsDiffDoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-exit-\(getpid())-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "```carnet\nSELECT 1 AS a\n```\n\n```carnet-output\n┌─────────┐\n```\n".write(toFile: folder + "/differs.md", atomically: true, encoding: .utf8)
        try "```carnet\nshow nowhere\n```\n".write(toFile: folder + "/fails.md", atomically: true, encoding: .utf8)
        #expect(try cli.carnet(["run", "--check", folder + "/differs.md"]).status == 1)
        #expect(try cli.carnet(["run", "--check", folder + "/fails.md"]).status == 2)
        #expect(try cli.carnet(["run", folder + "/differs.md"]).status == 0)
        #expect(try cli.carnet(["run", "--check", folder + "/differs.md"]).status == 0)
    }
}
