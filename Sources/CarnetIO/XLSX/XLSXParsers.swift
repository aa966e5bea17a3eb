import Foundation

/// The parts of a workbook a sheet needs: sheet names and files, shared strings, which styles
/// are dates, and the date system.
struct XLSXWorkbook {
    var sheets: [(name: String, path: String)] = []
    var sharedStrings: [String] = []
    /// Per cell style index: whether its number format shows a date.
    var dateStyles: [Bool] = []
    var uses1904 = false

    init(_ archive: ZipPackage) throws {
        guard let workbook = try archive.data("xl/workbook.xml") else {
            throw LoadError(path: archive.path, message: "this zip archive is not an Excel workbook (no xl/workbook.xml)")
        }
        var relations: [String: String] = [:]
        if let rels = try archive.data("xl/_rels/workbook.xml.rels") {
            try XMLEventParser.parse([UInt8](rels), start: { name, a in
                if name == "Relationship", let id = a["Id"], let target = a["Target"] { relations[id] = target }
            })
        }
        var found: [(String, String)] = []
        var date1904 = false
        try XMLEventParser.parse([UInt8](workbook), start: { name, a in
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
            try XMLEventParser.parse([UInt8](shared), start: { name, _ in
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
            try XMLEventParser.parse([UInt8](styles), start: { name, a in
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
