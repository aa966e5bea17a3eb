import CarnetEngine

/// Recursive-descent parser for Carnet's SQL subset (see docs/sql.md).
public struct SQLParser {
    private var tokens: [SQLToken]
    private var index = 0
    /// Guards against stack exhaustion on hostile input such as 100,000 nested parentheses.
    private var depth = 0
    static let maxDepth = 200

    /// `offset` is where the text starts in a longer text (a command's), so that every offset
    /// in the tree and in errors points into that longer text.
    public init(_ text: String, offset: Int = 0) throws {
        do {
            tokens = try SQLLexer.tokenize(text)
        } catch var error as QueryError {
            error.position = error.position.map { $0 + offset }
            throw error
        }
        if offset != 0 { for i in tokens.indices { tokens[i].offset += offset } }
    }

    /// Parses one statement (a trailing `;` is allowed).
    /// Every error it throws is of kind `.syntax`: nothing is looked up while parsing.
    public static func parse(_ text: String) throws -> ParsedStatement {
        try parseWhole(text, offset: 0, what: "the statement") { parser in
            let statement = try parser.statement()
            while parser.peek.isSymbol(";") { parser.index += 1 }
            return statement
        }
    }

    /// Parses all of `text` with `part`: anything left after it is an error, and every error is
    /// of kind `.syntax`.
    static func parseWhole<T>(_ text: String, offset: Int, what: String, _ part: (inout SQLParser) throws -> T) throws -> T {
        do {
            var parser = try SQLParser(text, offset: offset)
            let result = try part(&parser)
            guard case .end = parser.peek.kind else {
                throw QueryError("unexpected \(parser.peek.text) after the end of \(what)", at: parser.peek.offset)
            }
            return result
        } catch var error as QueryError {
            error.kind = .syntax
            throw error
        }
    }

    /// The words that start an SQL statement; any other first word is a Carnet command.
    public static let statementKeywords: Set<String> = ["select", "with", "explain", "let", "create"]

    /// True when the text starts like an SQL statement: the one test the session, the shell's
    /// statement assembler and completion all use, so a line is SQL everywhere or nowhere
    /// (`let x` waits for `;` and then gets the parser's error, not "unknown command").
    public static func looksLikeSQL(_ text: String) -> Bool {
        statementKeywords.contains(text.drop { $0.isWhitespace }.prefix { $0.isLetter }.lowercased())
    }

    // MARK: - Statements

    private mutating func statement() throws -> ParsedStatement {
        if accept("explain") { return .explain(try query()) }
        if accept("let") {
            let name = try identifier("a table name after let")
            try expectSymbol("=")
            return .createTable(name: name, query: try query())
        }
        if accept("create") {
            try expect("table")
            let name = try identifier("a table name")
            try expect("as")
            return .createTable(name: name, query: try query())
        }
        return .query(try query())
    }

    mutating func query() throws -> ParsedQuery {
        try nest()
        defer { depth -= 1 }
        var result = ParsedQuery()
        if accept("with") {
            repeat {
                let name = try identifier("a name for the WITH query")
                var columns: [String]?
                if acceptSymbol("(") {
                    var names: [String] = []
                    repeat { names.append(try identifier("a column name")) } while acceptSymbol(",")
                    try expectSymbol(")")
                    columns = names
                }
                try expect("as")
                try expectSymbol("(")
                let q = try query()
                try expectSymbol(")")
                result.with.append((name, columns, q))
            } while acceptSymbol(",")
        }
        result.cores.append(try selectCore())
        while accept("union") {
            guard accept("all") else {
                throw QueryError("only UNION ALL is supported", at: peek.offset, hint: "write UNION ALL, then SELECT DISTINCT … FROM (…) to remove duplicates")
            }
            result.cores.append(try selectCore())
        }
        if accept("order") {
            try expect("by")
            result.orderBy = try orderItems()
        }
        if accept("limit") {
            result.limit = try integerLiteral("LIMIT")
            if accept("offset") { result.offset = try integerLiteral("OFFSET") }
        } else if accept("offset") {
            result.offset = try integerLiteral("OFFSET")
        }
        return result
    }

    private mutating func selectCore() throws -> ParsedSelectCore {
        var core = ParsedSelectCore()
        core.at = peek.offset
        try expect("select")
        if accept("distinct") { core.distinct = true } else { _ = accept("all") }
        core.items = try selectItems()
        if accept("from") { core.from = try fromClause() }
        if accept("where") { core.filter = try expression() }
        if accept("group") {
            try expect("by")
            if accept("all") {
                core.groupByAll = true
            } else {
                // Each element gives a list of key sets; the query's sets are their products.
                var sets: [[Int]] = [[]]
                var plain = true
                repeat {
                    let element = try groupingElement(keys: &core.groupBy, plain: &plain)
                    sets = sets.flatMap { prefix in element.map { prefix + $0 } }
                } while acceptSymbol(",")
                if !plain { core.groupingSets = sets }
            }
        }
        if accept("having") { core.having = try expression() }
        if accept("qualify") { core.qualify = try expression() }
        return core
    }

    /// One element of GROUP BY: an expression (one set holding it), `ROLLUP (a, b)` (sets
    /// (a, b), (a), ()), `CUBE (a, b)` (every subset) or `GROUPING SETS ((a, b), a, ())`.
    /// Expressions are added to `keys`; sets name them by position.
    private mutating func groupingElement(keys: inout [ParsedExpression], plain: inout Bool) throws -> [[Int]] {
        func key(_ e: ParsedExpression) -> Int {
            keys.append(e)
            return keys.count - 1
        }
        func parenthesizedKeys() throws -> [Int] {
            try expectSymbol("(")
            if acceptSymbol(")") { return [] }
            var list: [Int] = []
            repeat { list.append(key(try expression())) } while acceptSymbol(",")
            try expectSymbol(")")
            return list
        }
        let at = peek.offset
        if peekWord("rollup"), peekSymbol("(", ahead: 1) {
            index += 1
            plain = false
            let list = try parenthesizedKeys()
            return (0...list.count).reversed().map { Array(list.prefix($0)) }
        }
        if peekWord("cube"), peekSymbol("(", ahead: 1) {
            index += 1
            plain = false
            let list = try parenthesizedKeys()
            guard list.count <= 12 else { throw QueryError("CUBE of \(list.count) keys makes \(1 << list.count) grouping sets; 12 keys at most", at: at) }
            // Larger sets first, as DuckDB and PostgreSQL list them.
            return (0..<(1 << list.count)).reversed().map { mask in list.indices.filter { mask & (1 << (list.count - 1 - $0)) != 0 }.map { list[$0] } }
        }
        if peekWord("grouping"), peekWord("sets", ahead: 1) {
            index += 2
            plain = false
            try expectSymbol("(")
            var sets: [[Int]] = []
            repeat {
                if peekSymbol("(") { sets.append(try parenthesizedKeys()) } else { sets.append([key(try expression())]) }
            } while acceptSymbol(",")
            try expectSymbol(")")
            return sets
        }
        return [[key(try expression())]]
    }

    /// `expr [AS name], …`: a select list.
    mutating func selectItems() throws -> [ParsedSelectItem] {
        var items: [ParsedSelectItem] = []
        repeat {
            let expression = try expressionOrStar()
            var alias: String?
            if accept("as") {
                alias = try identifier("a name after AS")
            } else if case .word(let w) = peek.kind, !SQLParser.reserved.contains(w.lowercased()) {
                alias = w
                index += 1
            } else if case .quotedIdentifier(let q) = peek.kind {
                alias = q
                index += 1
            }
            items.append(ParsedSelectItem(expression: expression, alias: alias))
        } while acceptSymbol(",")
        return items
    }

    private mutating func fromClause() throws -> ParsedFrom {
        var left = try fromItem()
        while true {
            let at = peek.offset
            var kind: JoinKind
            if acceptSymbol(",") {
                left = .join(left, try fromItem(), .cross, on: nil, using: [], at: at)
                continue
            } else if accept("join") {
                kind = .inner
            } else if accept("inner") {
                try expect("join"); kind = .inner
            } else if accept("left") {
                _ = accept("outer"); try expect("join"); kind = .left
            } else if accept("right") {
                _ = accept("outer"); try expect("join"); kind = .right
            } else if accept("full") {
                _ = accept("outer"); try expect("join"); kind = .full
            } else if accept("cross") {
                try expect("join"); kind = .cross
            } else {
                return left
            }
            let right = try fromItem()
            if kind == .cross {
                left = .join(left, right, .cross, on: nil, using: [], at: at)
            } else if accept("on") {
                left = .join(left, right, kind, on: try expression(), using: [], at: at)
            } else if accept("using") {
                try expectSymbol("(")
                var columns: [String] = []
                repeat { columns.append(try identifier("a column name")) } while acceptSymbol(",")
                try expectSymbol(")")
                left = .join(left, right, kind, on: nil, using: columns, at: at)
            } else {
                throw QueryError("a JOIN needs ON condition or USING (columns)", at: peek.offset)
            }
        }
    }

    private mutating func fromItem() throws -> ParsedFrom {
        let at = peek.offset
        if acceptSymbol("(") {
            let q = try query()
            try expectSymbol(")")
            _ = accept("as")
            let alias = (try? identifier("")) ?? "subquery"
            if acceptSymbol("(") {
                // (SELECT …) AS name (column, …): the list renames the columns, as WITH's does.
                var columns: [String] = []
                repeat { columns.append(try identifier("a column name")) } while acceptSymbol(",")
                try expectSymbol(")")
                var renamed = ParsedQuery()
                renamed.with = [(name: alias, columns: columns, query: q)]
                var core = ParsedSelectCore()
                core.items = [ParsedSelectItem(expression: .star(table: nil, at: at), alias: nil)]
                core.from = .table(name: alias, alias: nil, at: at)
                core.at = at
                renamed.cores = [core]
                return .subquery(renamed, alias: alias, at: at)
            }
            return .subquery(q, alias: alias, at: at)
        }
        let name = try identifier("a table name")
        var alias: String?
        if accept("as") {
            alias = try identifier("a name after AS")
        } else if case .word(let w) = peek.kind, !SQLParser.reserved.contains(w.lowercased()) {
            alias = w
            index += 1
        }
        return .table(name: name, alias: alias, at: at)
    }

    private mutating func orderItems() throws -> [ParsedOrderItem] {
        var items: [ParsedOrderItem] = []
        repeat {
            let e = try expression()
            var descending = false
            if accept("desc") { descending = true } else { _ = accept("asc") }
            var nullsFirst: Bool?
            if accept("nulls") {
                if accept("first") { nullsFirst = true } else { try expect("last"); nullsFirst = false }
            }
            items.append(ParsedOrderItem(expression: e, descending: descending, nullsFirst: nullsFirst))
        } while acceptSymbol(",")
        return items
    }

    // MARK: - Expressions, by increasing precedence

    private mutating func expressionOrStar() throws -> ParsedExpression {
        if peek.isSymbol("*") {
            let at = peek.offset
            index += 1
            return .star(table: nil, at: at)
        }
        // table.*
        if index + 2 < tokens.count, tokens[index + 1].isSymbol("."), tokens[index + 2].isSymbol("*") {
            let at = peek.offset
            let table = try identifier("a table name")
            index += 2
            return .star(table: table, at: at)
        }
        return try expression()
    }

    mutating func expression() throws -> ParsedExpression {
        try nest()
        defer { depth -= 1 }
        return try orExpression()
    }

    private mutating func orExpression() throws -> ParsedExpression {
        var left = try andExpression()
        while peek.isKeyword("or") {
            let at = peek.offset
            index += 1
            left = .binary(.or, left, try andExpression(), at: at)
        }
        return left
    }

    private mutating func andExpression() throws -> ParsedExpression {
        var left = try notExpression()
        while peek.isKeyword("and") {
            let at = peek.offset
            index += 1
            left = .binary(.and, left, try notExpression(), at: at)
        }
        return left
    }

    private mutating func notExpression() throws -> ParsedExpression {
        if peek.isKeyword("not") {
            let at = peek.offset
            index += 1
            try nest()
            defer { depth -= 1 }
            return .not(try notExpression(), at: at)
        }
        return try comparison()
    }

    private mutating func comparison() throws -> ParsedExpression {
        let left = try additive()
        let at = peek.offset
        for symbol in ["=", "<>", "!=", "<=", ">=", "<", ">"] where peek.isSymbol(symbol) {
            index += 1
            let op = BinaryOperator(rawValue: symbol == "!=" ? "<>" : symbol)!
            return .binary(op, left, try additive(), at: at)
        }
        if accept("is") {
            let negated = accept("not")
            try expect("null")
            return .isNull(left, negated: negated, at: at)
        }
        let negated = accept("not")
        if accept("in") {
            try expectSymbol("(")
            if peek.isKeyword("select") || peek.isKeyword("with") {
                let q = try query()
                try expectSymbol(")")
                return .inSubquery(left, q, negated: negated, at: at)
            }
            var items: [ParsedExpression] = []
            repeat { items.append(try expression()) } while acceptSymbol(",")
            try expectSymbol(")")
            return .inList(left, items, negated: negated, at: at)
        }
        if accept("between") {
            let low = try additive()
            try expect("and")
            return .between(left, low, try additive(), negated: negated, at: at)
        }
        if accept("like") { return .like(left, try additive(), caseInsensitive: false, negated: negated, at: at) }
        if accept("ilike") { return .like(left, try additive(), caseInsensitive: true, negated: negated, at: at) }
        if negated { throw QueryError("expected IN, BETWEEN, LIKE or ILIKE after NOT", at: peek.offset) }
        return left
    }

    private mutating func additive() throws -> ParsedExpression {
        var left = try multiplicative()
        while true {
            let at = peek.offset
            if acceptSymbol("+") { left = .binary(.add, left, try multiplicative(), at: at) }
            else if acceptSymbol("-") { left = .binary(.subtract, left, try multiplicative(), at: at) }
            else if acceptSymbol("||") { left = .binary(.concat, left, try multiplicative(), at: at) }
            else { return left }
        }
    }

    private mutating func multiplicative() throws -> ParsedExpression {
        var left = try unary()
        while true {
            let at = peek.offset
            if acceptSymbol("*") { left = .binary(.multiply, left, try unary(), at: at) }
            else if acceptSymbol("/") { left = .binary(.divide, left, try unary(), at: at) }
            else if acceptSymbol("%") { left = .binary(.modulo, left, try unary(), at: at) }
            else { return left }
        }
    }

    private mutating func unary() throws -> ParsedExpression {
        let at = peek.offset
        if acceptSymbol("-") {
            try nest()
            defer { depth -= 1 }
            let operand = try unary()
            // Fold `-5` into a literal so that Int64.min can be written.
            if case .literal(.integer(let v), _) = operand { return .literal(.integer(-v), at: at) }
            if case .literal(.decimal(let v, let s), _) = operand { return .literal(.decimal(-v, scale: s), at: at) }
            if case .literal(.double(let v), _) = operand { return .literal(.double(-v), at: at) }
            return .negate(operand, at: at)
        }
        if acceptSymbol("+") { return try unary() }
        var e = try primary()
        while peek.isSymbol("::") {
            let castAt = peek.offset
            index += 1
            e = .cast(e, try typeName(), at: castAt)
        }
        return e
    }

    private mutating func primary() throws -> ParsedExpression {
        let token = peek
        let at = token.offset
        switch token.kind {
        case .number(let text):
            index += 1
            return .literal(try SQLParser.number(text, at: at), at: at)
        case .string(let s):
            index += 1
            return .literal(.string(s), at: at)
        case .symbol("("):
            index += 1
            if peek.isKeyword("select") || peek.isKeyword("with") {
                let q = try query()
                try expectSymbol(")")
                return .scalarSubquery(q, at: at)
            }
            let e = try expression()
            try expectSymbol(")")
            return e
        case .quotedIdentifier(let name):
            index += 1
            return try columnRest(first: name, at: at)
        case .word(let word):
            let lower = word.lowercased()
            switch lower {
            case "null": index += 1; return .literal(.null, at: at)
            case "true": index += 1; return .literal(.bool(true), at: at)
            case "false": index += 1; return .literal(.bool(false), at: at)
            case "case": index += 1; return try caseExpression(at: at)
            case "cast":
                index += 1
                try expectSymbol("(")
                let e = try expression()
                try expect("as")
                let type = try typeName()
                try expectSymbol(")")
                return .cast(e, type, at: at)
            case "date", "timestamp":
                if case .string(let s) = tokens[index + 1].kind {
                    index += 2
                    return .literal(try SQLParser.temporal(s, timestamp: lower == "timestamp", at: at), at: at)
                }
            case "interval":
                index += 1
                return .literal(try intervalRest(at: at), at: at)
            case "exists":
                guard tokens[index + 1].isSymbol("(") else { break }
                index += 2
                let q = try query()
                try expectSymbol(")")
                return .exists(q, at: at)
            case "substring":
                // substring(s FROM start [FOR length]) is substr(s, start[, length]).
                guard tokens[index + 1].isSymbol("(") else { break }
                let save = index
                index += 2
                let s = try expression()
                if accept("from") {
                    var arguments = [s, try expression()]
                    if accept("for") { arguments.append(try expression()) }
                    try expectSymbol(")")
                    return .function(name: "substr", arguments: arguments, distinct: false, star: false, over: nil, at: at)
                }
                index = save
                index += 1
                return try functionCall(name: "substr", at: at)
            case "extract":
                // extract(year FROM d) is year(d), as in PostgreSQL and DuckDB.
                guard tokens[index + 1].isSymbol("(") else { break }
                index += 2
                let fieldAt = peek.offset
                let field = try identifier("a date part (year, month, day…)").lowercased()
                guard DateFunctions.fields.contains(field) else {
                    throw QueryError("extract takes " + DateFunctions.fields.joined(separator: ", ") + ", not \(field)", at: fieldAt)
                }
                try expect("from")
                let e = try expression()
                try expectSymbol(")")
                // date_part('field', d), as in PostgreSQL.
                return .function(name: "date_part", arguments: [.literal(.string(field), at: fieldAt), e], distinct: false, star: false, over: nil, at: at)
            default:
                break
            }
            if SQLParser.reserved.contains(lower) {
                throw QueryError("expected a value or a column, found \(word.uppercased())", at: at)
            }
            index += 1
            if peek.isSymbol("(") { return try functionCall(name: lower, at: at) }
            return try columnRest(first: word, at: at)
        case .end:
            throw QueryError("the statement ends too early: a value or a column is missing", at: at)
        default:
            throw QueryError("unexpected \(token.text)", at: at)
        }
    }

    /// After INTERVAL: `'3' month`, `'3 months'`, `3 month`; units day, week, month, quarter, year.
    private mutating func intervalRest(at: Int) throws -> Literal {
        var amount: Int?, unit: String?
        switch peek.kind {
        case .string(let text):
            index += 1
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            amount = parts.first.flatMap { Int($0) }
            if parts.count == 2 { unit = parts[1].lowercased() }
        case .number(let text):
            index += 1
            amount = Int(text)
        default:
            break
        }
        guard let amount else { throw QueryError("INTERVAL needs a whole number of units: interval '3' month", at: at) }
        if unit == nil, case .word(let word) = peek.kind {
            index += 1
            unit = word.lowercased()
        }
        var singular = unit ?? ""
        if singular.hasSuffix("s") { singular.removeLast() }
        switch singular {
        case "day": return .interval(months: 0, days: amount)
        case "week": return .interval(months: 0, days: 7 * amount)
        case "month": return .interval(months: amount, days: 0)
        case "quarter": return .interval(months: 3 * amount, days: 0)
        case "year": return .interval(months: 12 * amount, days: 0)
        default:
            throw QueryError("INTERVAL takes day, week, month, quarter or year\(unit.map { ", not \($0)" } ?? "")", at: at)
        }
    }

    private mutating func columnRest(first: String, at: Int) throws -> ParsedExpression {
        if acceptSymbol(".") {
            let name = try identifier("a column name after the dot")
            return .column(table: first, name: name, at: at)
        }
        return .column(table: nil, name: first, at: at)
    }

    private mutating func functionCall(name: String, at: Int) throws -> ParsedExpression {
        try expectSymbol("(")
        var arguments: [ParsedExpression] = []
        var distinct = false
        var star = false
        if acceptSymbol("*") {
            star = true
        } else if !peek.isSymbol(")") {
            distinct = accept("distinct")
            repeat { arguments.append(try expression()) } while acceptSymbol(",")
        }
        try expectSymbol(")")
        if peek.isKeyword("filter"), tokens[index + 1].isSymbol("(") {
            index += 1
            // agg(x) FILTER (WHERE c) is agg(CASE WHEN c THEN x END); count(*) counts the rows where c holds.
            try expectSymbol("(")
            try expect("where")
            let condition = try expression()
            try expectSymbol(")")
            let value: ParsedExpression = star ? .literal(.integer(1), at: at) : (arguments.first ?? .literal(.null, at: at))
            let filtered = ParsedExpression.caseWhen(operand: nil, branches: [(condition, value)], otherwise: nil, at: at)
            return .function(name: name, arguments: [filtered] + arguments.dropFirst(), distinct: distinct, star: false, over: nil, at: at)
        }
        var window: ParsedWindow?
        if accept("over") {
            try expectSymbol("(")
            var partition: [ParsedExpression] = []
            var order: [ParsedOrderItem] = []
            if accept("partition") {
                try expect("by")
                repeat { partition.append(try expression()) } while acceptSymbol(",")
            }
            if accept("order") {
                try expect("by")
                order = try orderItems()
            }
            try expectSymbol(")")
            window = ParsedWindow(partitionBy: partition, orderBy: order)
        }
        return .function(name: name, arguments: arguments, distinct: distinct, star: star, over: window, at: at)
    }

    private mutating func caseExpression(at: Int) throws -> ParsedExpression {
        var operand: ParsedExpression?
        if !peek.isKeyword("when") { operand = try expression() }
        var branches: [(ParsedExpression, ParsedExpression)] = []
        while accept("when") {
            let condition = try expression()
            try expect("then")
            branches.append((condition, try expression()))
        }
        guard !branches.isEmpty else { throw QueryError("CASE needs at least one WHEN … THEN …", at: peek.offset) }
        var otherwise: ParsedExpression?
        if accept("else") { otherwise = try expression() }
        try expect("end")
        return .caseWhen(operand: operand, branches: branches, otherwise: otherwise, at: at)
    }

    private mutating func typeName() throws -> DataType {
        let at = peek.offset
        var name = try identifier("a type name")
        if acceptSymbol("(") {
            var args: [String] = []
            repeat {
                guard case .number(let n) = peek.kind else { throw QueryError("expected a number in the type", at: peek.offset) }
                args.append(n)
                index += 1
            } while acceptSymbol(",")
            try expectSymbol(")")
            // DECIMAL(p, s) keeps the scale s; DECIMAL(s) is Carnet's own short form.
            name += "(" + (args.last ?? "") + ")"
        }
        guard let type = DataType(userName: name) ?? (name.lowercased() == "varchar" ? .string : nil) else {
            throw QueryError("unknown type \(name)", at: at, hint: "types are integer, decimal, decimal(N), double, boolean, date, timestamp, text")
        }
        return type
    }

    // MARK: - Literals

    static func number(_ text: String, at: Int) throws -> Literal {
        if text.contains("e") || text.contains("E") {
            guard let v = Double(text) else { throw QueryError("bad number \(text)", at: at) }
            return .double(v)
        }
        if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            let digits = text.replacingEvery(".", with: "")
            if fraction.count <= DataType.maxDecimalScale, let v = Int64(digits) {
                return .decimal(v, scale: fraction.count)
            }
            guard let d = Double(text) else { throw QueryError("bad number \(text)", at: at) }
            return .double(d)
        }
        if let v = Int64(text) { return .integer(v) }
        guard let d = Double(text) else { throw QueryError("bad number \(text)", at: at) }
        return .double(d)
    }

    static func temporal(_ text: String, timestamp: Bool, at: Int) throws -> Literal {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" }).map { Int($0) }
        guard parts.count >= 3, let y = parts[0], let m = parts[1], let d = parts[2],
              CivilCalendar.isValid(year: y, month: m, day: d) else {
            throw QueryError("\(timestamp ? "TIMESTAMP" : "DATE") '\(text)' is not a valid date", at: at, hint: "write yyyy-mm-dd")
        }
        let days = CivilCalendar.days(year: y, month: m, day: d)
        guard timestamp else { return .date(days) }
        let time = parts.dropFirst(3)
        // Hours, minutes and seconds in range (a 13-digit minute overflowed the microseconds).
        guard time.count <= 3, time.allSatisfy({ $0 != nil }) else {
            throw QueryError("TIMESTAMP '\(text)' is not a valid time", at: at, hint: "write yyyy-mm-dd hh:mm:ss")
        }
        let clock = time.map { $0! } + [Int](repeating: 0, count: 3 - time.count)
        let (h, mi, s) = (clock[0], clock[1], clock[2])
        guard (0...23).contains(h), (0...59).contains(mi), (0...60).contains(s) else {
            throw QueryError("TIMESTAMP '\(text)' is not a valid time", at: at, hint: "write yyyy-mm-dd hh:mm:ss, hours 0–23, minutes and seconds 0–59")
        }
        return .timestamp(Int64(days) * CivilCalendar.microsecondsPerDay + Int64(h * 3600 + mi * 60 + s) * 1_000_000)
    }

    // MARK: - Token helpers

    private var peek: SQLToken { tokens[index] }

    /// Whether the token `ahead` of the current one is this word (the last token is the end).
    private func peekWord(_ word: String, ahead: Int = 0) -> Bool {
        tokens[min(index + ahead, tokens.count - 1)].isKeyword(word)
    }

    private func peekSymbol(_ symbol: String, ahead: Int = 0) -> Bool {
        tokens[min(index + ahead, tokens.count - 1)].isSymbol(symbol)
    }

    private mutating func nest() throws {
        depth += 1
        if depth > SQLParser.maxDepth {
            throw QueryError("the statement is nested too deeply (more than \(SQLParser.maxDepth) levels)", at: peek.offset)
        }
    }

    private mutating func accept(_ keyword: String) -> Bool {
        if peek.isKeyword(keyword) { index += 1; return true }
        return false
    }

    mutating func acceptComma() -> Bool { acceptSymbol(",") }

    private mutating func acceptSymbol(_ s: String) -> Bool {
        if peek.isSymbol(s) { index += 1; return true }
        return false
    }

    private mutating func expect(_ keyword: String) throws {
        guard accept(keyword) else {
            throw QueryError("expected \(keyword.uppercased()), found \(peek.text)", at: peek.offset)
        }
    }

    private mutating func expectSymbol(_ s: String) throws {
        guard acceptSymbol(s) else {
            throw QueryError("expected \(s), found \(peek.text)", at: peek.offset)
        }
    }

    private mutating func identifier(_ what: String) throws -> String {
        switch peek.kind {
        case .word(let w) where !SQLParser.reserved.contains(w.lowercased()):
            index += 1
            return w
        case .quotedIdentifier(let q):
            index += 1
            return q
        default:
            throw QueryError("expected \(what), found \(peek.text)", at: peek.offset)
        }
    }

    private mutating func integerLiteral(_ clause: String) throws -> Int {
        guard case .number(let n) = peek.kind, let v = Int(n), v >= 0 else {
            throw QueryError("\(clause) takes a whole number", at: peek.offset)
        }
        index += 1
        return v
    }

    /// Words that cannot be aliases or names without quotes.
    static let reserved: Set<String> = [
        "select", "from", "where", "group", "by", "having", "order", "limit", "offset", "union", "all", "distinct",
        "as", "on", "using", "join", "inner", "left", "right", "outer", "cross", "and", "or", "not", "in", "is",
        "null", "between", "like", "ilike", "case", "when", "then", "else", "end", "asc", "desc", "nulls",
        "with", "over", "partition", "true", "false", "cast", "full", "qualify",
    ]
}
