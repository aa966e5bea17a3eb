import CarnetEngine
import CarnetTestSupport
@testable import CarnetIO

/// Paths of the test fixtures, found from this file's location.
enum Fixture {
    static let folder: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)  // CarnetIOTests/FixtureSupport.swift
        return parts.joined(separator: "/") + "/Fixtures/csv"
    }()

    static func path(_ name: String) -> String { folder + "/" + name }

    static func load(_ name: String, options: LoadOptions = LoadOptions(), blockSize: Int = CSVReader.blockSize) throws -> (Table, LoadReport) {
        try CSVReader.load(path: path(name), options: options, monitor: .none, blockSize: blockSize, firstLineLimit: 64 << 20)
    }
}

extension Table {
    func strings(_ column: String) -> [String?] {
        guard let c = self.column(named: column) else { return [] }
        return (0..<c.count).map { c.isNull($0) ? nil : c.value(at: $0).plainText }
    }

    var types: [DataType] { columns.map(\.type) }

    /// Names, types and every cell as text: compact to compare and to read in a failure.
    var dump: String {
        var lines = [zip(columnNames, columns).map { "\($0.0):\($0.1.type)" }.joined(separator: " | ")]
        for r in 0..<rowCount {
            lines.append(columns.map { $0.isNull(r) ? "∅" : $0.value(at: r).plainText.debugDescription }.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }
}

/// A file in a fresh temporary folder (a `ScratchFolder`: removed when the test process exits).
enum TemporaryFile {
    static func write(_ bytes: [UInt8], name: String = "data.csv") -> String {
        let dir = try! ScratchFolder.make("carnet-test")
        let path = dir + "/" + name
        let file = fopen(path, "wb")!
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        return path
    }

    static func write(_ text: String, name: String = "data.csv") -> String {
        write(Array(text.utf8), name: name)
    }

    /// Replaces the contents of a file made by `write`.
    static func overwrite(_ path: String, with bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw LoadError(path: path, message: "cannot write the test file") }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }
}


#if canImport(Glibc)
import Glibc
#endif
