import Foundation
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// Options are declared once in each `CommandSpec`: the parser, `help`, did-you-mean and a saved
/// notebook's path rewriting all read that declaration, so none can drift from the others.
@Suite struct OptionDeclarationTests {
    static func zae() -> Session {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        return session
    }

    @Test func helpListsEveryDeclaredOptionAndItsAliases() {
        let session = Session()
        for spec in CommandRegistry.commands where !spec.options.isEmpty {
            let help = session.run("help \(spec.name)")
            for option in spec.options {
                #expect(help.contains("  \(option.name)=\(option.placeholder)"), "help \(spec.name) lacks \(option.name)=")
                for alias in option.aliases { #expect(help.contains("\(alias)="), "help \(spec.name) lacks alias \(alias)=") }
            }
        }
    }

    @Test func everyCommandReadsOnlyWhatItDeclares() {
        // A command that reads an option it never declared stops at a precondition; these run
        // every option of the commands that take some.
        let session = Self.zae()
        session.run("chart bar zae x=zone y=nb_entreprises series=zone stacked=true sort=desc top=3 title=T subtitle=S source=Src xtitle=X ytitle=Y unit=€ width=600 height=400")
        session.run("chart histogram zae x=superficie_ha binwidth=10")
        session.run("chart histogram zae x=superficie_ha bins=4")
        session.run("summarize zae x=zone y=nb_entreprises unit=entreprises")
    }

    @Test func aliasesAreTheSameOption() {
        let session = Self.zae()
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as b with sep=';'")
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as c with delimiter=';'")
        #expect(session.workspace.entry(named: "b")!.table == session.workspace.entry(named: "c")!.table)
        #expect(session.run("chart bar zae x=zone y=nb_entreprises by=zone") == session.run("chart bar zae x=zone y=nb_entreprises series=zone"))
    }

    @Test func unknownKeysSuggestTheNearestDeclaredOption() {
        let session = Self.zae()
        let typo = session.failure("chart bar zae x=zone colur=commune")
        #expect(typo?.message == "chart has no option 'colur'")
        #expect(typo?.hint == "did you mean `color=`?")
        #expect(typo?.position == 21)
        // An alias's typo names the option itself.
        #expect(session.failure("load datasets/zae-pays-de-lor.csv with seperator=';'")?.hint == "did you mean `delimiter=`?")
        // Export's table branch does not take the report's option, and says which it takes.
        let report = session.failure("export zae to z.csv with commands=false")
        #expect(report?.message == "export has no option 'commands'")
        #expect(report?.hint?.contains("dialect=") == true)
        #expect(session.failure("export report r.html with dialect=fr")?.message == "export report has no option 'dialect'")
    }

    @Test func badValuesNameWhatIsAllowedAndPointAtTheWord() {
        let session = Self.zae()
        let top = session.failure("chart bar zae x=zone top=0")
        #expect(top?.message == "top takes a positive whole number, not '0'")
        #expect(top?.position == 21)
        #expect(session.failure("chart column zae x=zone stacked=maybe")?.message == "stacked must be true or false, not 'maybe'")
        #expect(session.failure("chart histogram zae x=superficie_ha binwidth=-2")?.message == "binwidth takes a positive number, not '-2'")
        #expect(session.failure("chart bar zae x=zone sort=up")?.message == "sort must be 'asc', 'desc' or 'none', not 'up'")
        #expect(session.failure("chart bar zae x=")?.message == "x needs a value")
        let dialect = session.failure("export zae to z.csv with dialect=de")
        #expect(dialect?.message == "dialect must be 'fr', 'en' or 'rfc4180', not 'de'")
        #expect(dialect?.position == 25)
        #expect(session.failure("load datasets/zae-pays-de-lor.csv with decimal=x")?.message == "decimal must be ',' or '.', not 'x'")
        #expect(session.failure("load datasets/zae-pays-de-lor.csv with header=perhaps")?.hint == "see `help load` for the options")
        #expect(session.failure("load datasets/zae-pays-de-lor.csv with crs=3857")?.message.contains("2154") == true)
        #expect(session.failure("summarize zae x=zone oops")?.message == "unexpected 'oops'")
    }

    @Test func aSavedNotebookRewritesPathOptions() throws {
        let root = try ScratchFolder.make("carnet-options")
        let fixtures = Repository.root + "/Tests/Fixtures/schemas/"
        try FileManager.default.createDirectory(atPath: root + "/data/schemas", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/sessions", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "dae-exemple-valide.csv", toPath: root + "/data/dae.csv")
        try FileManager.default.copyItem(atPath: fixtures + "dae-1.0.0.json", toPath: root + "/data/schemas/dae schema.json")
        let session = Session()
        session.baseDirectory = root
        session.run("load data/dae.csv as dae with schema='data/schemas/dae schema.json' header=true")
        session.run("save sessions/dae.md")
        let text = try String(contentsOfFile: root + "/sessions/dae.md", encoding: .utf8)
        #expect(text.contains("load ../data/dae.csv as dae with schema='../data/schemas/dae schema.json' header=true"))
        var runner = NotebookRunner()
        runner.check = true
        let report = runner.run(root + "/sessions/dae.md")
        #expect(report.ok, "\(report.messages)")
    }
}
