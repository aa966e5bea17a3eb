import CarnetEngine
import Foundation
@testable import CarnetIO
import Testing

/// Exact values and warnings for the quirks whose point is the value itself.
@Suite struct SnifferValueTests {
    @Test func frenchAmountsWithEveryThousandsSeparator() throws {
        let (table, _) = try Fixture.load("semicolon-decimal-comma.csv")
        #expect(table.strings("montant") == ["1234.56", "987.10", "-45.00", "12500.00", "3456.78", "1234.56", "1234567.89"])
    }

    @Test func lineEndingsGiveIdenticalTables() throws {
        let (lf, lfReport) = try Fixture.load("lf.csv")
        let (crlf, crlfReport) = try Fixture.load("crlf.csv")
        let (cr, crReport) = try Fixture.load("cr-only.csv")
        #expect(lf.dump == crlf.dump)
        #expect(lf.dump == cr.dump)
        #expect(lf.strings("montant") == ["1500.50", "2300.00", "125.75", "980.00"])
        #expect([lfReport.lineEnding, crlfReport.lineEnding, crReport.lineEnding] == ["LF", "CRLF", "CR"])
    }

    @Test func lastLineWithoutNewlineIsKept() throws {
        let (table, _) = try Fixture.load("no-final-newline.csv")
        #expect(table.strings("montant").last == "980")
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstName() throws {
        let (table, _) = try Fixture.load("utf8-bom.csv")
        #expect(table.columnNames.first == "nom")
    }

    @Test func windows1252IsDecoded() throws {
        let (table, _) = try Fixture.load("windows-1252.csv")
        let labels = table.strings("libelle").compactMap { $0 }
        #expect(labels.contains("Œuvres sociales"))
        #expect(labels.contains("L’été « au frais »"))
        #expect(labels.contains("Zone d’activités…"))
        #expect(table.strings("unite") == Array(repeating: "€", count: 5))
    }

    @Test func identifiersKeepTheirLeadingZeros() throws {
        let (table, report) = try Fixture.load("leading-zero-ids.csv")
        #expect(table.strings("code_insee").contains("01053"))
        #expect(table.strings("code_postal").contains("01000"))
        #expect(table.strings("chapitre").contains("011"))
        #expect(table.strings("siret").contains("00552013500012"))
        #expect(table.strings("siren").contains("005520135"))
        #expect(report.columns[0].note?.contains("identifier") == true)
    }

    @Test func scientificNotationIdentifiersAreFlagged() throws {
        let (table, report) = try Fixture.load("excel-scientific-ids.csv")
        #expect(table.strings("siret").first == "2,43E+13")
        #expect(table.strings("siret")[4] == nil)
        #expect(report.warnings.contains { $0.contains("siret") && $0.contains("scientific notation") })
    }

    @Test func integersWrittenAsFloatsAreFlagged() throws {
        let (table, report) = try Fixture.load("excel-int-as-float.csv")
        #expect(table.strings("id") == ["6", "11", "12", "17", "20"])
        #expect(report.warnings.contains { $0.contains("'id'") && $0.contains("written as floats") && $0.contains("kept as text") })
    }

    @Test func coordinatesTurnedIntoDatesAreNamedWithTheirLine() throws {
        let (table, report) = try Fixture.load("excel-coordinates-as-dates.csv")
        #expect(table.column(named: "longitude")!.nullCount == 1)
        #expect(table.column(named: "latitude")!.nullCount == 1)
        #expect(table.strings("longitude")[2] == nil)
        #expect(table.strings("latitude")[4] == nil)
        #expect(report.warnings.contains { $0.contains("'longitude'") && $0.contains("line 4") && $0.contains("04-mai") })
        #expect(report.warnings.contains { $0.contains("'latitude'") && $0.contains("line 6") })
    }

    @Test func frenchDatesAreDayFirst() throws {
        let (fr, _) = try Fixture.load("dates-fr.csv")
        #expect(fr.strings("date_decision") == ["2022-01-15", "2022-02-03", "2022-02-28", "2022-12-01", "2022-12-31"])
        let (iso, _) = try Fixture.load("dates-iso.csv")
        #expect(iso.strings("date_decision").last == "2024-02-29")
    }

    @Test func timestamps() throws {
        let (table, _) = try Fixture.load("datetimes.csv")
        #expect(table.strings("horodatage_iso").first == "2022-03-04 12:30:00")
        #expect(table.strings("horodatage_fr").first == "2022-03-04 12:30:00")
        #expect(table.strings("horodatage_iso").last == "2023-01-01 00:00:00")
    }

    @Test func booleanVocabularies() throws {
        let (table, _) = try Fixture.load("booleans.csv")
        for column in ["actif", "ouvert_public", "accessible_pmr", "notification_ue"] {
            #expect(table.strings(column).prefix(2) == ["true", "false"], "\(column)")
        }
    }

    @Test func nullTokensInNumbersAndText() throws {
        let (table, _) = try Fixture.load("null-tokens.csv")
        #expect(table.column(named: "montant")!.nullCount == 5)
        #expect(table.column(named: "commentaire")!.nullCount == 5)
        #expect(table.strings("montant") == ["1500.50", nil, nil, nil, nil, nil, "980.00", "45.10"])
    }

    @Test func raggedRowsArePaddedAndReportedWithTheirLines() throws {
        let (table, report) = try Fixture.load("ragged-rows.csv")
        #expect(table.columnCount == 4)
        #expect(table.strings("montant") == ["1500", nil, "980", "2300", nil, "45"])
        #expect(report.warnings.contains { $0.contains("too few") && $0.contains("3, 6") })
        #expect(report.warnings.contains { $0.contains("too many") && $0.contains("4, 7") })
    }

    @Test func unclosedQuoteNamesTheLineWhereItOpened() {
        #expect {
            try Fixture.load("unclosed-quote.csv")
        } throws: { error in
            guard let e = error as? LoadError else { return false }
            return e.line == 4 && e.message.contains("quote")
        }
    }

    @Test func quotedFieldsWithNewlinesAndDoubledQuotes() throws {
        let (table, _) = try Fixture.load("multiline-quoted.csv")
        #expect(table.strings("adresse")[0] == "12 rue des Écoles\n34130 Mauguio")
        #expect(table.strings("commentaire")[1] == "Il a dit \"bonjour\" à l'accueil")
        #expect(table.strings("nom")[2] == "Salle \"Les Voiles\"")
        #expect(table.strings("adresse")[2] == "Quai du Port\nBP 12\n34280 La Grande-Motte")
    }

    @Test func duplicateAndEmptyHeaderNamesAreRenamed() throws {
        let (table, report) = try Fixture.load("duplicate-header.csv")
        #expect(table.columnNames == ["nom", "montant", "nom_2", "col_4", "montant_2"])
        #expect(report.warnings.count == 3)
    }

    @Test func junkPrefixIsStrippedFromTheHeader() throws {
        let (table, report) = try Fixture.load("junk-prefix-header.csv")
        #expect(table.columnNames == ["id", "nom", "montant"])
        #expect(report.warnings.contains { $0.contains("##") })
    }

    @Test func spaceAfterCommaIsSkipped() throws {
        let (table, report) = try Fixture.load("comma-space.csv")
        #expect(report.dialect.skipInitialSpace)
        #expect(table.columnNames == ["id", "nom", "url", "montant"])
        #expect(table.strings("nom")[0] == "Dupont, Jean")
        #expect(table.strings("url")[0] == "http://exemple.fr/a,b")
        #expect(table.strings("nom")[2] == "Durand \"Jr\"")
    }

    @Test func headerlessFileIsNamedByPosition() throws {
        let (table, _) = try Fixture.load("no-header.csv")
        #expect(table.columnNames == ["col_1", "col_2", "col_3", "col_4"])
        #expect(table.strings("col_1").first == "1")
    }

    @Test func headerOnlyGivesAnEmptyTable() throws {
        let (table, report) = try Fixture.load("header-only.csv")
        #expect(table.columnNames == ["id", "nom", "montant"])
        #expect(report.warnings.contains { $0.contains("no data rows") })
    }

    @Test func emptyFileIsAClearError() {
        #expect(throws: LoadError.self) { try Fixture.load("empty.csv") }
    }

    @Test func invalidUTF8IsReplacedAndReportedWithItsLine() throws {
        let (table, report) = try Fixture.load("invalid-utf8.csv")
        #expect(table.strings("nom")[2] == "Caf\u{FFFD} du port")
        #expect(table.strings("nom")[0] == "Médiathèque")
        #expect(report.warnings.contains { $0.contains("invalid UTF-8") && $0.contains("line(s) 4") })
    }
}

/// Numbers whose digits do not fit an exact decimal.
@Suite struct LongNumberTests {
    @Test func longFractionsMakeADoubleColumn() throws {
        let text = "x;y\n0,111111111111111111111111111111;2,5\n2,5;1\n"
        let path = NSTemporaryDirectory() + "carnet-long-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (table, _) = try CSVReader.load(path: path)
        #expect(table.column(named: "x")?.type == .double)
        #expect(table.strings("x") == ["0.1111111111111111", "2.5"])
    }

    @Test func longIntegersStayText() {
        let digits = Array(String(repeating: "9", count: 30).utf8)
        digits.withUnsafeBufferPointer { field in
            #expect(!ColumnEvidence.isLongFraction(field, mark: NumberParser.dot))
        }
        Array("-12345678901234567890.5".utf8).withUnsafeBufferPointer { field in
            #expect(ColumnEvidence.isLongFraction(field, mark: NumberParser.dot))
            #expect(!ColumnEvidence.isLongFraction(field, mark: NumberParser.comma))
        }
    }
}
