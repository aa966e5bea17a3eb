import CarnetEngine
@testable import CarnetQuery
import Testing

@Suite struct ParserTests {
    func error(_ sql: String) -> QueryError? {
        do { _ = try SQLParser.parse(sql); return nil } catch let e as QueryError { return e } catch { return nil }
    }

    @Test func statementsParse() throws {
        for sql in [
            "SELECT 1",
            "select distinct a, b as x, \"c d\" from t where a > 1 and not b is null group by 1, 2 having count(*) > 1 order by 1 desc nulls first limit 5 offset 2",
            "WITH x AS (SELECT * FROM t) SELECT x.* FROM x LEFT JOIN u ON x.a = u.a AND u.b > 0",
            "SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1",
            "SELECT CASE WHEN a IN (1, 2) THEN 'x' ELSE 'y' END, CAST(a AS decimal(10, 2)), a::text FROM t",
            "SELECT sum(m) OVER (PARTITION BY s ORDER BY d), row_number() OVER () FROM t",
            "let x = SELECT * FROM t",
            "CREATE TABLE x AS SELECT * FROM t;",
            "explain SELECT * FROM t CROSS JOIN u",
            "SELECT * FROM t JOIN u USING (a, b) WHERE c NOT LIKE 'a%' AND d BETWEEN DATE '2022-01-01' AND DATE '2022-12-31'",
        ] {
            #expect(throws: Never.self, "\(sql)") { try SQLParser.parse(sql) }
        }
    }

    @Test func errorsPointAtTheirToken() {
        #expect(error("SELECT a FROM")?.position == 13)
        #expect(error("SELECT a FROM t WHERE")?.message.contains("ends too early") == true)
        #expect(error("SELECT 'abc")?.message == "this string is not closed")
        #expect(error("SELECT 'abc")?.position == 7)
        #expect(error("SELECT a FROM t UNION SELECT b FROM u")?.message == "only UNION ALL is supported")
        #expect(error("SELECT a FROM t t2 t3")?.position == 19)
        #expect(error("SELECT CAST(a AS money2) FROM t")?.message == "unknown type money2")
        #expect(error("SELECT a FROM t JOIN u")?.message.contains("ON") == true)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = "SELECT " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(error(deep)?.message.contains("nested too deeply") == true)
        let notChain = "SELECT " + String(repeating: "NOT ", count: 100_000) + "true"
        #expect(error(notChain)?.message.contains("nested too deeply") == true)
        let minus = "SELECT " + String(repeating: "- ", count: 100_000) + "1"
        #expect(error(minus)?.message.contains("nested too deeply") == true)
    }

    @Test func numbersBecomeTheRightLiterals() throws {
        #expect(try SQLParser.number("12", at: 0) == .integer(12))
        #expect(try SQLParser.number("12.50", at: 0) == .decimal(1250, scale: 2))
        #expect(try SQLParser.number("1e3", at: 0) == .double(1000))
        #expect(try SQLParser.number("99999999999999999999", at: 0) == .double(1e20))
    }

    @Test func recognisesSQL() {
        #expect(SQLParser.looksLikeSQL("  select 1"))
        #expect(SQLParser.looksLikeSQL("WITH x AS (SELECT 1) SELECT * FROM x"))
        #expect(SQLParser.looksLikeSQL("let x = SELECT 1"))
        #expect(!SQLParser.looksLikeSQL("load x.csv"))
        #expect(!SQLParser.looksLikeSQL("show selected"))
        // The first word decides: a half-written `let x` or `create` is SQL, and the parser
        // says what is missing.
        #expect(SQLParser.looksLikeSQL("let x"))
        #expect(SQLParser.looksLikeSQL("create"))
        #expect(!SQLParser.looksLikeSQL("letter"))
    }
}
