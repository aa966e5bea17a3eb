/// What one query run shares between its operators: the warnings it collects (division by
/// zero, …), each said once, and whether the user asked to stop it.
final class EvaluationContext {
    private(set) var warnings: [QueryWarning] = []
    let isCancelled: @Sendable () -> Bool

    init(isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.isCancelled = isCancelled
    }

    /// Throws when the user asked to stop: called between operators and inside long loops.
    func checkCancelled() throws {
        if isCancelled() { throw QueryError.interrupted }
    }

    func warn(_ message: QueryWarning) {
        if !warnings.contains(message) { warnings.append(message) }
    }
}
