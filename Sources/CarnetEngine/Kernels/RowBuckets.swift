/// Row numbers ordered by group with a counting sort, so that rows keep their order within a
/// group: the rows of group g are `rows[starts[g]..<starts[g + 1]]`. Rows in group -1 (a NULL
/// join key, a NULL value) are left out. Hash joins index their build side this way, window
/// functions their partitions, string_agg its groups.
public struct RowBuckets: Sendable {
    public private(set) var starts: [Int]
    public private(set) var rows: [Int32]

    public init(groups: [Int32], groupCount: Int) {
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for g in groups where g >= 0 { starts[Int(g) + 1] += 1 }
        for g in 0..<groupCount { starts[g + 1] += starts[g] }
        var fill = starts
        var rows = [Int32](repeating: 0, count: starts[groupCount])
        for (row, g) in groups.enumerated() where g >= 0 {
            rows[fill[Int(g)]] = Int32(row)
            fill[Int(g)] += 1
        }
        self.starts = starts
        self.rows = rows
    }

    /// How many rows group g has.
    public func count(of g: Int) -> Int { starts[g + 1] - starts[g] }

    /// The groups cut into runs of whole groups of about a morsel of rows each (a larger
    /// group is a run alone): units of work for several cores that never split a group.
    public var runs: [Range<Int>] {
        let groupCount = starts.count - 1
        var runs: [Range<Int>] = []
        var first = 0
        while first < groupCount {
            var last = first + 1
            while last < groupCount, starts[last] - starts[first] < Parallel.morselRows { last += 1 }
            runs.append(first..<last)
            first = last
        }
        return runs
    }
}
