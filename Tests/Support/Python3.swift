import Foundation

/// Runs a python3 script (the oracles: sqlite3, and peers installed at test time) and returns
/// what it printed; a script that fails is an error, never an empty answer.
public enum Python3 {
    public struct Failed: Error, CustomStringConvertible {
        public var status: Int32
        public var arguments: [String]
        public var description: String { "python3 exited with \(status) for \(arguments)" }
    }

    public static func run(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failed(status: process.terminationStatus, arguments: arguments) }
        return String(decoding: data, as: UTF8.self)
    }
}
