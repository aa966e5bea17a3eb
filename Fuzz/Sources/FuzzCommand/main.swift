import FuzzDriver
import CarnetEngine
import CarnetSession
import Foundation

/// Any command line, run in a session whose writes are kept inside a temporary folder.
let folder = NSTemporaryDirectory() + "carnet-fuzz-commands-\(getpid())"
nonisolated(unsafe) let session: Session = {
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let s = Session()
    s.baseDirectory = folder
    s.restrictWrites = true
    s.isRecording = false
    _ = s.execute("let t = SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'é'")
    return s
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Loading files the fuzzer names could read anything on the machine: commands run as typed
    // except for paths, which the restricted session keeps inside its folder for writes.
    _ = session.execute(text)
    // `set memory_limit 1MB` would make every later input fail early and explore nothing.
    MemoryLimit.reset()
    return 0
}

// SwiftPM links an executable's entry as `FuzzCommand_main`.
@_cdecl("FuzzCommand_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
