/// Collects the warnings of one query run (division by zero, …), each said once.
final class EvaluationContext {
    private(set) var warnings: [QueryWarning] = []

    func warn(_ message: QueryWarning) {
        if !warnings.contains(message) { warnings.append(message) }
    }
}
