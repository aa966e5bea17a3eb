import Foundation
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

/// Tables drawn for people: numbers are never cut, years and codes are written as they are, and
/// columns that do not fit are named rather than squeezed.
@Suite struct ReadableTablesTests {
    @Test func yearsAndCodesHaveNoThousandsSeparator() {
        let session = Session()
        session.run("set locale fr")
        let out = session.run("SELECT 2018 AS annee, 2 * 1009 AS nb_agents, 34154 AS code_insee, 1234567 AS montant")
        #expect(out.contains("│    2018 │"))
        #expect(out.contains("2 018"))          // a quantity keeps its separators
        #expect(out.contains("34154"))
        #expect(out.contains("1 234 567"))
        let described = session.run("describe (SELECT 2018 AS exercice UNION ALL SELECT 2022)", width: 100)
        #expect(described.contains("│ 2018 │ 2022 │"), "\(described)")
        #expect(!described.contains("2 0"))
        #expect(!described.contains("4 040"))   // no sum of years
    }

    @Test func describeNeverCutsNumbersAtAnyWidth() {
        let session = Session.withDatasets()
        session.run("load datasets/budget-primitif-2022-pays-de-lor.csv as b")
        session.run("set locale fr")
        for width in [60, 80, 100, 140] {
            let out = session.run("describe b", width: width)
            #expect(out.contains("213 683 500,00"), "width \(width): \(out)")
            for line in out.split(separator: "\n") where line.hasPrefix("│") {
                // A cut cell is text, never a number (the ` … ` column stands for hidden ones).
                for cell in line.split(separator: "│") where cell.hasSuffix("… ") && cell != " … " {
                    #expect(cell.contains { !"0123456789 ,.-\u{A0}€%…".contains($0) }, "width \(width): \(line)")
                }
                #expect(DisplayWidth.of(String(line)) <= width, "width \(width): \(line)")
            }
        }
        #expect(session.run("describe b", width: 60).contains("masquées faute de place : "))
    }

    @Test func wideFilesShowReadableColumnsAndNameTheOthers() {
        let session = Session.withDatasets()
        session.run("load datasets/defibrillateurs-toulouse.csv as d")
        let out = session.run("show d limit 3", width: 100)
        let header = out.split(separator: "\n")[1]
        let cells = header.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "…" }
        #expect(cells.count >= 4)
        // A column that is cut keeps at least 10 characters.
        for line in out.split(separator: "\n") where line.hasPrefix("│") {
            for cell in line.split(separator: "│") where cell.hasSuffix("… ") && cell != " … " {
                #expect(cell.count >= 12, "\(line)")
            }
        }
        let hidden = out.split(separator: "\n").first { $0.contains("hidden to fit the width: ") }
        #expect(hidden != nil)
        #expect(hidden?.contains("nom_site") ?? false)
    }
}
