import CarnetSession
@testable import CarnetShell
import CarnetQuery
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
        let c = completer().complete("load datasets/zae-pa")
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
        #expect(SQLText.identifier("catégorie") == "\"catégorie\"")
        #expect(SQLText.identifier("montant") == "montant")
        // A keyword is quoted too, so a completed column named `order` still parses.
        #expect(SQLText.identifier("order") == "\"order\"")
    }
}

/// Completion of option values, read from each command's declared options.
@Suite struct OptionCompletionTests {
    let completer = CompleterTests().completer()

    @Test func columnsAfterColumnOptions() {
        #expect(completer.complete("chart bar zae x=zo").candidates == ["x=zone"])
        #expect(completer.complete("chart bar zae x=zone y=nb").candidates == ["y=nb_entreprises"])
        #expect(completer.complete("chart bar zae x=zone y=nb_entreprises,sup").candidates == ["y=nb_entreprises,superficie_ha"])
        #expect(completer.complete("chart map dae color=comm").candidates == ["color=commune"])
        // Columns of the table the command names, not of every table.
        #expect(!completer.complete("chart bar zae series=").candidates.contains("series=commune"))
        #expect(completer.complete("chart map dae lat=\"Geo").candidates == ["lat=\"Geo Point\"", "lat=\"Geo Shape\""])
        #expect(completer.complete("summarize zae y=").candidates == ["y=zone", "y=nb_entreprises", "y=superficie_ha"])
        #expect(completer.complete("export dae to d.geojson with lat=\"Geo P").candidates == ["lat=\"Geo Point\""])
    }

    @Test func optionValuesFromTheirChoices() {
        #expect(completer.complete("chart bar zae x=zone sort=d").candidates == ["sort=desc"])
        #expect(completer.complete("chart column zae stacked=").candidates == ["stacked=true", "stacked=false"])
        #expect(completer.complete("export zae to z.csv with dialect=f").candidates == ["dialect=fr"])
        #expect(completer.complete("load datasets/zae-pays-de-lor.csv with encoding=cp").candidates == ["encoding=cp1252"])
        #expect(completer.complete("chart bar zae title=").candidates.isEmpty)
    }

    @Test func columnsInsideCalls() {
        #expect(completer.complete("aggregate zae sum(nb").candidates == ["sum(nb_entreprises"])
        #expect(completer.complete("SELECT count(DISTINCT zo").candidates.isEmpty == false)
        #expect(completer.complete("SELECT max(superf").candidates == ["max(superficie_ha"])
        #expect(completer.complete("pivot zae rows zone columns zone values sum(sup").candidates == ["sum(superficie_ha"])
    }
}

/// Option keys come from the command's declaration: completion offers exactly those.
@Suite struct OptionKeyCompletionTests {
    let completer = CompleterTests().completer()

    @Test func keysAreTheDeclaredOptions() {
        let load = CommandRegistry.command(named: "load")!
        #expect(Set(completer.complete("load datasets/zae-pays-de-lor.csv with ").candidates) == Set(load.options.keys + ["as", "with"]))
        let chart = CommandRegistry.command(named: "chart")!
        #expect(Set(completer.complete("chart bar zae ").candidates) == Set(chart.options.keys + ["to"]))
        #expect(completer.complete("export report r.html with ").candidates == ["commands="])
        #expect(completer.complete("export zae to z.csv with s").candidates == ["safe="])
        #expect(completer.complete("load datasets/zae-pays-de-lor.csv with sc").candidates == ["schema="])
    }

    @Test func aliasesAndPathsCompleteTheirValues() {
        #expect(completer.complete("chart map dae lng=comm").candidates == ["lng=commune"])
        #expect(completer.complete("load datasets/zae-pays-de-lor.csv with schema=datasets/zae-pa").candidates == ["schema=datasets/zae-pays-de-lor.csv"])
        #expect(completer.complete("load datasets/zae-pays-de-lor.csv with header=f").candidates == ["header=false"])
    }
}
