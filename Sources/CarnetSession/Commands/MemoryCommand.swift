import CarnetEngine

/// `memory`: what the process holds (resident memory, tables, the notebook) against the limit
/// loads and queries stop at.
enum MemoryCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "memory",
        synopsis: "memory",
        summary: "show the memory in use (process, tables, notebook) and the memory_limit",
        details: "Loads and queries that would pass memory_limit stop with a message, and tables stay as they were.\nChange the limit with `set memory_limit 4GB` (or 50%, or default).",
        examples: ["memory", "set memory_limit 8GB"],
        recorded: false,
        run: { session, invocation in
            if let extra = invocation.words.first { throw invocation.usage(spec, "memory takes no argument", at: extra) }
            let entries = session.workspace.entries
            let tableBytes = entries.reduce(0) { $0 + $1.table.memoryFootprint }
            let notebookBytes = session.document.text.utf8.count
            let limit = MemoryLimit.bytes
            let origin = MemoryLimit.isDefault
                ? "default: \(Int(MemoryLimit.defaultShare * 100))% of the machine's \(ByteSize.format(MemoryLimit.machineBytes))"
                : "set by `set memory_limit`"
            return .text([
                "in use:       \(ByteSize.format(MemoryLimit.residentBytes())) (the whole process)",
                "tables:       \(ByteSize.format(tableBytes)) in \(entries.count) \(entries.count == 1 ? "table" : "tables")",
                "notebook:     \(ByteSize.format(notebookBytes)) (\(session.document.cells.count) recorded command\(session.document.cells.count == 1 ? "" : "s"))",
                "memory_limit: \(ByteSize.format(limit)) (\(origin))",
            ].joined(separator: "\n"))
        }
    )
}
