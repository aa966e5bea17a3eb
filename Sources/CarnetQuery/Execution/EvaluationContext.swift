/// Collects the warnings of one query run (division by zero, …), each said once.
final class EvaluationContext {
    private(set) var warnings: [String] = []

    func warn(_ message: String) {
        if !warnings.contains(message) { warnings.append(message) }
    }
}
