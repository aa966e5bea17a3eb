import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Foundation
import Testing

/// A long batch session must not leak: after its tables are loaded, thousands of queries,
/// aggregations and derived tables (replaced again and again) leave resident memory where it was.
@Suite struct MemoryGrowthTests {
    /// Resident set size in bytes, from /proc (Linux only; nil elsewhere).
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func tenThousandCommandsDoNotGrowMemory() throws {
        let session = Session.withDatasets()
        session.isRecording = false
        session.run("load datasets/subventions-toulouse-2022.csv as s")
        session.run("load datasets/zae-pays-de-lor.csv as z")
        let commands = [
            "SELECT count(*) FROM s WHERE montant > 1000",
            "let t = SELECT * FROM z ORDER BY 1",
            "count s",
            "SELECT upper(zone) AS n, sum(nb_entreprises) FROM z GROUP BY 1 ORDER BY 2 DESC",
            "SELECT secteur, sum(montant), count(*) FROM s GROUP BY secteur",
        ].filter { if case .failure = session.execute($0) { return false } else { return true } }
        #expect(commands.count == 5, "the commands must run on the datasets")
        // Warm-up: allocator pools and caches reach their steady size.
        for i in 0..<500 { _ = session.execute(commands[i % commands.count]) }
        guard let before = Self.residentBytes() else { return }
        for i in 0..<10_000 { _ = session.execute(commands[i % commands.count]) }
        let after = try #require(Self.residentBytes())
        let growth = after - before
        #expect(growth < 32 << 20, "resident memory grew by \(growth >> 20) MB over 10,000 commands")
        print("memory growth over 10,000 commands: \(growth >> 10) kB")
    }
}
