import Foundation
import CarnetTestSupport
import Testing

/// The 22 TPC-H queries as published (scripts/tpch-queries.sql), on data tpchgen-cli makes at
/// scale 0.01, run by the `carnet` binary and by DuckDB (the test venv's): every query must run
/// and give DuckDB's answer, cell by cell. scripts/bench-tpch times the same at scale 1.
@Suite struct TPCHTests {
    @Test func theTwentyTwoQueriesGiveDuckDBsAnswers() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("carnet-tpch-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (status, report) = try Python3.runFile("scripts/bench_tpch.py", arguments: ["--scale", "0.01", "--tools", "carnet,duckdb", "--runs", "1",
                                                                                    "--carnet", CLITests.binary, "--data-dir", data, "--check"],
                                                    inTestVenv: true)
        #expect(status == 0, "\(report)")
        #expect(report.contains("Carnet runs 22 of 22 queries as written; 22 of them match DuckDB's answer"), "\(report)")
    }
}
