import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects elements of an XML document with a real XML parser (SAX): each handler gets an
/// element's name and attributes, and the text of the elements asked for.
final class XMLWalker: NSObject, XMLParserDelegate {
    var onStart: (String, [String: String]) -> Void = { _, _ in }
    var onEnd: (String, String) -> Void = { _, _ in }
    private var text = ""
    /// Elements opened and not yet closed. Foundation's parser on Linux may report an error only
    /// through the delegate, or not at all for a document cut short: the walker checks both.
    private var depth = 0
    private var sawRoot = false
    private var failure: Error?

    static func walk(_ data: Data, start: @escaping (String, [String: String]) -> Void, end: @escaping (String, String) -> Void = { _, _ in }) throws {
        let walker = XMLWalker()
        walker.onStart = start
        walker.onEnd = end
        let parser = XMLParser(data: data)
        parser.delegate = walker
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), walker.failure == nil else {
            // Foundation gives only libxml2's error number; the open elements say more.
            let code = ((walker.failure ?? parser.parserError) as NSError?).map { error in
                " (parser code \(error.code)" + (XMLWalker.meanings[error.code].map { ": " + $0 } ?? "") + ")"
            } ?? ""
            let open = walker.depth > 0 ? " with \(walker.depth) element(s) still open — truncated or hand-edited?" : ""
            throw XMLDamage(line: parser.lineNumber, reason: "XML syntax error\(code)\(open)")
        }
        guard walker.sawRoot, walker.depth == 0 else {
            throw XMLDamage(line: parser.lineNumber, reason: walker.sawRoot ? "the document ends before \(walker.depth) element(s) are closed (truncated?)" : "the document is empty")
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        failure = failure ?? parseError
        // Stop at the first error: libxml2 goes on after recoverable ones (an undeclared
        // namespace prefix on every cell) and Foundation leaks an error object for each —
        // FuzzXLSX ran out of memory that way (26,000 errors, 2.3 MB lost per load).
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        text = ""
        depth += 1
        sawRoot = true
        onStart(XMLWalker.local(name), attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        onEnd(XMLWalker.local(name), text)
        text = ""
    }

    /// What some libxml2 error numbers mean (xmlerror.h), for the message. Not 5 ("extra content
    /// at the end"): Foundation reports it for a document cut short too.
    static let meanings: [Int: String] = [
        4: "the document is empty", 9: "an invalid character",
        76: "an element closed by the wrong tag", 77: "an element that is never closed",
        201: "a namespace prefix that is not declared",
    ]

    /// `x:sheet` → `sheet`.
    static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}

/// Why an XML part of a workbook could not be read, with the line it stopped at.
struct XMLDamage: Error, CustomStringConvertible, LocalizedError {
    let line: Int
    let reason: String
    var description: String { "line \(line) of the XML: \(reason)" }
    var errorDescription: String? { description }
}

/// The parts of a workbook a sheet needs: sheet names and files, shared strings, which styles
/// are dates, and the date system.
struct XLSXWorkbook {
    var sheets: [(name: String, path: String)] = []
    var sharedStrings: [String] = []
    /// Per cell style index: whether its number format shows a date.
    var dateStyles: [Bool] = []
    var uses1904 = false

    init(_ archive: XLSXArchive) throws {
        guard let workbook = try archive.data("xl/workbook.xml") else {
            throw LoadError(path: archive.path, message: "this zip archive is not an Excel workbook (no xl/workbook.xml)")
        }
        var relations: [String: String] = [:]
        if let rels = try archive.data("xl/_rels/workbook.xml.rels") {
            try XMLWalker.walk(rels, start: { name, a in
                if name == "Relationship", let id = a["Id"], let target = a["Target"] { relations[id] = target }
            })
        }
        var found: [(String, String)] = []
        var date1904 = false
        try XMLWalker.walk(workbook, start: { name, a in
            if name == "sheet", let sheetName = a["name"] {
                let id = a["r:id"] ?? a.first { $0.key.hasSuffix(":id") }?.value ?? ""
                var target = relations[id] ?? ""
                if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
                found.append((sheetName, target))
            }
            if name == "workbookPr", a["date1904"] == "1" || a["date1904"] == "true" { date1904 = true }
        })
        sheets = found
        uses1904 = date1904
        if let shared = try archive.data("xl/sharedStrings.xml") {
            var current = ""
            var inItem = false
            var strings: [String] = []
            try XMLWalker.walk(shared, start: { name, _ in
                if name == "si" { inItem = true; current = "" }
            }, end: { name, text in
                if name == "t", inItem { current += text }
                if name == "si" { strings.append(current); inItem = false }
            })
            sharedStrings = strings
        }
        if let styles = try archive.data("xl/styles.xml") {
            var customFormats: [Int: String] = [:]
            var inCellXfs = false
            var formats: [Int] = []
            try XMLWalker.walk(styles, start: { name, a in
                if name == "numFmt", let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { customFormats[id] = code }
                if name == "cellXfs" { inCellXfs = true }
                if name == "xf", inCellXfs { formats.append(a["numFmtId"].flatMap(Int.init) ?? 0) }
            }, end: { name, _ in
                if name == "cellXfs" { inCellXfs = false }
            })
            dateStyles = formats.map { XLSXWorkbook.isDateFormat($0, custom: customFormats[$0]) }
        }
    }

    /// Built-in date formats (14–22, 45–47) or a custom code with day, month or year letters
    /// outside quotes and brackets.
    static func isDateFormat(_ id: Int, custom: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) { return true }
        guard let code = custom?.lowercased() else { return false }
        var inQuote = false, inBracket = false
        for c in code {
            if c == "\"" { inQuote.toggle(); continue }
            if c == "[" { inBracket = true; continue }
            if c == "]" { inBracket = false; continue }
            if !inQuote, !inBracket, "dmyh".contains(c) { return true }
        }
        return false
    }
}
