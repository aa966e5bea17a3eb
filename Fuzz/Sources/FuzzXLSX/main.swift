import CarnetIO
import Foundation

/// The workbook reader (zip archive, then XML) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "carnet-fuzz-\(getpid()).xlsx"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    _ = try? XLSXReader.load(path: path, sheet: nil, options: CSVLoadOptions())
    return 0
}

// SwiftPM links an executable's entry as `FuzzXLSX_main`; hand over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzXLSX_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzTarget(data, size) }
}
