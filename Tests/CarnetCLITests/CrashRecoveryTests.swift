import Foundation
import CarnetTestSupport
import Testing

/// Crash safety of the real binary, driven by scripts in Tests/CrashRecovery (Python: its pty
/// module gives a real terminal, and forking inside this multi-threaded test process would not
/// be safe).
@Suite struct CrashRecoveryTests {
    func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try Python3.runFile("Tests/CrashRecovery/" + script, arguments: arguments)
    }

    /// Types commands and a note into `carnet` in a pseudo-terminal, kills it with SIGKILL,
    /// starts it again, answers yes to the recovery question and saves: nothing is lost.
    @Test func killedSessionIsRecoveredFromItsJournal() throws {
        let run = try python("kill_and_recover.py", [CLITests.binary, CLITests.root])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("ok: killed with SIGKILL after 4 entries; recovered 3 commands and the note"), "\(run.output)")
    }

    /// Kills `carnet` at twelve moments of an export and a save over existing files: each file
    /// is then the old one or the complete new one.
    @Test func interruptedExportsAndSavesAreNeverHalfWritten() throws {
        let run = try python("interrupt_writes.py", [CLITests.binary])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("never half written"), "\(run.output)")
    }
}
