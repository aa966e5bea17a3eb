import Foundation
import CarnetSession
@testable import CarnetShell
import Testing

/// The shell loop driven by a scripted line editor, as a person at a terminal would drive it.
@Suite struct ReplTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    func repl(_ events: [LineEvent], interactive: Bool = true) -> (Repl, ScriptedLineReader, BufferOutputSink) {
        let session = Session()
        session.baseDirectory = Self.root
        let reader = ScriptedLineReader(events)
        let sink = BufferOutputSink()
        return (Repl(session: session, reader: reader, sink: sink, interactive: interactive, terminalWidth: 80), reader, sink)
    }

    @Test func runsCommandsAndRecordsTheSuccessfulOnes() {
        let (repl, reader, sink) = repl([.line("load datasets/zae-pays-de-lor.csv as zae"), .line("shw zae"), .line("show zae limit 2"), .endOfInput])
        #expect(repl.run() == 1)
        #expect(repl.failures == 1)
        #expect(repl.recorded == ["load datasets/zae-pays-de-lor.csv as zae", "show zae limit 2"])
        #expect(sink.stdout.contains("Fréjorgues") == false)
        #expect(sink.stdout.contains("Aérodrome"))
        #expect(sink.stderr.contains("error: unknown command 'shw'"))
        #expect(sink.stderr.contains("hint: did you mean `show`?"))
        #expect(reader.history == ["load datasets/zae-pays-de-lor.csv as zae", "shw zae", "show zae limit 2"])
    }

    @Test func multiLineInputShowsTheContinuationPrompt() {
        let (repl, reader, _) = repl([.line("load 'datasets/zae-pays-de-lor"), .line(".csv' as zae"), .endOfInput])
        #expect(repl.run() == 1)  // the newline is part of the path: no such file
        #expect(reader.prompts == [Repl.prompt, Repl.continuationPrompt, Repl.prompt])
    }

    @Test func ctrlCAbandonsTheLineAndCtrlDQuits() {
        let (repl, reader, _) = repl([.line("load 'datasets/zae"), .interrupted, .line("tables"), .endOfInput, .line("never read")])
        #expect(repl.run() == 0)
        #expect(reader.prompts == [Repl.prompt, Repl.continuationPrompt, Repl.prompt, Repl.prompt])
        #expect(repl.recorded.isEmpty)
    }

    @Test func quitStops() {
        let (repl, reader, _) = repl([.line("quit"), .line("tables")])
        #expect(repl.run() == 0)
        #expect(reader.prompts.count == 1)
    }

    @Test func batchModeNamesTheLineOfAFailureAndBailStops() {
        let (repl, _, sink) = repl([.line("tables"), .line(""), .line("show nothing"), .line("tables")], interactive: false)
        repl.bail = true
        #expect(repl.run() == 1)
        #expect(sink.stderr.hasPrefix("error (line 3): there is no table 'nothing'"))
        #expect(sink.stdout == "no tables yet: load PATH [as NAME]\n")
    }

    @Test func errorsPointAtTheirWord() {
        let (repl, _, sink) = repl([.line("show zae limit"), .endOfInput])
        repl.run()
        #expect(sink.stderr.contains("  show zae limit\n       ^"))
    }

    @Test func commandsFromTheCommandLine() {
        let (repl, _, sink) = repl([])
        #expect(repl.run(commands: "load datasets/zae-pays-de-lor.csv as z; set output csv; show z limit 1") == 0)
        #expect(sink.stdout.hasSuffix("zone,nb_entreprises,superficie_ha\r\nAérodrome,12,\r\n"))
    }
}

@Suite struct HistoryFileTests {
    @Test func pathFollowsXDGStateHome() {
        #expect(HistoryFile.path { $0 == "XDG_STATE_HOME" ? "/s" : ($0 == "HOME" ? "/h" : nil) } == "/s/carnet/history")
        #expect(HistoryFile.path { $0 == "HOME" ? "/h" : nil } == "/h/.local/state/carnet/history")
        #expect(HistoryFile.path { _ in nil } == nil)
    }

    @Test func atomicReplaceCreatesFoldersAndKeepsTheOldFileOnFailure() throws {
        let folder = "/tmp/carnet-history-test-\(getpid())"
        let path = folder + "/a/b/history"
        HistoryFile.atomicallyReplace(path) { temporary in
            FileManager.default.createFile(atPath: temporary, contents: Data("first\n".utf8))
        }
        #expect(FileManager.default.contents(atPath: path) == Data("first\n".utf8))
        HistoryFile.atomicallyReplace(path) { temporary in
            FileManager.default.createFile(atPath: temporary, contents: Data("half".utf8))
            return false
        }
        #expect(FileManager.default.contents(atPath: path) == Data("first\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/a/b") == ["history"])
        try FileManager.default.removeItem(atPath: folder)
    }
}
