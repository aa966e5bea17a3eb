import FuzzDriver
import CarnetIO

/// The OpenDocument spreadsheet reader (zip archive, then content.xml) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = inputFile(data, size, extension: "ods")
    _ = try? ODSReader.load(path: path, options: LoadOptions())
    return 0
}

// SwiftPM links an executable's entry as `FuzzODS_main`.
@_cdecl("FuzzODS_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
