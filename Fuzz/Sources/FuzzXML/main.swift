import FuzzDriver
@_spi(Fuzzing) import CarnetIO

/// The streaming XML parser on arbitrary bytes, fed in chunks whose size the first byte picks,
/// so that constructs are cut at every place.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    _ = XMLFuzzing.parse(bytes, chunkSize: Int(data[0] % 64) + 1)
    return 0
}

// SwiftPM links an executable's entry as `FuzzXML_main`.
@_cdecl("FuzzXML_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
