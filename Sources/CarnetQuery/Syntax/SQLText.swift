/// Names and text written back as SQL, for messages, plans, completion and the queries that
/// commands build: one place that knows how SQL quotes.
public enum SQLText {
    /// A name as it must be typed: plain when a lower-case identifier that is not a keyword,
    /// else in double quotes.
    public static func identifier(_ name: String) -> String {
        let plain = !name.isEmpty && name.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
            && !SQLParser.reserved.contains(name)
        return plain ? name : delimitedIdentifier(name)
    }

    /// A name always in double quotes (inner quotes doubled), as generated queries write it.
    public static func delimitedIdentifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A text value as an SQL string literal (inner apostrophes doubled).
    public static func stringLiteral(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }
}
