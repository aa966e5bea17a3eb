import Foundation
import Synchronization

/// Fresh folders under the system's temporary folder, removed when the test process exits
/// (Swift Testing has no suite teardown, and a test that fails early skips its own clean-up).
public enum ScratchFolder {
    private static let made = Mutex<[String]>([])
    private static let removeAtExit: Void = {
        atexit {
            for folder in ScratchFolder.made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) }
        }
    }()

    public static func make(_ prefix: String) throws -> String {
        _ = removeAtExit
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        made.withLock { $0.append(path) }
        return path
    }
}
