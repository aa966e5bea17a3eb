import Foundation
import Testing

/// Memory behaviour of the real binary, in its own process: resident memory is one number per
/// process, so these cannot run inside the (parallel) test process. Off under scripts/sanitize:
/// there resident memory measures the sanitizer's shadow and quarantine, not Carnet.
@Suite(.disabled(if: ProcessInfo.processInfo.environment["CARNET_SANITIZER"] != nil, "resident memory under a sanitizer"))
struct MemoryTests {
    let cli = CLITests()

    /// "in use: 49.5 MB" lines of `memory`, in megabytes.
    func residentFigures(_ output: String) -> [Double] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("in use:") else { return nil }
            let words = line.dropFirst("in use:".count).split(separator: " ")
            guard words.count >= 2, let value = Double(words[0]) else { return nil }
            switch words[1] {
            case "kB": return value / 1000
            case "MB": return value
            case "GB": return value * 1000
            default: return nil
            }
        }
    }

    @Test func tenThousandCommandsDoNotGrowBeyondTablesAndNotebook() throws {
        var lines = ["load datasets/zae-pays-de-lor.csv as zae", "load datasets/subventions-toulouse-2022.csv as sub"]
        for i in 0..<10_000 {
            switch i % 4 {
            case 0: lines.append("SELECT count(*) FROM sub WHERE montant > \(i)")
            case 1: lines.append("let t = SELECT * FROM zae WHERE superficie_ha > \(i % 50)")
            case 2: lines.append("count sub by nature")
            default: lines.append("SELECT zone, superficie_ha FROM zae ORDER BY superficie_ha DESC LIMIT 3")
            }
            if i == 499 { lines.append("memory") }
        }
        lines.append("memory")
        let run = try cli.carnet([], input: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.stderr.prefix(500))")
        let figures = residentFigures(run.stdout)
        try #require(figures.count == 2, "\(run.stdout.suffix(600))")
        #expect(run.stdout.contains("10002 recorded commands"))
        // The notebook (every command and its output, about 4 MB here) is all that may grow.
        // Measured: +10.4 MB from the 500th to the 10,000th command.
        #expect(figures[1] - figures[0] < 16, "grew from \(figures[0]) MB to \(figures[1]) MB")
    }

    @Test func aQueryPastTheLimitStopsAndTablesStay() throws {
        let run = try cli.carnet(["-c", """
            load datasets/subventions-toulouse-2022.csv as s; set memory_limit 200MB; \
            SELECT count(*) FROM s a, s b, s c; let pairs = SELECT count(*) AS n FROM s a, s b; show pairs; tables; memory
            """])
        #expect(run.status == 1)
        #expect(run.stderr.contains("memory_limit = 200MB"))
        // 396³ rows × their columns: stopped before any of it is made.
        #expect(run.stderr.contains("this join (62099136 rows) would need about"), "\(run.stderr)")
        #expect(run.stderr.contains("memory_limit 200 MB: stopped, nothing was changed"))
        #expect(run.stderr.contains("set memory_limit 400MB"))
        #expect(run.stdout.contains("156,816"))
        #expect(run.stdout.contains("│ s     │     396 │"), "\(run.stdout)")
        #expect(run.stdout.contains("memory_limit: 200 MB (set by `set memory_limit`)"))
    }

    @Test func aLoadPastTheLimitStopsAndTablesStay() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-memory-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 60 MB of distinct text: it cannot be dictionary-encoded away.
        let big = folder.appendingPathComponent("big.csv")
        var text = "id;label\n"
        text.reserveCapacity(61_000_000)
        for i in 0..<1_000_000 { text += "\(i);ligne numéro \(i) d'un fichier bien trop grand pour la limite\n" }
        try text.write(to: big, atomically: false, encoding: .utf8)
        let run = try cli.carnet(["-c", "load datasets/zae-pays-de-lor.csv as zae; set memory_limit 48MB; load '\(big.path)' as big; tables; set memory_limit default; count zae"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("loading big.csv ("), "\(run.stderr)")
        #expect(run.stderr.contains("memory_limit 48 MB: stopped, nothing was changed"))
        #expect(run.stdout.contains("1 table"))
        #expect(!run.stdout.contains("big "))
        #expect(run.stdout.contains("16"))
    }

    /// Foundation's XML parser leaked an error object per recoverable error; the reader now stops
    /// at the first one. Before: about 450 kB lost per load of this file, 90 MB over 200 loads.
    @Test func damagedWorkbooksDoNotLeak() throws {
        let load = "load Tests/Fixtures/broken/xlsx-undeclared-namespace.xlsx"
        let script = ["memory"] + Array(repeating: load, count: 20) + ["memory"] + Array(repeating: load, count: 200) + ["memory"]
        let run = try cli.carnet([], input: script.joined(separator: "\n") + "\n")
        #expect(run.stderr.contains("a namespace prefix that is not declared"))
        let figures = residentFigures(run.stdout)
        try #require(figures.count == 3, "\(run.stdout)")
        #expect(figures[2] - figures[1] < 20, "grew from \(figures[1]) MB to \(figures[2]) MB")
    }

    @Test func memoryLimitValues() throws {
        let run = try cli.carnet(["-c", "set memory_limit 4GiB; set memory_limit 50%; set memory_limit lots; set memory_limit 1kB; set memory_limit default; set"])
        #expect(run.stderr.contains("memory_limit = 4.3GB"))
        #expect(run.stderr.contains("memory_limit cannot be 'lots'"))
        #expect(run.stderr.contains("use one of: a size such as 4GB"))
        #expect(run.stderr.contains("use one of: at least 1MB"))
        #expect(run.stdout.contains("memory_limit"))
    }
}
