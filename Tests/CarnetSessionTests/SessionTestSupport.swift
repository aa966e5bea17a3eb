import Foundation
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
