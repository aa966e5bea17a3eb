@testable import CarnetShell
import Testing

@Suite struct StatementAssemblerTests {
    @Test func openQuoteOrParenthesisContinuesTheStatement() {
        var a = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(a.add("load 'mon fichier") == nil)
        #expect(a.isContinuing)
        #expect(a.add(".csv'") == "load 'mon fichier\n.csv'")
        #expect(!a.isContinuing)
        #expect(a.add("show (") == nil)
        #expect(a.add("x)") == "show (\nx)")
    }

    @Test func sqlWaitsForSemicolonAtThePromptButNotInBatch() {
        var interactive = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(interactive.add("SELECT *") == nil)
        #expect(interactive.add("FROM zae -- the zones") == nil)
        #expect(interactive.add("WHERE nb > 10;") == "SELECT *\nFROM zae -- the zones\nWHERE nb > 10;")
        var batch = StatementAssembler(sqlNeedsSemicolon: false)
        #expect(batch.add("select * from zae") == "select * from zae")
    }

    @Test func commandsEndAtTheLineEnd() {
        var a = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(a.add("show zae") == "show zae")
        #expect(a.add("   ") == nil)
        #expect(!a.isContinuing)
    }

    @Test func interruptDropsTheHalfTypedStatement() {
        var a = StatementAssembler(sqlNeedsSemicolon: true)
        _ = a.add("select 1")
        a.reset()
        #expect(a.add("tables") == "tables")
    }

    @Test func commandLineTextSplitsAtSemicolonsOutsideQuotes() {
        #expect(StatementAssembler.split("load 'a;b.csv' as t; show t ;describe t;") == ["load 'a;b.csv' as t", "show t", "describe t"])
        #expect(StatementAssembler.split("  ") == [])
    }
}
