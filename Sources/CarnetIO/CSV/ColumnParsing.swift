import Dispatch
import Synchronization

/// Turns one block's tokens into column values, splitting the columns between the machine's
/// cores: each column has its own builder, so workers never share a buffer.
enum ColumnParsing {
    /// Below this many records a block is parsed on one thread: starting workers costs more.
    static let parallelThreshold = 2048
    static let workerCount = max(1, min(4, System.activeProcessorCount))

    static func parse(into builders: inout [ColumnBuilder], view: TokenView, text: UnsafeBufferPointer<UInt8>, firstRecord: Int) throws {
        let width = builders.count
        let workers = min(workerCount, width)
        if workers < 2 || view.recordCount - firstRecord < parallelThreshold {
            var scratch: [UInt8] = []
            for c in 0..<width {
                try parseColumn(&builders[c], column: c, view: view, text: text, firstRecord: firstRecord, scratch: &scratch)
            }
            return
        }
        let failures = FailureSlots(count: workers)
        builders.withUnsafeMutableBufferPointer { columns in
            let shared = SharedBlock(columns: columns, text: text)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var scratch: [UInt8] = []
                var c = worker
                while c < width {
                    do {
                        try parseColumn(&shared.columns[c], column: c, view: view, text: shared.text, firstRecord: firstRecord, scratch: &scratch)
                    } catch {
                        failures.set(worker, error)
                        return
                    }
                    c += workers
                }
            }
        }
        if let error = failures.first { throw error }
    }

    @inline(__always)
    static func parseColumn(
        _ builder: inout ColumnBuilder, column c: Int, view: TokenView, text: UnsafeBufferPointer<UInt8>,
        firstRecord: Int, scratch: inout [UInt8]
    ) throws {
        for r in firstRecord..<view.recordCount {
            if c < view.fieldCount(ofRecord: r) {
                try view.withField(text, record: r, field: c, scratch: &scratch) {
                    try builder.append($0, line: view.lines[r])
                }
            } else {
                builder.appendNull()
            }
        }
    }
}

/// The builders and the block's text, shared with the workers: each worker writes only its
/// own columns and only reads the text.
private final class SharedBlock: @unchecked Sendable {
    let columns: UnsafeMutableBufferPointer<ColumnBuilder>
    let text: UnsafeBufferPointer<UInt8>
    init(columns: UnsafeMutableBufferPointer<ColumnBuilder>, text: UnsafeBufferPointer<UInt8>) {
        self.columns = columns
        self.text = text
    }
}

/// The errors of the workers, behind a lock: writing two elements of one Swift array from two
/// threads is a race even when the elements differ (ThreadSanitizer found it).
private final class FailureSlots: Sendable {
    private let slots: Mutex<[Int: ErrorBox]>
    init(count: Int) { slots = Mutex([:]) }
    func set(_ index: Int, _ error: Error) { slots.withLock { $0[index] = ErrorBox(error: error) } }
    var first: Error? { slots.withLock { $0.sorted { $0.key < $1.key }.first?.value.error } }
}

/// An error carried across threads.
private struct ErrorBox: @unchecked Sendable {
    let error: Error
}
