import FuzzDriver
import CarnetIO

/// The JSON / GeoJSON reader (its own recursive-descent parser) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = inputFile(data, size, extension: "json")
    _ = try? JSONReader.load(path: path, options: LoadOptions())
    return 0
}

// SwiftPM links an executable's entry as `FuzzJSON_main`.
@_cdecl("FuzzJSON_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
