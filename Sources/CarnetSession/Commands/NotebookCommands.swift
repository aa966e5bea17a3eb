import CarnetIO

/// `note TEXT`: commentary in Markdown, kept in the notebook at this point.
enum NoteCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "note",
        synopsis: "note TEXT",
        summary: "add commentary (Markdown) to the notebook at this point; `note` alone reads lines until a line `.`",
        details: "{{SELECT …}} in the text is a live value: the query's one value is written in, and computed again on every replay\n(`carnet run --check` fails when it changed). Example: note Les {{SELECT sum(nb_entreprises) FROM zae}} entreprises des ZAE.",
        examples: ["note Les dépenses de personnel pèsent un quart du budget.", "note ## Budget 2022",
                   "note Fréjorgues compte {{SELECT nb_entreprises FROM zae WHERE zone LIKE 'Fréjorgues%'}} entreprises."],
        recorded: false,
        takesRawText: true,
        run: { session, invocation in
            var text = invocation.argumentText.text
            guard !text.trimmingWhitespace().isEmpty else { throw invocation.usage(spec, "note needs some text") }
            var shown: String?
            text = Parameters.markingLiveReferences(text, session.parameters)
            if LiveValues.contains(text) {
                // Live values are computed now, and stored with their queries for every replay.
                let pieces = try LiveValues.refresh(try LiveValues.pieces(text), in: session)
                text = LiveValues.stored(pieces)
                shown = LiveValues.shown(pieces)
            }
            session.document.appendProse(text)
            session.journal?.appendNote(text)
            let noted = SessionWords(locale: session.settings.locale).noted
            return .message(shown.map { noted + ": " + $0 } ?? noted)
        }
    )
}

/// `save [PATH]`: writes the session as a Markdown notebook.
enum SaveCommand {
    static let defaultPath = "sessions/session.md"

    static let spec: CommandSpec = CommandSpec(
        name: "save",
        synopsis: "save [PATH.md]",
        summary: "write the session as a Markdown notebook (commands, outputs, charts, notes); paths become relative to it",
        examples: ["save", "save sessions/budget-2022.md"],
        recorded: false,
        complete: { words in words.count <= 2 ? .path : .none },
        run: { session, invocation in
            var path = invocation.words.first?.text ?? session.notebookPath ?? defaultPath
            if !path.lowercased().hasSuffix(".md") { path += ".md" }
            try session.checkWritable(path)
            let absolute = PathMath.absolute(path, base: session.baseDirectory)
            let text = session.documentText(relativeTo: PathMath.folder(of: absolute))
            try AtomicFile.write(text, to: absolute)
            session.notebookPath = path
            session.journal?.clear()
            session.journal?.appendOpen(absolute)
            return .message(SessionWords(locale: session.settings.locale).saved(session.document.cells.count, to: path))
        }
    )
}

/// `open PATH`: replays a notebook, then goes on from its end.
enum OpenCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "open",
        synopsis: "open PATH.md",
        summary: "replay a notebook's commands and continue from its end (its folder becomes the current folder)",
        examples: ["open sessions/budget-primitif.md"],
        recorded: false,
        complete: { words in words.count <= 2 ? .path : .none },
        run: { session, invocation in
            guard let word = invocation.words.first else { throw invocation.usage(spec, "open needs a notebook path") }
            let absolute = PathMath.absolute(word.text, base: session.baseDirectory)
            guard let text = POSIXFile.readText(absolute) else { throw CommandError("\(word.text): no such notebook", position: word.offset) }
            let document: NotebookDocument
            do { document = try NotebookDocument(parsing: text) } catch let e as NotebookDocument.FormatError {
                throw CommandError("\(word.text):\(e.line): \(e.message)")
            }
            session.baseDirectory = PathMath.folder(of: absolute)
            session.notebookPath = absolute
            session.document = document
            let cells = document.cells
            var outputs: [(Int, CommandOutput)] = []
            let failure = session.replay(cells.map(\.command)) { outputs.append(($0, $1)) }
            for (index, output) in outputs { session.document.setBlocks(ofCell: index, to: output.blocks) }
            if let (index, error) = failure {
                // Keep what ran: the notebook up to the failing command.
                var kept = NotebookDocument()
                kept.segments = Array(session.document.segments.prefix { segment in
                    if case .cell(let c) = segment { return c.line < cells[index].line }
                    return true
                })
                session.document = kept
                session.journal?.rewrite(kept)
                throw CommandError("\(word.text):\(cells[index].line): `\(cells[index].command)` failed: \(error.message)",
                                   hint: "the commands before it ran; the shell goes on from there")
            }
            // A killed session recovers by opening the notebook again, then what followed.
            session.journal?.clear()
            session.journal?.appendOpen(absolute)
            return .message(SessionWords(locale: session.settings.locale).opened(word.text, cells.count))
        }
    )
}

/// `history`: the session's recorded commands.
enum HistoryCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "history",
        synopsis: "history",
        summary: "list the commands recorded in this session's notebook",
        examples: ["history"],
        recorded: false,
        run: { session, _ in
            let commands = session.document.cells.map(\.command)
            if commands.isEmpty { return .text("no command recorded yet") }
            return .text(commands.enumerated().map { "\($0.offset + 1)  \($0.element.replacingNewlinesWithSpaces())" }.joined(separator: "\n"))
        }
    )
}

/// `undo`: removes the last recorded command and restores the state before it.
enum UndoCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "undo",
        synopsis: "undo",
        summary: "remove the last recorded command or note, and restore the tables and settings from before it",
        examples: ["undo"],
        recorded: false,
        run: { session, _ in
            guard let removed = session.document.removeLastEntry() else { return .message("nothing to undo") }
            switch removed {
            case .note(let text):
                session.journal?.rewrite(session.document)
                return .message("undid the note: \(text.trimmingWhitespace().replacingNewlinesWithSpaces().prefix(60))")
            case .cell(let command):
                if let (index, error) = session.replay(session.document.cells.map(\.command)) {
                    throw CommandError("undo could not replay command \(index + 1): \(error.message)")
                }
                session.journal?.rewrite(session.document)
                return .message("undid: \(command.replacingNewlinesWithSpaces())")
            }
        }
    )
}

extension String {
    func replacingNewlinesWithSpaces() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}
