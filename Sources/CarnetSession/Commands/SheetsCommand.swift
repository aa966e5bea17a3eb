import CarnetIO

/// `sheets FILE.xlsx|FILE.ods`: the sheets of a workbook.
enum SheetsCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "sheets",
        synopsis: "sheets FILE.xlsx|FILE.ods",
        summary: "list the sheets of a workbook, Excel or OpenDocument (load one with `load FILE with sheet=NAME`)",
        examples: ["sheets Marches_publics_2015.xlsx"],
        recorded: true,
        pathWords: { words in words.isEmpty ? [] : [0] },
        complete: { words in words.count <= 2 ? .path : .none },
        run: { session, invocation in
            guard let word = invocation.words.first else { throw invocation.usage(spec, "sheets needs a workbook path") }
            do {
                let path = session.resolve(word.text)
                guard let names = try TableReaders.reader(for: path).reader.tableNames(path: path) else {
                    throw CommandError("\(word.text) holds one table, not sheets: load it as it is", position: word.offset)
                }
                return .text(names.enumerated().map { "\($0.offset + 1)  \($0.element)" }.joined(separator: "\n"))
            } catch let error as LoadError {
                throw CommandError(error.description, position: word.offset)
            }
        }
    )
}
