#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error for loads of large files at a terminal.
/// Only the loading thread calls it, hence `@unchecked Sendable`.
final class ProgressBar: @unchecked Sendable {
    /// Files smaller than this load too fast to need a bar.
    static let threshold = 50_000_000
    private var lastDraw = 0.0
    private var drawn = false
    private let sink: OutputSink
    private let width: Int

    init(sink: OutputSink, width: Int) {
        self.sink = sink
        self.width = width
    }

    /// Erases the bar, if drawn (after a load ends, fails or is interrupted).
    func clear() {
        if drawn { sink.err("\r" + String(repeating: " ", count: width) + "\r") }
        drawn = false
    }

    func update(bytesRead: Int, totalBytes: Int) {
        guard totalBytes >= ProgressBar.threshold else { return }
        let now = monotonicSeconds()
        let done = bytesRead >= totalBytes
        guard done || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        if done {
            clear()
            return
        }
        let fraction = Double(bytesRead) / Double(totalBytes)
        let barWidth = max(10, min(40, width - 40))
        let filled = Int(fraction * Double(barWidth))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        let text = "loading \(bar) \(Int(fraction * 100))% \(bytesRead / 1_000_000) / \(totalBytes / 1_000_000) MB  (Ctrl-C stops)"
        sink.err("\r" + text)
        drawn = true
    }
}
