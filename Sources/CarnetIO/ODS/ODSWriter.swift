import CarnetEngine

/// Writes a table as an OpenDocument spreadsheet (.ods) of one sheet, the format the RGI asks
/// French administrations to exchange: numbers, dates, timestamps and booleans as typed values
/// (with their text beside, as ODF wants), text as paragraphs with its spaces, tabs and line
/// breaks kept; the header row repeats on printed pages.
public enum ODSWriter: TableFileWriter {
    public static let formatName = "ODS"
    public static let extensions: Set<String> = ["ods"]

    public static func write(_ table: Table, sheet: String, to path: String) throws -> Int {
        try SheetLimits.check(table, format: formatName, path: path)
        let spool = try SpoolFile(beside: path, part: "content")
        defer { spool.remove() }
        try content(table, sheet: SheetLimits.sheetName(sheet), to: spool)
        let entries: [ZipWriter.Entry] = [
            .init(path: "mimetype", bytes: ODSReader.mimeType, stored: true),
            .init(path: "META-INF/manifest.xml", bytes: Array(manifest.utf8)),
            .init(path: "content.xml", file: spool),
        ]
        try ZipWriter.write(entries, to: path)
        return (try? ByteFile(path: path).size) ?? 0
    }

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """

    /// The document's content, row by row into `spool`.
    static func content(_ table: Table, sheet: String, to spool: SpoolFile) throws {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"><office:automatic-styles><number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style><number:date-style style:name="N2"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:date-style><style:style style:name="date" style:family="table-cell" style:data-style-name="N1"/><style:style style:name="timestamp" style:family="table-cell" style:data-style-name="N2"/><style:style style:name="header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:spreadsheet>
            """
        out += "<table:table table:name=\"\(SheetLimits.xmlEscaped(sheet, attribute: true))\">"
        out += "<table:table-column table:number-columns-repeated=\"\(max(1, table.columnCount))\"/>"
        out += "<table:table-header-rows><table:table-row>"
        for name in table.columnNames { out += "<table:table-cell table:style-name=\"header\" office:value-type=\"string\">\(paragraphs(name))</table:table-cell>" }
        out += "</table:table-row></table:table-header-rows>"
        for r in 0..<table.rowCount {
            out += "<table:table-row>"
            var empty = 0
            for column in table.columns {
                if column.isNull(r) { empty += 1; continue }
                if empty > 0 { out += emptyCells(empty); empty = 0 }
                out += cell(column.value(at: r))
            }
            out += "</table:table-row>"
            // The spool buffers and flushes in large blocks.
            try spool.append(out)
            out.removeAll(keepingCapacity: true)
        }
        out += "</table:table></office:spreadsheet></office:body></office:document-content>"
        try spool.append(out)
        _ = try spool.finish()
    }

    static func emptyCells(_ n: Int) -> String {
        n == 1 ? "<table:table-cell/>" : "<table:table-cell table:number-columns-repeated=\"\(n)\"/>"
    }

    static func cell(_ value: Value) -> String {
        let shown = paragraphs(value.plainText)
        switch value {
        case .null: return emptyCells(1)
        case .int64, .decimal:
            return "<table:table-cell office:value-type=\"float\" office:value=\"\(value.plainText)\">\(shown)</table:table-cell>"
        case .double(let d):
            guard d.isFinite else { return "<table:table-cell office:value-type=\"string\">\(shown)</table:table-cell>" }
            return "<table:table-cell office:value-type=\"float\" office:value=\"\(d)\">\(shown)</table:table-cell>"
        case .bool(let b):
            return "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"\(b)\">\(shown)</table:table-cell>"
        case .date:
            return "<table:table-cell table:style-name=\"date\" office:value-type=\"date\" office:date-value=\"\(value.plainText)\">\(shown)</table:table-cell>"
        case .timestamp:
            let iso = value.plainText.replacingAll(" ", with: "T")
            return "<table:table-cell table:style-name=\"timestamp\" office:value-type=\"date\" office:date-value=\"\(iso)\">\(shown)</table:table-cell>"
        case .string, .geometry:
            return "<table:table-cell office:value-type=\"string\">\(shown)</table:table-cell>"
        }
    }

    /// Text as ODF paragraphs: one `<text:p>` per line, runs of spaces as `<text:s text:c>`
    /// (XML would fold them), tabs as `<text:tab/>`.
    static func paragraphs(_ text: String) -> String {
        // Most cells: no line break, tab, leading, trailing or double space.
        if !text.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" }), !text.hasPrefix(" "), !text.hasSuffix(" "), !text.contains("  ") {
            return "<text:p>" + SheetLimits.xmlEscaped(text) + "</text:p>"
        }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "<text:p>"
            var spaces = 0
            func flushSpaces(atEnd: Bool) {
                guard spaces > 0 else { return }
                // One space between words stays a space; more (or leading) become <text:s>.
                if spaces == 1, !atEnd, !out.hasSuffix("<text:p>") { out += " " } else { out += spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>" }
                spaces = 0
            }
            for ch in line {
                if ch == " " { spaces += 1; continue }
                flushSpaces(atEnd: false)
                if ch == "\t" { out += "<text:tab/>" } else if ch == "\r" { continue } else { out += SheetLimits.xmlEscaped(String(ch)) }
            }
            flushSpaces(atEnd: true)
            out += "</text:p>"
        }
        return out
    }
}
