import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// `undo` takes back exactly the last entry: a note, or a command with what it changed.
@Suite(.serialized) struct UndoTests {
    @Test func undoAfterANoteRemovesOnlyTheNote() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        session.run("count zae")
        session.run("note Seize zones.")
        #expect(session.run("undo").contains("undid the note: Seize zones."))
        #expect(session.document.cells.map(\.command) == ["load datasets/zae-pays-de-lor.csv as zae", "count zae"])
        #expect(!session.document.text.contains("Seize zones."))
        #expect(session.run("undo").contains("undid: count zae"))
        #expect(session.document.cells.count == 1)
        #expect(session.workspace.entry(named: "zae") != nil)
    }

    @Test func undoOfAMemoryLimitRestoresTheLimit() {
        let session = Session()
        MemoryLimit.reset()
        let before = MemoryLimit.bytes
        session.run("set memory_limit 300MB")
        #expect(MemoryLimit.bytes == 300_000_000)
        session.run("undo")
        #expect(MemoryLimit.bytes == before)
        #expect(MemoryLimit.isDefault)
    }
}
