import Foundation
import Synchronization
import CarnetEngine
@testable import CarnetSession
import CarnetTestSupport
import Testing

extension Session {
    /// Runs a command that must succeed; returns its output rendered as text.
    @discardableResult
    func run(_ line: String, width: Int = 80, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        switch execute(line) {
        case .success(let output, _):
            return TextRendering.render(output, settings: settings, width: width)
        case .failure(let error):
            Issue.record("`\(line)` failed: \(error)", sourceLocation: sourceLocation)
            return ""
        case .empty:
            return ""
        }
    }

    /// Runs a command that must fail; returns the error.
    func failure(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> CommandError? {
        if case .failure(let error) = execute(line) { return error }
        Issue.record("`\(line)` did not fail", sourceLocation: sourceLocation)
        return nil
    }

    static func withDatasets() -> Session {
        let session = Session()
        session.baseDirectory = Repository.root
        return session
    }
}

/// Fresh folders under the system's temporary folder, removed when the test process exits
/// (Swift Testing has no suite teardown, and a test that fails early skips its own clean-up).
enum ScratchFolder {
    private static let made = Mutex<[String]>([])
    private static let removeAtExit: Void = {
        atexit {
            for folder in ScratchFolder.made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) }
        }
    }()

    static func make(_ prefix: String) throws -> String {
        _ = removeAtExit
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        made.withLock { $0.append(path) }
        return path
    }
}
