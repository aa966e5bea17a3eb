import FuzzDriver
import CarnetSession

/// The notebook parser: any text either fails with a line, or parses and writes back
/// byte for byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let document = try? NotebookDocument(parsing: text), document.text != text {
        fatalError("notebook round trip changed the text")
    }
    return 0
}

// SwiftPM links an executable's entry as `FuzzNotebook_main`.
@_cdecl("FuzzNotebook_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
