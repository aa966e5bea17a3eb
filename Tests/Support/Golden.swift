import CarnetIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Golden-file checks: the expected text lives in `Goldens/NAME` beside the calling test file.
/// A missing golden fails the test (and is written, to be reviewed by eye); `CARNET_RECORD=1`
/// rewrites all.
public enum Golden {
    public static func check(_ actual: String, named name: String, file: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        let path = parts.joined(separator: "/") + "/Goldens/" + name
        let recording = getenv("CARNET_RECORD").map { String(cString: $0) == "1" } ?? false
        if !recording, let expected = read(path) {
            if expected != actual {
                Issue.record("golden \(name) differs:\n--- expected\n\(expected)\n+++ actual\n\(actual)", sourceLocation: sourceLocation)
            }
            return
        }
        write(actual, to: path)
        if !recording {
            Issue.record("golden \(name) was missing: written, review it and run again", sourceLocation: sourceLocation)
        }
    }

    public static func read(_ path: String) -> String? { POSIXFile.readText(path) }

    static func write(_ text: String, to path: String) {
        guard let file = fopen(path, "wb") else { return }
        var copy = text
        copy.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}

/// The repository's folders, found from this file's location.
public enum Repository {
    public static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    public static func dataset(_ name: String) -> String { root + "/datasets/" + name }
}
