import CarnetIO

#if canImport(Glibc)
import Glibc
#endif

/// Where the shell writes: results to standard output, messages to standard error.
public protocol OutputSink: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
}

/// The process's real standard output and error, written unbuffered so that results and
/// messages interleave in the order they happen.
public final class StandardOutputSink: OutputSink {
    public init() {}

    public func out(_ text: String) { write(text, to: 1) }
    public func err(_ text: String) { write(text, to: 2) }

    private func write(_ text: String, to fd: Int32) {
        POSIXFile.writeAll(text, to: fd)
    }
}

/// Collects everything written, for tests.
public final class BufferOutputSink: OutputSink {
    public private(set) var stdout = ""
    public private(set) var stderr = ""

    public init() {}

    public func out(_ text: String) { stdout += text }
    public func err(_ text: String) { stderr += text }
}
