@testable import CarnetSession
import Testing

/// `help` covers SQL as well as commands, and a mistyped SQL word is recognised.
@Suite struct HelpTests {
    @Test func helpListsSQLLetAndExplain() {
        let session = Session()
        let overview = session.run("help")
        for line in ["  SELECT ", "  let ", "  explain "] { #expect(overview.contains(line), "\(line) missing") }
        #expect(session.run("help select").contains("docs/sql.md"))
        #expect(session.run("help let").contains("let NAME = SELECT"))
        #expect(session.run("help explain").contains("explain SELECT"))
    }

    @Test func mistypedSQLGetsDidYouMean() {
        let session = Session()
        #expect(session.failure("SELEC 1")?.hint?.contains("did you mean `SELECT`?") ?? false)
        #expect(session.failure("help selct")?.hint?.contains("help select") ?? false)
    }
}
