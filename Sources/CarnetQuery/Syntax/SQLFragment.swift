/// A piece of SQL typed inside a command (`sum(montant)`, `sens, section`, a `where`
/// condition) and where it starts in the command's text, so that an error points into what
/// the user typed rather than into SQL the command generated.
public struct SQLFragment: Sendable, Equatable {
    public var text: String
    public var offset: Int

    public init(_ text: String, offset: Int) {
        self.text = text
        self.offset = offset
    }
}

extension SQLParser {
    /// `a, b + 1, …`: expressions separated by commas, all of the fragment.
    static func expressions(_ fragment: SQLFragment, clause: String) throws -> [ParsedExpression] {
        try parseWhole(fragment.text, offset: fragment.offset, what: clause) { parser in
            var list = [try parser.expression()]
            while parser.acceptComma() { list.append(try parser.expression()) }
            return list
        }
    }

    /// One expression, all of the fragment.
    static func expression(_ fragment: SQLFragment, clause: String) throws -> ParsedExpression {
        try parseWhole(fragment.text, offset: fragment.offset, what: clause) { try $0.expression() }
    }

    /// A select list (`sum(x) AS total, avg(y)`), all of the fragment.
    static func selectItems(_ fragment: SQLFragment, clause: String) throws -> [ParsedSelectItem] {
        try parseWhole(fragment.text, offset: fragment.offset, what: clause) { try $0.selectItems() }
    }

    /// A whole query (`SELECT …`), all of the fragment.
    static func query(_ fragment: SQLFragment) throws -> ParsedQuery {
        try parseWhole(fragment.text, offset: fragment.offset, what: "the query") { try $0.query() }
    }
}
