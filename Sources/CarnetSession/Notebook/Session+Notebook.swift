import CarnetEngine
#if canImport(Glibc)
import Glibc
#endif

extension Session {
    /// Width at which outputs are written into notebooks: fixed, so a replay on another
    /// terminal gives the same text.
    public static let notebookWidth = 100

    /// Adds a successful command and its output to the session's notebook.
    func record(_ command: String, _ output: CommandOutput) {
        guard isRecording else { return }
        let text = TextRendering.render(output, settings: settings, width: Session.notebookWidth)
        var chart: (String, String)?
        for case .written(let path, let title, _) in output.blocks where path.lowercased().hasSuffix(".svg") { chart = (title, path) }
        var input: InputRecord?
        for case .input(let record) in output.blocks { input = record }
        document.append(NotebookDocument.Cell(command: command, output: text, chart: chart, input: input, line: 0, raw: nil, blocks: output.blocks))
        journal?.append(command)
    }

    /// Refuses a write outside the notebook's folder while replaying someone else's notebook.
    public func checkWritable(_ path: String) throws {
        guard restrictWrites, !PathMath.staysInside(path) else { return }
        throw CommandError("this notebook writes outside its own folder: \(path)",
                           hint: "replay it with --allow-outside if you trust it")
    }

    /// The notebook's text with every path rewritten relative to `folder` (where it is saved).
    func documentText(relativeTo folder: String) -> String {
        var doc = document
        for (index, segment) in doc.segments.enumerated() {
            guard case .cell(var cell) = segment else { continue }
            let rewritten = rewritingPaths(cell.command, toFolder: folder)
            if rewritten != cell.command {
                cell.command = rewritten
                cell.raw = nil
            }
            if let chart = cell.chart {
                let moved = PathMath.relative(from: folder, to: PathMath.absolute(chart.path, base: baseDirectory))
                if moved != chart.path { cell.chart = (chart.title, moved); cell.raw = nil }
            }
            doc.segments[index] = .cell(cell)
        }
        return doc.text
    }

    private func rewritingPaths(_ command: String, toFolder folder: String) -> String {
        // A parameter whose value names a file is a path too: relative to the notebook once saved.
        if command.lowercased().hasPrefix("param "), let eq = command.firstIndex(of: "=") {
            let value = command[command.index(after: eq)...].trimmingWhitespace()
            let absolute = PathMath.absolute(value, base: baseDirectory)
            guard !value.isEmpty, !value.hasPrefix("'"), !value.hasPrefix("\""), access(absolute, F_OK) == 0 else { return command }
            return String(command[...eq]) + " " + PathMath.relative(from: folder, to: absolute)
        }
        guard let words = try? CommandWords.split(command), let first = words.first,
              let spec = CommandRegistry.command(named: first.text) else { return command }
        let arguments = Array(words.dropFirst())
        // Where each path starts in the text, and the path: path words, then `.path` options' values.
        var paths: [(start: Int, path: String)] = spec.pathWords(arguments).filter { $0 < arguments.count }
            .map { (arguments[$0].offset, arguments[$0].text) }
        for word in arguments {
            guard let (key, value) = word.option, let option = spec.options.named(key), case .path = option.value,
                  let eq = word.text.firstIndex(of: "=") else { continue }
            paths.append((word.offset + word.text.distance(from: word.text.startIndex, to: eq) + 1, value))
        }
        var text = command
        for (start, path) in paths.sorted(by: { $0.start > $1.start }) {
            if path.hasPrefix("(") || path.hasPrefix("$") { continue }
            let moved = PathMath.relative(from: folder, to: PathMath.absolute(path, base: baseDirectory))
            guard moved != path else { continue }
            // Replace the path as typed (quotes included) by the new one.
            let chars = Array(text)
            var end = start
            var quote: Character?
            while end < chars.count {
                let c = chars[end]
                if let q = quote { if c == q { quote = nil } } else if c == "'" || c == "\"" { quote = c } else if c == " " { break }
                end += 1
            }
            text = String(chars[..<start]) + CommandWords.quote(moved) + String(chars[end...])
        }
        return text
    }

    /// Runs `commands` again from a fresh state (for `undo` and `open`); stops at the first
    /// failure and returns it with the index of the failing command.
    /// `produced` receives each command's output (`open` keeps it for the HTML report).
    func replay(_ commands: [String], produced: (Int, CommandOutput) -> Void = { _, _ in }) -> (index: Int, error: CommandError)? {
        workspace = Workspace()
        settings = Settings()
        parameters = [:]
        // The memory limit is process-wide: a replay starts from the default, as a new session does.
        MemoryLimit.reset()
        let saved = isRecording
        isRecording = false
        defer { isRecording = saved }
        for (i, command) in commands.enumerated() {
            switch execute(command) {
            case .failure(let error): return (i, error)
            case .success(let output, _): produced(i, output)
            case .empty: continue
            }
        }
        return nil
    }
}
