import CLibEdit
import CarnetSession

#if canImport(Glibc)
import Glibc
#endif

/// Line editing at a terminal through libedit: arrows, Ctrl-R search, history kept across
/// runs, Tab completion from a `Completer`.
public final class LibEditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private let completer: Completer
    private let sink: OutputSink
    private var promptBuffer: UnsafeMutablePointer<CChar>?

    public init?(completer: Completer, sink: OutputSink, historyPath: String?) {
        guard let editor = carnet_el_init("carnet"), let history = history_init() else { return nil }
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        self.completer = completer
        self.sink = sink
        _ = carnet_history_set_size(history, 5000)
        _ = carnet_history_set_unique(history, 1)
        if let historyPath { _ = carnet_history_load(history, historyPath) }
        _ = carnet_el_set_editor(editor, "emacs")
        _ = carnet_el_set_history(editor, history)
        _ = carnet_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        _ = carnet_el_set_prompt(editor) { editor in
            LibEditLineReader.instance(editor)?.promptBuffer
        }
        _ = carnet_el_add_function(editor, "carnet-complete", "complete a command, table, column or path") { editor, _ in
            LibEditLineReader.instance(editor)?.completeAtCursor() ?? UInt8(CC_ERROR)
        }
        _ = carnet_el_bind(editor, "^I", "carnet-complete")
        _ = carnet_el_bind(editor, "^R", "em-inc-search-prev")
        el_source(editor, nil)
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(promptBuffer)
    }

    private static func instance(_ editor: OpaquePointer?) -> LibEditLineReader? {
        guard let editor, let data = carnet_el_get_clientdata(editor) else { return nil }
        return Unmanaged<LibEditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    public func readLine(prompt: String) -> LineEvent {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        _ = Interrupt.take()
        var count: Int32 = 0
        let line = el_gets(editor, &count)
        if Interrupt.take() {
            sink.out("^C\n")
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    public func addHistory(_ statement: String) {
        _ = carnet_history_enter(history, statement)
        guard let historyPath else { return }
        HistoryFile.atomicallyReplace(historyPath) { temporary in
            carnet_history_save(history, temporary) >= 0
        }
    }

    /// The Tab key: completes the word at the cursor, or lists the choices.
    private func completeAtCursor() -> UInt8 {
        guard let info = el_line(editor)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let length = cursor - buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let completion = completer.complete(before)
        let typed = String(before.dropFirst(completion.wordStart))
        let candidates = completion.candidates
        guard !candidates.isEmpty else { return UInt8(CC_ERROR) }
        let common = candidates.dropFirst().reduce(candidates[0]) { $0.commonPrefix(with: $1) }
        var insertion = ""
        if common.count > typed.count, common.lowercased().hasPrefix(typed.lowercased()) {
            insertion = String(common.dropFirst(typed.count))
            // Case differs from what was typed: replace the whole word.
            if !common.hasPrefix(typed) {
                el_deletestr(editor, Int32(typed.count))
                insertion = common
            }
        }
        if candidates.count == 1, !(candidates[0].hasSuffix("/")) { insertion += " " }
        if !insertion.isEmpty {
            el_insertstr(editor, insertion)
            return UInt8(CC_REFRESH)
        }
        if candidates.count > 1 {
            sink.out("\n" + LibEditLineReader.columns(candidates, width: Terminal.width(fd: 1) ?? 80) + "\n")
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_REFRESH)
    }

    static func columns(_ items: [String], width: Int) -> String {
        let cell = (items.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let perLine = max(1, width / cell)
        var lines: [String] = []
        var index = 0
        while index < items.count {
            let slice = items[index..<min(items.count, index + perLine)]
            lines.append(slice.map { DisplayWidth.pad($0, to: cell, right: false) }.joined())
            index += perLine
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func commonPrefix(with other: String) -> String {
        var out = ""
        for (a, b) in zip(self, other) {
            guard a.lowercased() == b.lowercased() else { break }
            out.append(a)
        }
        return out
    }
}

/// Facts about the terminal the shell runs in.
public enum Terminal {
    public static func isTerminal(fd: Int32) -> Bool { isatty(fd) == 1 }

    public static func width(fd: Int32) -> Int? {
        let w = Int(carnet_terminal_width(fd))
        return w > 0 ? w : nil
    }

    /// Colours only on a terminal that is not `dumb`, and never when NO_COLOR is set.
    public static func colorsAllowed(fd: Int32) -> Bool {
        guard isTerminal(fd: fd), getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// libedit drops accented letters unless the C library knows the text is UTF-8.
    public static func setUTF8Locale() {
        if let set = setlocale(LC_CTYPE, ""), String(cString: set).uppercased().contains("UTF") { return }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
    }
}
