import FuzzDriver
import CarnetEngine
import CarnetIO

/// The Parquet reader (Thrift footer, page headers, RLE, delta and dictionary decoding, codecs) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // A few bytes can claim billions of rows: the budget refuses them before they are allocated.
    MemoryLimit.bytes = 1 << 30
    let path = inputFile(data, size, extension: "parquet")
    _ = try? ParquetReader.load(path: path, options: LoadOptions(), monitor: .none)
    return 0
}

// SwiftPM links an executable's entry as `FuzzParquet_main`.
@_cdecl("FuzzParquet_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
