@testable import CarnetShell
import Testing

@Suite struct StatementAssemblerTests {
    func texts(_ statements: [StatementAssembler.Statement]) -> [String] { statements.map(\.text) }

    @Test func openQuoteOrParenthesisContinuesTheStatement() {
        var a = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(a.add("load 'mon fichier").isEmpty)
        #expect(a.isContinuing)
        #expect(a.add(".csv'") == [.init(text: "load 'mon fichier\n.csv'", line: 1)])
        #expect(!a.isContinuing)
        #expect(a.add("show (").isEmpty)
        #expect(a.add("x)") == [.init(text: "show (\nx)", line: 3)])
    }

    @Test func sqlWaitsForSemicolonAtThePrompt() {
        var interactive = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(interactive.add("SELECT *").isEmpty)
        #expect(interactive.add("FROM zae -- the zones").isEmpty)
        #expect(texts(interactive.add("WHERE nb > 10;")) == ["SELECT *\nFROM zae -- the zones\nWHERE nb > 10;"])
    }

    /// `let x` is SQL for the assembler as for the session: it waits for `;` and becomes one
    /// statement with the lines after it (it used to run alone as an unknown command).
    @Test func letWithoutEqualsIsStillSQL() {
        var interactive = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(interactive.add("let grandes").isEmpty)
        #expect(interactive.isContinuing)
        #expect(texts(interactive.add("  = SELECT 1;")) == ["let grandes\n  = SELECT 1;"])
        var batch = StatementAssembler(sqlNeedsSemicolon: false) { ["show"].contains($0) }
        #expect(batch.add("create").isEmpty)
        #expect(batch.add("show zae") == [.init(text: "create", line: 1), .init(text: "show zae", line: 2)])
    }

    /// In batch mode a query ends at `;`, at a blank line, or where the next statement starts.
    @Test func batchQueriesSpanLinesUntilTheNextStatement() {
        var batch = StatementAssembler(sqlNeedsSemicolon: false) { ["show", "load"].contains($0) }
        #expect(batch.add("select zone,").isEmpty)
        #expect(batch.add("  nb").isEmpty)
        #expect(batch.add("from zae").isEmpty)
        #expect(batch.add("show zae") == [.init(text: "select zone,\n  nb\nfrom zae", line: 1), .init(text: "show zae", line: 4)])
        #expect(batch.add("select 1;") == [.init(text: "select 1;", line: 5)])
        #expect(batch.add("select 2").isEmpty)
        #expect(batch.add("") == [.init(text: "select 2", line: 6)])
        #expect(batch.add("select 3").isEmpty)
        #expect(batch.add("select 4") == [.init(text: "select 3", line: 8)])
        #expect(batch.finish() == .init(text: "select 4", line: 9))
        #expect(batch.finish() == nil)
    }

    @Test func commandsEndAtTheLineEnd() {
        var a = StatementAssembler(sqlNeedsSemicolon: true)
        #expect(texts(a.add("show zae")) == ["show zae"])
        #expect(a.add("   ").isEmpty)
        #expect(!a.isContinuing)
    }

    /// Found by the pseudo-terminal crash test: `note … l'Or …` waited for the quote to close.
    @Test func rawTextCommandsEndAtTheLineEndWhateverTheirQuotes() {
        var a = StatementAssembler(sqlNeedsSemicolon: false, isCommandName: { ["note", "show"].contains($0) }, takesRawText: { $0 == "note" })
        #expect(a.add("select 1").isEmpty)
        #expect(texts(a.add("note Les ZAE de l'Or (à revoir")) == ["select 1", "note Les ZAE de l'Or (à revoir"])
        #expect(!a.isContinuing)
        #expect(texts(a.add("show 'it''s'")) == ["show 'it''s'"])
    }

    @Test func interruptDropsTheHalfTypedStatement() {
        var a = StatementAssembler(sqlNeedsSemicolon: true)
        _ = a.add("select 1")
        a.reset()
        #expect(texts(a.add("tables")) == ["tables"])
    }

    @Test func commandLineTextSplitsAtSemicolonsOutsideQuotes() {
        #expect(StatementAssembler.split("load 'a;b.csv' as t; show t ;describe t;") == ["load 'a;b.csv' as t", "show t", "describe t"])
        #expect(StatementAssembler.split("  ") == [])
    }
}
