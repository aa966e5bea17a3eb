import CarnetEngine
@testable import CarnetIO
import Testing

/// Whole-file behaviour: re-reads when late values widen a type, overrides, bad files.
@Suite struct LoaderBehaviourTests {
    /// A decimal, then a word, far past the sniffed sample: the column widens, nothing is lost.
    @Test func lateValuesWidenTheirColumn() throws {
        var text = "id;montant;nombre\n"
        for i in 0..<30_000 { text += "\(i + 1);\(i % 100);\(1000 + i % 7)\n" }
        text += "30001;12,5;1007\n30002;7;A12\n"
        let path = TemporaryFile.write(text)
        let (table, report) = try CSVReader.load(path: path)
        #expect(table.rowCount == 30_002)
        #expect(table.column(named: "montant")!.type == .decimal(scale: 1))
        #expect(table.strings("montant")[30_000] == "12.5")
        #expect(table.column(named: "nombre")!.type == .string)
        #expect(table.strings("nombre").last == "A12")
        #expect(report.rereads == 2)
    }

    @Test func leadingZeroFarDownMakesTheColumnText() throws {
        var text = "chapitre,montant\n"
        for i in 0..<25_000 { text += "\(10 + i % 50),1.50\n" }
        text += "011,2.00\n"
        let (table, _) = try CSVReader.load(path: TemporaryFile.write(text))
        #expect(table.column(named: "chapitre")!.type == .string)
        #expect(table.strings("chapitre").last == "011")
        #expect(table.strings("chapitre").first == "10")
    }

    @Test func optionsOverrideTheSniffer() throws {
        let path = Fixture.path("semicolon-decimal-comma.csv")
        var options = LoadOptions()
        options.types = ["quantite": .string, "MONTANT": .double]
        options.hasHeader = true
        let (table, report) = try CSVReader.load(path: path, options: options)
        #expect(table.column(named: "quantite")!.type == .string)
        #expect(table.column(named: "montant")!.type == .double)
        #expect(report.columns[1].note == "set by types=")
    }

    @Test func forcedTypeTurnsMisfitsIntoNullsAndSaysSo() throws {
        let path = TemporaryFile.write("nom,valeur\na,1\nb,deux\nc,3\n")
        var options = LoadOptions()
        options.types = ["valeur": .int64]
        let (table, report) = try CSVReader.load(path: path, options: options)
        #expect(table.strings("valeur") == ["1", nil, "3"])
        #expect(report.warnings.contains { $0.contains("line 3") && $0.contains("deux") })
    }

    @Test func unknownColumnInTypesIsAnError() {
        var options = LoadOptions()
        options.types = ["absent": .int64]
        #expect(throws: LoadError.self) { try CSVReader.load(path: Fixture.path("lf.csv"), options: options) }
    }

    @Test func forcedDelimiterAndEncoding() throws {
        var options = LoadOptions()
        options.delimiter = UInt8(ascii: ";")
        options.encoding = .latin1
        let (table, report) = try CSVReader.load(path: Fixture.path("latin1.csv"), options: options)
        #expect(report.dialect.encoding == .latin1)
        #expect(table.strings("unite").contains("°C"))
    }

    @Test func excelSeparatorLine() throws {
        let path = TemporaryFile.write("sep=;\r\nnom;montant\r\na;1,5\r\nb;2\r\n")
        let (table, report) = try CSVReader.load(path: path)
        #expect(report.dialect.delimiterName == ";")
        #expect(table.columnNames == ["nom", "montant"])
        #expect(table.strings("montant") == ["1.5", "2.0"])
    }

    @Test func missingFileFolderAndBinaryFileAreClearErrors() throws {
        #expect { try CSVReader.load(path: "/nonexistent/x.csv") } throws: { ($0 as? LoadError)?.message == "no such file" }
        #expect { try CSVReader.load(path: "/tmp") } throws: { ($0 as? LoadError)?.message.contains("folder") == true }
        let binary = TemporaryFile.write([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02])
        #expect { try CSVReader.load(path: binary) } throws: { ($0 as? LoadError)?.message.contains("binary") == true }
        let zip = TemporaryFile.write([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], name: "book.xlsx")
        #expect { try CSVReader.load(path: zip) } throws: { ($0 as? LoadError)?.message.contains("zip") == true }
    }

    /// A "1 GB single line", scaled down: a first line past the limit is refused with a reason.
    @Test func hugeSingleLineIsRefused() throws {
        let path = TemporaryFile.write([UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20))
        #expect {
            try CSVReader.load(path: path, options: LoadOptions(), monitor: .none, blockSize: 1 << 20, firstLineLimit: 2 << 20)
        } throws: { ($0 as? LoadError)?.message.contains("no line break") == true }
    }

    /// A long first record (past the 1 MB sample) still loads.
    @Test func longFirstRecordLoads() throws {
        let long = String(repeating: "x", count: 1_500_000)
        let path = TemporaryFile.write("nom,valeur\n\(long),1\ncourt,2\n")
        let (table, _) = try CSVReader.load(path: path)
        #expect(table.rowCount == 2)
        #expect(table.strings("nom")[0]?.count == 1_500_000)
    }

    @Test func interruptionStopsTheLoad() {
        let monitor = LoadMonitor(isCancelled: { true })
        #expect(throws: LoadInterrupted.self) { try CSVReader.load(path: Fixture.path("lf.csv"), monitor: monitor) }
    }

    @Test func progressReachesTheFileSize() throws {
        final class Seen: @unchecked Sendable { var last = (0, 0) }
        let seen = Seen()
        _ = try CSVReader.load(path: Fixture.path("lf.csv"), monitor: LoadMonitor(progress: { seen.last = ($0, $1) }))
        #expect(seen.last.0 == seen.last.1)
        #expect(seen.last.0 > 0)
    }

    @Test func repetitiveTextIsDictionaryEncoded() throws {
        var text = "sens,libre\n"
        for i in 0..<5000 { text += "\(i % 2 == 0 ? "Dépense" : "Recette"),valeur \(i)\n" }
        let (table, _) = try CSVReader.load(path: TemporaryFile.write(text))
        guard case .string(let sens) = table.column(named: "sens")!.buffer else { Issue.record("not text"); return }
        #expect(sens.isDictionaryEncoded)
        #expect(table.strings("libre")[4999] == "valeur 4999")
    }
}
