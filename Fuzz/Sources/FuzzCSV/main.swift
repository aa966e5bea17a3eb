import FuzzDriver
import CarnetIO

/// The sniffer and reader on arbitrary bytes: any outcome but a crash, a hang or a runaway
/// allocation is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = inputFile(data, size, extension: "csv")
    _ = try? CSVReader.load(path: path)
    return 0
}

// SwiftPM links an executable's entry as `FuzzCSV_main`.
@_cdecl("FuzzCSV_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
