import FuzzDriver
import CarnetIO

/// The workbook reader (zip archive, then XML) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = inputFile(data, size, extension: "xlsx")
    _ = try? XLSXReader.load(path: path, options: LoadOptions())
    return 0
}

// SwiftPM links an executable's entry as `FuzzXLSX_main`.
@_cdecl("FuzzXLSX_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
