import CarnetIO
import CarnetEngine

/// `carnet run NOTEBOOK.md`: replays a notebook from scratch and rewrites its outputs, or with
/// `check` compares them and reports each difference as a unified diff.
public struct NotebookRunner {
    public var check = false
    /// Where to write the refreshed notebook (default: in place).
    public var outputPath: String?
    /// Let the notebook write outside its folder.
    public var allowOutside = false
    /// `-P NAME=VALUE`: values for the notebook's `param` commands.
    public var parameters: [String: String] = [:]

    public init() {}

    /// What a run found: the text to print, and whether everything matched and ran.
    public struct Report {
        public var messages: [String] = []
        public var ok = true
        /// A command (or a live value) failed, or the notebook could not be read or written:
        /// exit status 2, as diff and cmp use it for trouble; differences alone give 1.
        public var failed = false
    }

    public func run(_ path: String) -> Report {
        var report = Report()
        let absolute = PathMath.absolute(path, base: nil)
        guard let text = POSIXFile.readText(absolute) else {
            return Report(messages: ["\(path): no such notebook"], ok: false, failed: true)
        }
        var document: NotebookDocument
        do {
            document = try NotebookDocument(parsing: text)
        } catch let e as NotebookDocument.FormatError {
            return Report(messages: ["\(path):\(e.line): \(e.message)"], ok: false, failed: true)
        } catch {
            return Report(messages: ["\(path): \(error)"], ok: false, failed: true)
        }
        let session = Session()
        session.baseDirectory = PathMath.folder(of: absolute)
        session.isRecording = false
        session.restrictWrites = !allowOutside
        session.parameterOverrides = Dictionary(uniqueKeysWithValues: parameters.map { ($0.key.lowercased(), $0.value) })
        let cells = document.cells
        let declared = cells.compactMap { Parameters.declaration(in: $0.command)?.name.lowercased() }
        for name in session.parameterOverrides.keys.sorted() where !declared.contains(name) {
            return Report(messages: ["\(path): -P \(name)=…: the notebook has no `param \(name) = …`" + (declared.isEmpty ? "" : " (its parameters: " + declared.joined(separator: ", ") + ")")], ok: false, failed: true)
        }
        var differences = 0
        var index = -1
        var line = 1
        for (position, segment) in document.segments.enumerated() {
            let segmentStart = line
            switch segment {
            case .prose(let text): line += text.count { $0 == "\n" }
            case .cell(let c): line += (c.raw ?? NotebookDocument.render(c)).count { $0 == "\n" }
            }
            guard case .cell(let cell) = segment else {
                // Commentary with live values: computed again where it stands, after the cells above it.
                guard case .prose(let text) = segment, LiveValues.contains(text) else { continue }
                do {
                    let pieces = try LiveValues.pieces(text)
                    let fresh = try LiveValues.refresh(pieces, in: session)
                    guard fresh != pieces else { continue }
                    if check {
                        differences += 1
                        let at = segmentStart + text.prefix { $0 == "\n" }.count
                        var message = "\(path):\(at): a live value in the commentary changed"
                        for (before, after) in LiveValues.changedSentences(before: LiveValues.shown(pieces), after: LiveValues.shown(fresh)) {
                            message += "\n  recorded: \(before)\n  now:      \(after)"
                        }
                        report.messages.append(message)
                    } else {
                        document.segments[position] = .prose(LiveValues.stored(fresh))
                    }
                } catch let error as CommandError {
                    report.messages.append("\(path):\(segmentStart): \(error.message)" + (error.hint.map { "\n  hint: \($0)" } ?? ""))
                    report.ok = false; report.failed = true
                    return report
                } catch {
                    report.messages.append("\(path):\(segmentStart): \(error)")
                    report.ok = false; report.failed = true
                    return report
                }
                continue
            }
            index += 1
            // A load of a file given by -P is read as that file is, not as the recorded one was.
            let fromParameter = !parameters.isEmpty && cell.command.contains("$")
            let command = fromParameter ? cell.command : NotebookRunner.pinningDialect(cell.command, recorded: cell.output, input: cell.input)
            if !check, let (name, _) = Parameters.declaration(in: cell.command), let value = session.parameterOverrides[name.lowercased()] {
                document.setCommand(ofCell: index, to: "param \(name) = \(value)")
            }
            switch session.execute(command) {
            case .failure(let error):
                report.messages.append("\(path):\(cell.line): `\(cell.command)` failed: \(error.message)" + (error.hint.map { "\n  hint: \($0)" } ?? ""))
                report.ok = false; report.failed = true
                return report
            case .empty:
                continue
            case .success(let output, _):
                let fresh = TextRendering.render(output, settings: session.settings, width: Session.notebookWidth)
                var chart: (String, String)?
                for case .written(let p, let title, _) in output.blocks where p.lowercased().hasSuffix(".svg") { chart = (title, p) }
                var input: InputRecord?
                for case .input(let record) in output.blocks { input = record }
                if check {
                    guard let recorded = cell.output, recorded != fresh else { continue }
                    differences += 1
                    var message = "\(path):\(cell.line): the output of `\(cell.command.replacingNewlinesWithSpaces())` changed"
                    if let changed = NotebookRunner.changedInput(recorded: recorded, fresh: fresh, nulls: (cell.input?.nulls, input?.nulls)) {
                        message += "\n  " + changed
                    }
                    message += "\n" + UnifiedDiff.text(recorded, fresh, fromLabel: "recorded", toLabel: "now")
                    report.messages.append(message)
                } else {
                    document.setOutput(ofCell: index, to: fresh, chart: chart, input: input)
                }
            }
        }
        if check {
            report.ok = differences == 0
            report.messages.append(differences == 0 ? "\(path): \(cells.count) command(s), every output identical"
                                   : "\(path): \(differences) of \(cells.count) output(s) differ")
            return report
        }
        let target = outputPath.map { PathMath.absolute($0, base: nil) } ?? absolute
        do {
            try AtomicFile.write(document.text, to: target)
            report.messages.append("\(path): replayed \(cells.count) command(s), wrote \(outputPath ?? path)")
        } catch let error as CommandError {
            report.messages.append(error.description)
            report.ok = false; report.failed = true
        } catch {
            report.messages.append("\(error)")
            report.ok = false; report.failed = true
        }
        return report
    }

    /// A load replays with the dialect it was recorded with, so that a different guess on a
    /// changed file can never change a replay silently.
    static func pinningDialect(_ command: String, recorded: String?, input: InputRecord? = nil) -> String {
        guard command.lowercased().hasPrefix("load "), !command.lowercased().contains(" with "), !command.contains("=") else { return command }
        // The structured record says exactly how the file was read; older notebooks have only
        // the printed dialect line.
        if let input, !input.options.isEmpty { return command + " with " + input.options }
        guard let recorded,
              let line = recorded.split(separator: "\n").first(where: { $0.hasPrefix("  delimiter ") }) else { return command }
        var options: [String] = []
        let parts = line.split(separator: "·").map { $0.trimmingWhitespace() }
        for part in parts {
            if part.hasPrefix("delimiter ") {
                let value = part.dropFirst("delimiter ".count).prefix { $0 != " " }
                options.append("delimiter=" + (value == "tab" ? "tab" : String(value)))
            } else if part.hasPrefix("encoding ") {
                let value = part.dropFirst("encoding ".count)
                options.append("encoding=" + (value.hasPrefix("Windows") ? "cp1252" : value.hasPrefix("ISO") ? "latin1" : "utf8"))
            } else if part.hasPrefix("decimal ") {
                options.append("decimal=" + part.dropFirst("decimal ".count))
            } else if part.hasPrefix("header ") {
                options.append("header=" + (part.hasSuffix("yes") ? "true" : "false"))
            }
        }
        return options.isEmpty ? command : command + " with " + options.joined(separator: " ")
    }

    /// How a load's input drifted from the recorded one, before the diff: "budget.csv changed
    /// since this notebook was saved: 412 → 418 rows (+6)", then columns added, removed or
    /// retyped, columns whose NULL count changed (from the recorded input lines' `nulls=`) and a
    /// changed dialect, one line each. Nil when the file is the same.
    static func changedInput(recorded: String, fresh: String, nulls: ([Int]?, [Int]?) = (nil, nil)) -> String? {
        struct Loaded {
            var file: String, rows: Int, dialect: String, columns: [(name: String, type: String)]
        }
        func fingerprint(_ text: String) -> Substring? {
            text.split(separator: "\n").first { $0.hasPrefix("  sha256 ") }
        }
        func parse(_ text: String) -> Loaded? {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // The first line in either language: "loaded T: … from F" or "chargé T : … depuis F".
            guard let line = lines.first, line.hasPrefix("loaded ") || line.hasPrefix("chargé "),
                  let colon = line.firstIndex(of: ":"), let from = line.range(of: " from ") ?? line.range(of: " depuis ") else { return nil }
            // "16 rows × 3 columns" or "1 234 lignes × 3 colonnes": the digits before the ×.
            let rows = Int(line[line.index(after: colon)...].prefix { $0 != "×" }.filter(\.isNumber)) ?? 0
            let file = String(line[from.upperBound...].prefix { $0 != " " })
            let dialect = lines.count > 1 ? String(lines[1]).trimmingWhitespace() : ""
            var columns: [(String, String)] = []
            for l in lines.dropFirst(2) {
                guard l.hasPrefix("  "), !l.hasPrefix("   "), !l.hasPrefix("  sha256 "), !l.hasPrefix("  …"), !l.hasPrefix("  (") else { continue }
                let parts = l.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count >= 2 else { continue }
                columns.append((String(parts[0]), String(parts[1])))
            }
            return Loaded(file: file, rows: rows, dialect: dialect, columns: columns)
        }
        guard let a = fingerprint(recorded), let b = fingerprint(fresh), a != b,
              let before = parse(recorded), let after = parse(fresh) else { return nil }
        let delta = after.rows - before.rows
        var lines = ["\(after.file) changed since this notebook was saved: \(before.rows) → \(after.rows) rows"
                     + (delta == 0 ? "" : " (\(delta > 0 ? "+" : "")\(delta))")]
        let beforeNames = before.columns.map(\.name), afterNames = after.columns.map(\.name)
        let added = afterNames.filter { !beforeNames.contains($0) }, removed = beforeNames.filter { !afterNames.contains($0) }
        if !added.isEmpty { lines.append("columns added: " + added.joined(separator: ", ")) }
        if !removed.isEmpty { lines.append("columns removed: " + removed.joined(separator: ", ")) }
        for (name, type) in after.columns {
            if let old = before.columns.first(where: { $0.name == name }), old.type != type {
                lines.append("column \(name): \(old.type) → \(type)")
            }
        }
        if let old = nulls.0, let new = nulls.1, old.count == before.columns.count, new.count == after.columns.count {
            for (i, column) in after.columns.enumerated() {
                guard let j = beforeNames.firstIndex(of: column.name), old[j] != new[i] else { continue }
                lines.append("column \(column.name): \(old[j]) → \(new[i]) NULLs")
            }
        }
        if before.dialect != after.dialect, !before.dialect.isEmpty {
            lines.append("read differently: \(before.dialect) → \(after.dialect)")
        }
        return lines.joined(separator: "\n  ")
    }
}
