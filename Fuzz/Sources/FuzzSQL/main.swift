import FuzzDriver
import CarnetEngine
import CarnetQuery

/// The SQL lexer, parser, binder and executor on arbitrary text, over a small table.
let table = Table(columnNames: ["a", "b", "t"], columns: [
    Column(.int64([1, 2, 3])), Column(.decimal([150, -20, 0], scale: 2)), Column(.string(StringColumn(["x", "é", "x"]))),
])
let catalog = TableCatalog(names: ["t"]) { $0.lowercased() == "t" ? ("t", table) : nil }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? QueryEngine.run(text, catalog: catalog)
    return 0
}

// SwiftPM links an executable's entry as `FuzzSQL_main`.
@_cdecl("FuzzSQL_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
