/// A unified diff of two texts, line by line (longest common subsequence), with 2 lines of context.
enum UnifiedDiff {
    static func text(_ a: String, _ b: String, fromLabel: String, toLabel: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // LCS table; outputs are small (a command's output).
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(String), del(String), add(String) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] { ops.append(.same(x[i])); i += 1; j += 1 }
            else if i < x.count, j == y.count || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(.del(x[i])); i += 1 }
            else { ops.append(.add(y[j])); j += 1 }
        }
        var lines = ["--- \(fromLabel)", "+++ \(toLabel)"]
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        var shown = Set<Int>()
        for k in changed { for c in max(0, k - 2)...min(ops.count - 1, k + 2) { shown.insert(c) } }
        var previous = -2
        for k in shown.sorted() {
            if k != previous + 1 { lines.append("@@") }
            switch ops[k] {
            case .same(let s): lines.append(" " + s)
            case .del(let s): lines.append("-" + s)
            case .add(let s): lines.append("+" + s)
            }
            previous = k
        }
        return lines.joined(separator: "\n")
    }
}
