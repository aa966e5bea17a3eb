import CarnetIO
import CarnetTestSupport
import Foundation
import Testing

/// The one folder lister, writer and reader every layer uses.
@Suite struct POSIXFileTests {
    /// Names of every length up to the 255-byte maximum come back whole, and only once: the
    /// lister must read each entry's name in place (a copied d_name read past short entries).
    @Test func listsEveryNameWhole() throws {
        let folder = try ScratchFolder.make("posix-names")
        var expected: Set<String> = ["é", "a b", "x.tmp-1"]
        for length in [1, 2, 7, 8, 9, 63, 64, 200, 255] { expected.insert(String(repeating: "n", count: length)) }
        for name in expected { #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8))) }
        let names = try #require(POSIXFile.names(in: folder))
        #expect(Set(names) == expected)
        #expect(names.count == expected.count)
        #expect(POSIXFile.names(in: folder + "/missing") == nil)
    }

    @Test func writesAndReadsWholeText() throws {
        let folder = try ScratchFolder.make("posix-write")
        let path = folder + "/t.txt"
        let text = String(repeating: "Ligne café €\n", count: 20_000)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        #expect(POSIXFile.writeAll(text, to: fd))
        close(fd)
        #expect(POSIXFile.readText(path) == text)
        #expect(POSIXFile.readText(folder + "/missing") == nil)
        #expect(!POSIXFile.writeAll("x", to: -1))
    }
}
