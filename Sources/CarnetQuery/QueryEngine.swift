import CarnetEngine

/// What running an SQL statement gave.
public enum QueryOutcome: Sendable {
    /// A result to show.
    case table(Table, warnings: [QueryWarning])
    /// A result to keep under a name (`let` / `CREATE TABLE … AS`).
    case created(name: String, Table, warnings: [QueryWarning])
    /// The plan, for `explain`.
    case plan(String)
}

/// The entry point of the query layer: SQL text in, a table out.
public enum QueryEngine {
    /// `isCancelled` is asked between operators and in long loops: when it says yes, the query
    /// stops with a `.interrupted` error (nothing was changed yet).
    public static func run(_ sql: String, catalog: TableCatalog, isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> QueryOutcome {
        let statement = try SQLParser.parse(sql)
        switch statement {
        case .query(let q):
            let (table, warnings) = try execute(q, catalog: catalog, isCancelled: isCancelled)
            return .table(table, warnings: warnings)
        case .createTable(let name, let q):
            let (table, warnings) = try execute(q, catalog: catalog, isCancelled: isCancelled)
            return .created(name: name, table, warnings: warnings)
        case .explain(let q):
            var binder = QueryBinder(catalog: catalog)
            return .plan(Optimizer.optimize(try binder.bind(q).plan).explanation)
        }
    }

    /// Runs a parsed query (as built by `CommandQuery`); the result's columns carry the select
    /// list's names.
    public static func execute(_ query: ParsedQuery, catalog: TableCatalog, isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> (Table, [QueryWarning]) {
        AllocatorPolicy.configure()
        defer { AllocatorPolicy.releaseFreeMemory() }
        var binder = QueryBinder(catalog: catalog)
        let bound = try binder.bind(query)
        let executor = Executor(isCancelled: isCancelled)
        let table = try executor.run(Optimizer.optimize(bound.plan))
        let named = Table(columnNames: bound.columns.map(\.name), columns: table.columns, rowCount: table.rowCount)
        return (named, executor.context.warnings)
    }
}
