import CarnetIO

#if canImport(Glibc)
import Glibc
#endif

/// An append-only file of the session's recorded commands, flushed to disk after each one, so
/// that a killed terminal loses nothing: the next start offers to replay it.
public final class Journal {
    public let path: String
    private var descriptor: Int32

    /// Opens (creating) the journal at `path`; nil when it cannot be written.
    public init?(path: String) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends one command as a ```carnet block and forces it to disk.
    func append(_ command: String) {
        write(NotebookDocument.render(NotebookDocument.Cell(command: command, output: nil, chart: nil, line: 0, raw: nil)) + "\n")
    }

    /// Appends a note, so that recovered sessions keep their commentary too.
    func appendNote(_ text: String) {
        write("<!-- carnet-note -->\n" + text + "\n\n")
    }

    /// Records that the session continues from a notebook file (`open`, a notebook argument, or
    /// the one just saved): recovery opens it first, then replays what follows.
    func appendOpen(_ absolutePath: String) {
        write("<!-- carnet-open " + absolutePath + " -->\n\n")
    }

    /// Replaces the journal by the whole document, commands and notes in order (after `undo`).
    func rewrite(_ document: NotebookDocument) {
        clear()
        for segment in document.segments {
            switch segment {
            case .cell(let c): append(c.command)
            case .prose(let p) where !p.isBlankLine: appendNote(p.trimmingLineEnd())
            case .prose: continue
            }
        }
    }

    /// Writes the entries of an earlier journal again (after recovering it).
    public func appendEntries(_ entries: [String]) {
        for entry in entries {
            if entry.hasPrefix("open ") { appendOpen(String(entry.dropFirst(5))) }
            else if entry.hasPrefix("note ") { appendNote(String(entry.dropFirst(5))) }
            else { append(entry) }
        }
    }

    private func write(_ string: String) {
        POSIXFile.writeAll(string, to: descriptor)
        fsync(descriptor)
    }

    /// Empties the journal (after a save, or a clean exit).
    public func clear() {
        _ = ftruncate(descriptor, 0)
        lseek(descriptor, 0, SEEK_SET)
        fsync(descriptor)
    }

    /// Deletes the journal file.
    public func remove() {
        unlink(path)
    }


    /// Commands and notes of a journal, in order (notes as `note …` commands).
    public static func entries(at path: String) -> [String] {
        guard let text = POSIXFile.readText(path), let doc = try? NotebookDocument(parsing: text) else { return [] }
        var entries: [String] = []
        for segment in doc.segments {
            switch segment {
            case .cell(let c): entries.append(c.command)
            case .prose(let p):
                for (k, piece) in p.components(separatedByMarker: "<!-- carnet-note -->\n").enumerated() {
                    // An open marker comes first, in a piece of its own.
                    for line in piece.split(separator: "\n") where line.hasPrefix("<!-- carnet-open ") && line.hasSuffix(" -->") {
                        entries.append("open " + line.dropFirst("<!-- carnet-open ".count).dropLast(4))
                    }
                    guard k > 0 else { continue }
                    let text = piece.trimmingLineEnd()
                    if !text.isEmpty { entries.append("note " + text) }
                }
            }
        }
        return entries
    }

    /// The commands of a journal left by an earlier session, if any.
    public static func commands(at path: String) -> [String] {
        guard let text = POSIXFile.readText(path), let doc = try? NotebookDocument(parsing: text) else { return [] }
        return doc.cells.map(\.command)
    }

}

extension String {
    func components(separatedByMarker marker: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: marker) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
