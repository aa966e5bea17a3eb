import Foundation

/// Runs a python3 script (the oracles: sqlite3, and readers installed at test time) and returns
/// what it printed; a script that fails is an error, never an empty answer.
public enum Python3 {
    public struct Failed: Error, CustomStringConvertible {
        public var status: Int32
        public var arguments: [String]
        public var description: String { "python3 exited with \(status) for \(arguments)" }
    }

    /// With the python3 on the PATH (its standard library only).
    public static func run(_ script: String, arguments: [String]) throws -> String {
        try run(executable: "/usr/bin/env", ["python3", "-c", script] + arguments)
    }

    /// With the test venv's python (`scripts/install-deps` makes it with openpyxl and odfpy): the
    /// independent readers of the workbooks Carnet writes. A missing venv fails the test.
    public static func runInTestVenv(_ script: String, arguments: [String]) throws -> String {
        try run(executable: Repository.root + "/.test-venv/bin/python", ["-c", script] + arguments)
    }

    /// A script file of the repository (a check that reports its own failures): its exit
    /// status and everything it printed, standard error included.
    public static func runFile(_ path: String, arguments: [String], inTestVenv: Bool = false) throws -> (status: Int32, output: String) {
        let (executable, interpreter) = inTestVenv ? (Repository.root + "/.test-venv/bin/python", [String]()) : ("/usr/bin/env", ["python3"])
        return try launch(executable, interpreter + [Repository.root + "/" + path] + arguments, mergingErrors: true)
    }

    private static func run(executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try launch(executable, arguments, mergingErrors: false)
        guard status == 0 else { throw Failed(status: status, arguments: Array(arguments.dropFirst(2))) }
        return output
    }

    private static func launch(_ executable: String, _ arguments: [String], mergingErrors: Bool) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
        let out = Pipe()
        process.standardOutput = out
        if mergingErrors { process.standardError = out }
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
