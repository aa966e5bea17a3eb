import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

@Suite struct CommandTests {
    /// Every bundled dataset loads with no option, with the types a data officer expects.
    @Test func everyDatasetLoadsWithTheRightTypes() throws {
        let session = Session.withDatasets()
        let expectations: [(file: String, column: String, type: DataType)] = [
            ("budget-primitif-2022-pays-de-lor.csv", "chapitre", .string),
            ("budget-primitif-2022-pays-de-lor.csv", "montant", .decimal(scale: 2)),
            ("budget-primitif-2022-saint-malo-transport.csv", "BGT_CONTNAT", .string),
            ("budget-primitif-2022-saint-malo-transport.csv", "BGT_SIRET", .string),
            ("budget-primitif-2022-saint-malo-transport.csv", "BGT_MTPREV", .decimal(scale: 2)),
            ("zae-pays-de-lor.csv", "nb_entreprises", .int64),
            ("subventions-principales-pays-de-lor.csv", "montant", .decimal(scale: 2)),
            ("subventions-toulouse-2022.csv", "idAttribuant", .string),
            ("subventions-toulouse-2022.csv", "montant", .decimal(scale: 2)),
            ("subventions-toulouse-2022.csv", "datesPeriodeVersement", .date),
            ("subventions-toulouse-2022.csv", "notificationUE", .bool),
            ("defibrillateurs-toulouse.csv", "Geo Point", .string),
            ("points-apport-volontaire-pays-de-lor.csv", "latitude", .double),
            ("eaje-pays-de-lor-illustratif.csv", "code_insee", .string),
            ("eaje-pays-de-lor-illustratif.csv", "code_postal", .string),
            ("eaje-pays-de-lor-illustratif.csv", "latitude", .double),
            ("eaje-pays-de-lor-illustratif.csv", "date_ouverture", .date),
            ("equipements-pays-de-lor-illustratif.csv", "ADR_CODEPOSTAL", .string),
            ("equipements-pays-de-lor-illustratif.csv", "COLL_SIRET", .string),
        ]
        for e in expectations {
            session.run("load datasets/\(e.file) as t")
            let type = session.workspace.entry(named: "t")?.table.column(named: e.column)?.type
            #expect(type == e.type, "\(e.file) \(e.column)")
        }
    }

    @Test func budgetBalancesToTheCent() throws {
        let session = Session.withDatasets()
        session.run("load datasets/budget-primitif-2022-saint-malo-transport.csv as bp")
        let table = session.workspace.entry(named: "bp")!.table
        let sens = table.column(named: "BGT_CODRD")!, amount = table.column(named: "BGT_MTPREV")!
        var totals: [String: Int64] = [:]
        guard case .decimal(let cents, 2) = amount.buffer else { Issue.record("not decimal(2)"); return }
        for row in 0..<table.rowCount { totals[sens.value(at: row).plainText, default: 0] += cents[row] }
        #expect(totals["dépense"] == 1_460_427_000)
        #expect(totals["recette"] == 1_460_427_000)
    }

    @Test func loadReportGolden() {
        let session = Session.withDatasets()
        Golden.check(session.run("load datasets/defibrillateurs-toulouse.csv as dae"), named: "load-dae.txt")
        Golden.check(session.run("load datasets/points-apport-volontaire-pays-de-lor.csv"), named: "load-pav.txt")
    }

    @Test func describeAndShowGoldens() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        Golden.check(session.run("describe zae", width: 100), named: "describe-zae.txt")
        Golden.check(session.run("show zae limit 5", width: 60), named: "show-zae-60.txt")
        session.run("set locale fr")
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as budget")
        Golden.check(session.run("show budget limit 6", width: 72), named: "show-budget-fr-72.txt")
        session.run("set charset ascii")
        Golden.check(session.run("show zae limit 3", width: 50), named: "show-zae-ascii.txt")
    }

    @Test func machineReadableOutputs() {
        let session = Session.withDatasets()
        session.run("load datasets/subventions-principales-pays-de-lor.csv as s")
        session.run("set output csv")
        Golden.check(session.run("show s limit 4"), named: "show-subventions.csv")
        session.run("set output markdown")
        Golden.check(session.run("show s limit 4"), named: "show-subventions.md")
        session.run("set output json")
        Golden.check(session.run("show s limit 4"), named: "show-subventions.json")
    }

    @Test func tablesAndDrop() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv")
        session.run("load datasets/subventions-principales-pays-de-lor.csv as s")
        #expect(session.workspace.names == ["zae_pays_de_lor", "s"])
        #expect(session.run("tables").contains("zae_pays_de_lor"))
        #expect(session.run("drop S") == "dropped s\n")
        #expect(session.workspace.names == ["zae_pays_de_lor"])
    }

    @Test func errorsSayWhatAndWhereAndSuggest() {
        let session = Session.withDatasets()
        #expect(session.failure("lod datasets/x.csv")?.hint?.contains("`load`") == true)
        #expect(session.failure("lod datasets/x.csv")?.position == 0)
        #expect(session.failure("show zae")?.message.contains("nothing is loaded") == true)
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        let unknown = session.failure("show zea")
        #expect(unknown?.hint == "did you mean `zae`?")
        #expect(unknown?.position == 5)
        #expect(session.failure("show zae limit x")?.message.contains("whole number") == true)
        #expect(session.failure("set locale de")?.hint?.contains("en, fr") == true)
        #expect(session.failure("set colour on")?.message.contains("no setting") == true)
        // The caret goes to the word at fault, chosen by the error's kind.
        #expect(session.failure("set colour on")?.kind == .unknownName)
        #expect(session.failure("set colour on")?.position == 4)
        #expect(session.failure("set locale de")?.kind == .invalid)
        #expect(session.failure("set locale de")?.position == 11)
        #expect(session.failure("SELECT nope FROM zae")?.kind == .unknownName)
        #expect(session.failure("SELECT nope FROM zae")?.position == 7)
        #expect(session.failure("SELECT FROM zae")?.kind == .syntax)
        #expect(session.failure("show zea")?.kind == .unknownName)
        #expect(session.failure("frobnicate")?.kind == .unknownName)
        #expect(session.failure("load datasets/absent.csv")?.message.contains("datasets/absent.csv") == true)
        #expect(session.failure("load datasets/zae-pays-de-lor.csv with delimeter=';'")?.hint == "did you mean `delimiter=`?")
        #expect(session.failure("load datasets/zae-pays-de-lor.csv as 1abc")?.message.contains("table name") == true)
        #expect(session.failure("load 'datasets/zae.csv")?.message.contains("not closed") == true)
        // `let x` is SQL, as the shell sees it: the parser says what is missing.
        let halfLet = session.failure("let grandes")
        #expect(halfLet?.message.contains("unknown command") == false)
        #expect(halfLet?.message.contains("=") == true)
    }

    @Test func failedLoadLeavesTablesUntouched() {
        let session = Session.withDatasets()
        session.run("load datasets/zae-pays-de-lor.csv as zae")
        let before = session.workspace.entry(named: "zae")!.table
        _ = session.failure("load datasets/missing.csv as zae")
        _ = session.failure("load datasets as zae")
        #expect(session.workspace.entry(named: "zae")!.table == before)
    }

    @Test func loadOptionsReachTheReader() {
        let session = Session.withDatasets()
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as b with types=montant:double,chapitre:text encoding=utf8 delimiter=';' header=true")
        let table = session.workspace.entry(named: "b")!.table
        #expect(table.column(named: "montant")!.type == .double)
    }

    @Test func helpListsEveryCommandAndExplainsOne() {
        let session = Session()
        let overview = session.run("help")
        for name in CommandRegistry.names { #expect(overview.contains("  \(name) ")) }
        let load = session.run("help load")
        #expect(load.hasPrefix("load PATH [as NAME] [with OPTION=VALUE …]"))
        #expect(load.contains("example"))
        #expect(session.failure("help lod")?.hint == "did you mean `help load`?")
    }

    @Test func tableNamesFromFileNames() {
        #expect(LoadCommand.tableName(forPath: "datasets/Budget Primitif-2022.csv") == "budget_primitif_2022")
        #expect(LoadCommand.tableName(forPath: "équipements publics.tsv") == "equipements_publics")
        #expect(LoadCommand.tableName(forPath: "2023.csv") == "t_2023")
    }
}
