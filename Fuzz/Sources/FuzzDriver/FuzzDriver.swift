import Foundation

/// libFuzzer's driver, for the harnesses: SwiftPM links each executable's entry as
/// `TARGET_main`, which hands its arguments and its test function over to this.
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                 _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Runs libFuzzer with the process's arguments on `test` (one input's bytes → 0).
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments, test)
}

/// Writes one input's bytes to this process's scratch file with the extension a reader expects,
/// and returns its path (the readers take files, as users give them).
public func inputFile(_ data: UnsafePointer<UInt8>, _ size: Int, extension ext: String) -> String {
    let path = NSTemporaryDirectory() + "carnet-fuzz-\(getpid()).\(ext)"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    return path
}
