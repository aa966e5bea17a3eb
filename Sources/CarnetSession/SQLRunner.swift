import CarnetEngine
import CarnetQuery

/// Runs SQL inside a session: the session's tables are the catalog, results are shown or kept.
enum SQLRunner {
    /// Rows a drawn table shows at most for a query result.
    static let shownRows = 40

    static func catalog(_ session: Session) -> TableCatalog {
        let workspace = session.workspace
        return TableCatalog(names: workspace.names) { name in
            workspace.entry(named: name).map { ($0.name, $0.table) }
        }
    }

    /// A query's warnings in the session's language: from here on they are text.
    static func said(_ warnings: [QueryWarning], _ session: Session) -> [String] {
        warnings.map { $0.text(french: session.settings.locale == .fr) }
    }

    /// Runs a SELECT (or let / CREATE TABLE / explain) typed as a statement.
    static func run(_ sql: String, in session: Session) throws -> CommandOutput {
        do {
            switch try QueryEngine.run(sql, catalog: catalog(session), isCancelled: session.loadMonitor.isCancelled) {
            case .table(let table, let warnings):
                return CommandOutput([display(table, session: session)] + said(warnings, session).map { .warning($0) })
            case .created(let name, let table, let warnings):
                try TableNames.validate(name)
                session.workspace.put(NamedTable(name: name, table: table, source: nil, report: nil))
                let count = BoxTableRenderer.countLine(rows: table.rowCount, columns: table.columnCount, locale: session.settings.locale)
                return CommandOutput([.message(SessionWords(locale: session.settings.locale).created(name, count))] + said(warnings, session).map { .warning($0) })
            case .plan(let text):
                return .text(text)
            }
        } catch let error as QueryError {
            throw CommandError(error)
        }
    }

    /// Runs a query tree a command built (`count`, `aggregate`) and shows its result. The tree's
    /// offsets already point into the command's text.
    static func run(_ query: ParsedQuery, in session: Session) throws -> CommandOutput {
        let (table, warnings) = try Self.table(query, in: session)
        return CommandOutput([display(table, session: session)] + warnings.map { .warning($0) })
    }

    /// Runs a query tree a command built and returns its table.
    static func table(_ query: ParsedQuery, in session: Session) throws -> (Table, [String]) {
        do {
            let (table, warnings) = try QueryEngine.execute(query, catalog: catalog(session), isCancelled: session.loadMonitor.isCancelled)
            return (table, said(warnings, session))
        } catch let error as QueryError {
            throw CommandError(error)
        }
    }

    /// Runs a query and returns its table (for commands that take a source).
    static func table(_ sql: String, in session: Session, offset: Int = 0) throws -> (Table, [String]) {
        do {
            switch try QueryEngine.run(sql, catalog: catalog(session), isCancelled: session.loadMonitor.isCancelled) {
            case .table(let t, let w), .created(_, let t, let w): return (t, said(w, session))
            case .plan: throw CommandError("explain gives a plan, not a table")
            }
        } catch let error as QueryError {
            throw CommandError(error, offset: offset)
        }
    }

    /// A result table, cut to the first rows when drawn (CSV, JSON and Markdown get all rows).
    static func display(_ table: Table, session: Session) -> OutputBlock {
        let count = BoxTableRenderer.countLine(rows: table.rowCount, columns: table.columnCount, locale: session.settings.locale)
        let limit = max(session.settings.showRows, shownRows)
        if session.settings.output == .table, table.rowCount > limit {
            return .table(table.head(limit), footer: count + ", " + SessionWords(locale: session.settings.locale).keepAll(limit))
        }
        return .table(table, footer: count)
    }
}
