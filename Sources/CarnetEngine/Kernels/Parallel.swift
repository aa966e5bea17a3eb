#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Independent pieces of one operator's work (a column each: gathered, evaluated, aggregated)
/// spread over the cores. Below about a million elements touched, threads cost more than they
/// save, and the pieces run in order on the calling thread.
public enum Parallel {
    /// Elements (rows × columns) below which the work stays on one thread.
    public static let threshold = 1 << 20

    /// Rows in one morsel, the unit of work of pipelines: 64 K rows of a 64-bit column are
    /// 512 KB, a core's L2 cache. CARNET_MORSEL_ROWS=N sets it, and with it lowers to 2 N
    /// the sizes at which inputs are cut into morsels or partitions, so that the
    /// differential test runs those paths on its small tables.
    public static let morselRows: Int = testMorselRows ?? 1 << 16

    /// The size from which an operator cuts its input: `normal`, or 2 N under CARNET_MORSEL_ROWS=N.
    public static func cutSize(normally normal: Int) -> Int {
        testMorselRows.map { 2 * $0 } ?? normal
    }

    private static let testMorselRows: Int? = {
        guard let text = getenv("CARNET_MORSEL_ROWS"), let n = Int(String(cString: text)), n > 0 else { return nil }
        return n
    }()

    /// `body(i)` for each i in 0..<count, in order of i in the result.
    public static func map<T>(_ count: Int, work: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1, work >= threshold else { return (0..<count).map(body) }
        let results = Results<T>(count: count)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, shared.value(i)) }
        }
        return results.collect()
    }

    /// `0..<count` cut into morsels (the last one shorter).
    public static func ranges(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: morselRows).map { $0..<Swift.min($0 + morselRows, count) }
    }

    /// `body` over each morsel of `0..<count`, its results put end to end in order: one
    /// element per row when `body` gives one per row of its range.
    public static func mapRanges<T>(_ count: Int, work: Int, _ body: (Range<Int>) -> [T]) -> [T] {
        let ranges = ranges(count)
        let parts = map(ranges.count, work: work) { body(ranges[$0]) }
        var out: [T] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    /// The throwing form: the first piece's error (in order of i) is thrown, after all ran.
    public static func map<T>(_ count: Int, work: Int, _ body: (Int) throws -> T) throws -> [T] {
        let outcomes: [Result<T, Error>] = map(count, work: work) { i in Result { try body(i) } }
        return try outcomes.map { try $0.get() }
    }
}

/// One slot per piece, each written by exactly one thread, read once all have finished.
private final class Results<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    func set(_ i: Int, _ value: T) { slots[i] = value }

    func collect() -> [T] { (0..<count).map { slots[$0]! } }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}

/// A closure handed to the worker threads: the pieces only read what it captures.
private struct UncheckedBox<F>: @unchecked Sendable {
    let value: F
    init(_ value: F) { self.value = value }
}
