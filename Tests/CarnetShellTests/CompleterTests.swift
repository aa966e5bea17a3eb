import CarnetSession
@testable import CarnetShell
import Testing

@Suite struct CompleterTests {
    func completer() -> Completer {
        let session = Session()
        session.baseDirectory = ReplTests.root
        _ = session.execute("load datasets/zae-pays-de-lor.csv as zae")
        _ = session.execute("load datasets/defibrillateurs-toulouse.csv as dae")
        return Completer(session: session)
    }

    @Test func commandNames() {
        let c = completer().complete("de")
        #expect(c.candidates == ["describe"])
        #expect(c.wordStart == 0)
        let s = completer().complete("s").candidates
        #expect(Set(s) == Set(CommandRegistry.names.filter { $0.hasPrefix("s") } + ["select"]))
    }

    @Test func tableNamesWhereATableIsExpected() {
        #expect(completer().complete("show z").candidates == ["zae"])
        #expect(completer().complete("describe ").candidates == ["zae", "dae"])
        #expect(completer().complete("show zae ").candidates == ["limit"])
    }

    @Test func pathsAfterLoad() {
        let c = completer().complete("load datasets/zae")
        #expect(c.candidates == ["datasets/zae-pays-de-lor.csv"])
        #expect(c.wordStart == 5)
        #expect(completer().complete("load data").candidates == ["datasets/"])
        #expect(completer().complete("load datasets/zae-pays-de-lor.csv ").candidates.contains("as"))
    }

    @Test func settingsAndTheirValues() {
        #expect(completer().complete("set lo").candidates == ["locale"])
        #expect(completer().complete("set locale ").candidates == ["en", "fr"])
        #expect(completer().complete("set output m").candidates == ["markdown"])
    }

    @Test func columnNamesInSQLAreQuotedWhenNeeded() {
        let candidates = completer().complete("select \"Geo").candidates
        #expect(candidates == ["\"Geo Point\"", "\"Geo Shape\""])
        #expect(completer().complete("select nb_").candidates == ["nb_entreprises"])
        #expect(Completer.quoteIdentifier("catégorie") == "\"catégorie\"")
        #expect(Completer.quoteIdentifier("montant") == "montant")
    }
}
