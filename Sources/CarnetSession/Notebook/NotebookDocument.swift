import CarnetEngine

/// A Markdown notebook: the user's prose, kept byte for byte, and command cells — a ```carnet
/// block, the ```carnet-output block Carnet wrote after it, and the image link of a chart.
/// A document that is parsed and written back unchanged comes out identical.
public struct NotebookDocument: Sendable, Equatable {
    /// One command and what it printed.
    public struct Cell: Sendable, Equatable {
        public var command: String
        public var output: String?
        /// The SVG a chart command wrote, relative to the notebook.
        public var chart: (title: String, path: String)?
        /// What a load read (version, SHA-256, size, rows, options), written after its output.
        public var input: InputRecord? = nil
        /// Line of the notebook where the command starts (1-based; 0 for new cells).
        public var line: Int
        /// The cell's exact text, as read; nil once the cell changed and must be written anew.
        var raw: String?
        /// What the command produced in this process (tables, charts, messages), kept in memory
        /// only: the HTML report draws real tables and charts from it. Not part of the file.
        public var blocks: [OutputBlock]? = nil

        public static func == (a: Cell, b: Cell) -> Bool {
            a.command == b.command && a.output == b.output && a.chart?.path == b.chart?.path && a.chart?.title == b.chart?.title && a.input == b.input
        }
    }

    public enum Segment: Sendable, Equatable {
        case prose(String)
        case cell(Cell)
    }

    public var segments: [Segment] = []

    public init() {}

    public var cells: [Cell] {
        segments.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
    }

    /// A notebook that cannot be read, with the line that shows why.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    static let chartMarker = "<!-- carnet-chart -->"

    // MARK: - Reading

    public init(parsing text: String) throws {
        let lines = NotebookDocument.lines(text)
        var prose = ""
        var i = 0
        func flushProse() {
            if !prose.isEmpty { segments.append(.prose(prose)); prose = "" }
        }
        while i < lines.count {
            guard let fence = NotebookDocument.fence(lines[i], info: "carnet") else {
                prose += lines[i]
                i += 1
                continue
            }
            flushProse()
            let start = i
            guard let close = NotebookDocument.closing(lines, from: i + 1, fence: fence) else {
                throw FormatError(line: start + 1, message: "the ```carnet block opened here is never closed")
            }
            let command = lines[(i + 1)..<close].joined().trimmingLineEnd()
            var end = close + 1
            var output: String?
            var chart: (String, String)?
            var input: InputRecord?
            var probe = end
            if probe < lines.count, lines[probe].isBlankLine { probe += 1 }
            if probe < lines.count, let outFence = NotebookDocument.fence(lines[probe], info: "carnet-output") {
                guard let outClose = NotebookDocument.closing(lines, from: probe + 1, fence: outFence) else {
                    throw FormatError(line: probe + 1, message: "the ```carnet-output block opened here is never closed")
                }
                output = lines[(probe + 1)..<outClose].joined()
                end = outClose + 1
                if end < lines.count, lines[end].hasPrefix(NotebookDocument.chartMarker), let link = NotebookDocument.imageLink(lines[end]) {
                    chart = link
                    end += 1
                }
                if end < lines.count, let record = InputRecord(line: lines[end].trimmingLineEnd()) {
                    input = record
                    end += 1
                }
            }
            let raw = lines[start..<end].joined()
            segments.append(.cell(Cell(command: command, output: output, chart: chart, input: input, line: start + 1, raw: raw)))
            i = end
        }
        flushProse()
    }

    /// Lines with their line ends kept, so that text is rebuilt exactly.
    static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            current.unicodeScalars.append(scalar)
            if scalar == "\n" { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The backtick run of a fence line whose info string is `info`.
    static func fence(_ line: String, info: String) -> String? {
        let trimmed = line.trimmingLineEnd()
        let ticks = trimmed.prefix { $0 == "`" }
        guard ticks.count >= 3, String(trimmed.dropFirst(ticks.count)).trimmingSpaces() == info else { return nil }
        return String(ticks)
    }

    static func closing(_ lines: [String], from start: Int, fence: String) -> Int? {
        var i = start
        while i < lines.count {
            let t = lines[i].trimmingLineEnd().trimmingSpaces()
            if t.count >= fence.count, t.allSatisfy({ $0 == "`" }) { return i }
            i += 1
        }
        return nil
    }

    static func imageLink(_ line: String) -> (String, String)? {
        let rest = Substring(line.trimmingLineEnd()).dropFirst(chartMarker.count)
        guard rest.hasPrefix("!["), let close = rest.firstIndex(of: "]") else { return nil }
        let afterClose = rest.index(after: close)
        // `![title](path)`: the path runs to the last parenthesis, which must come after `(`.
        guard afterClose < rest.endIndex, rest[afterClose] == "(", let end = rest.lastIndex(of: ")"), end > afterClose else { return nil }
        let title = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close])
        let path = String(rest[rest.index(after: afterClose)..<end])
        return (title, path)
    }

    // MARK: - Writing

    public var text: String {
        var out = ""
        for segment in segments {
            switch segment {
            case .prose(let p): out += p
            case .cell(let c): out += c.raw ?? NotebookDocument.render(c)
            }
        }
        return out
    }

    /// A cell written the standard way: the command block, a blank line, the output block.
    static func render(_ c: Cell) -> String {
        let commandFence = fenceFor(c.command)
        var out = commandFence + "carnet\n" + c.command + "\n" + commandFence + "\n"
        if let output = c.output {
            let outputFence = fenceFor(output)
            out += "\n" + outputFence + "carnet-output\n" + output + (output.hasSuffix("\n") || output.isEmpty ? "" : "\n") + outputFence + "\n"
            if let chart = c.chart { out += chartMarker + "![\(chart.title.replacingBrackets())](\(chart.path))\n" }
            if let input = c.input { out += input.line }
        }
        return out
    }

    /// Three backticks, or more than the longest run inside the content.
    static func fenceFor(_ content: String) -> String {
        var longest = 0, run = 0
        for ch in content {
            if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// Adds a cell at the end, after a blank line.
    public mutating func append(_ cell: Cell) {
        let current = lastCharacters(2)
        if !current.isEmpty {
            if !current.hasSuffix("\n") { segments.append(.prose("\n")) }
            if !current.hasSuffix("\n\n") { segments.append(.prose("\n")) }
        }
        segments.append(.cell(cell))
    }

    /// The last `count` characters of `text`, found from the last segments only: appending
    /// must not rebuild the whole document (10,000 recorded commands would take minutes).
    func lastCharacters(_ count: Int) -> String {
        var tail = ""
        for segment in segments.reversed() {
            let piece: String
            switch segment {
            case .prose(let p): piece = p
            case .cell(let c): piece = c.raw ?? NotebookDocument.render(c)
            }
            tail = String(piece.suffix(count - tail.count)) + tail
            if tail.count >= count { break }
        }
        return tail
    }

    /// Adds prose at the end, as its own paragraph.
    public mutating func appendProse(_ markdown: String) {
        let current = lastCharacters(2)
        var p = ""
        if !current.isEmpty {
            if !current.hasSuffix("\n") { p += "\n" }
            if !current.hasSuffix("\n\n") { p += "\n" }
        }
        p += markdown.hasSuffix("\n") ? markdown : markdown + "\n"
        segments.append(.prose(p))
    }

    /// Changes the `index`-th cell in place; `changed` says whether its text must be written
    /// anew (in-memory results do not change the file).
    private mutating func updateCell(_ index: Int, _ change: (inout Cell) -> Bool) {
        var k = -1
        for s in segments.indices {
            guard case .cell(var c) = segments[s] else { continue }
            k += 1
            guard k == index else { continue }
            if change(&c) { c.raw = nil }
            segments[s] = .cell(c)
            return
        }
    }

    /// Replaces the output of the `index`-th cell.
    public mutating func setOutput(ofCell index: Int, to output: String?, chart: (title: String, path: String)?, input: InputRecord? = nil) {
        updateCell(index) { c in
            guard c.output != output || c.chart?.path != chart?.path || c.chart?.title != chart?.title || c.input != input else { return false }
            c.output = output
            c.chart = chart
            c.input = input
            return true
        }
    }

    /// Replaces the `index`-th cell's command (a `param` given another value by `-P`).
    public mutating func setCommand(ofCell index: Int, to command: String) {
        updateCell(index) { c in
            guard c.command != command else { return false }
            c.command = command
            return true
        }
    }

    /// Attaches what the `index`-th cell's command produced when it was run again (`open`).
    public mutating func setBlocks(ofCell index: Int, to blocks: [OutputBlock]) {
        updateCell(index) { c in
            c.blocks = blocks
            return false
        }
    }

    /// What `undo` took away.
    public enum Entry: Equatable {
        case cell(String)
        case note(String)
    }

    /// Removes the last entry: the note written last, or else the last cell.
    public mutating func removeLastEntry() -> Entry? {
        guard let last = segments.lastIndex(where: { if case .prose(let p) = $0 { return !p.isBlankLine } else { return true } }) else { return nil }
        if case .prose(let text) = segments[last] {
            segments.removeSubrange(last...)
            while case .prose(let p)? = segments.last, p.allSatisfy({ $0 == "\n" }) { segments.removeLast() }
            return .note(text)
        }
        guard case .cell(let c) = segments[last] else { return nil }
        removeLastCell()
        return .cell(c.command)
    }

    /// Removes the last cell (and the blank lines the document added before it).
    public mutating func removeLastCell() {
        guard let last = segments.lastIndex(where: { if case .cell = $0 { return true } else { return false } }) else { return }
        segments.removeSubrange(last...)
        while case .prose(let p)? = segments.last, p.allSatisfy({ $0 == "\n" }) { segments.removeLast() }
    }
}

extension String {
    var isBlankLine: Bool { allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" } }

    func trimmingLineEnd() -> String {
        var s = self
        while s.hasSuffix("\n") || s.hasSuffix("\r") || s.hasSuffix("\r\n") { s.removeLast() }
        return s
    }

    func replacingBrackets() -> String { String(map { $0 == "[" || $0 == "]" ? " " : $0 }) }
}
