import Synchronization

/// What one query run shares between its operators: the warnings it collects (division by
/// zero, …), each said once, and whether the user asked to stop it.
final class EvaluationContext: Sendable {
    /// Behind a lock: the columns of one operator are computed on several threads.
    private let said = Mutex<[QueryWarning]>([])
    var warnings: [QueryWarning] { said.withLock { $0 } }
    let isCancelled: @Sendable () -> Bool

    init(isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.isCancelled = isCancelled
    }

    /// Throws when the user asked to stop: called between operators and inside long loops.
    func checkCancelled() throws {
        if isCancelled() { throw QueryError.interrupted }
    }

    func warn(_ message: QueryWarning) {
        said.withLock { if !$0.contains(message) { $0.append(message) } }
    }
}
