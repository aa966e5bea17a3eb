import CarnetEngine

/// Writes a table as an .xlsx workbook of one sheet for colleagues who work in spreadsheets:
/// numbers as numbers (decimals shown with their scale), dates and timestamps as Excel dates,
/// booleans as booleans, text in the shared-string table (each distinct text once, as Excel
/// writes it); the header bold, frozen and filterable.
/// Integers beyond 2^53 and dates before 1900, which Excel cannot hold exactly, are written as
/// text so that no digit is lost.
public enum XLSXWriter: TableFileWriter {
    public static let formatName = "XLSX"
    public static let extensions: Set<String> = ["xlsx"]

    /// Cell styles (`cellXfs` indexes): 0 general, 1 header, 2 date, 3 timestamp, then one per
    /// decimal scale 1…18.
    static let headerStyle = 1, dateStyle = 2, timestampStyle = 3
    static func decimalStyle(_ scale: Int) -> Int { scale == 0 ? 0 : 3 + scale }

    public static func write(_ table: Table, sheet: String, to path: String) throws -> Int {
        try SheetLimits.check(table, format: formatName, path: path)
        let name = SheetLimits.sheetName(sheet)
        var strings = SharedStrings()
        let spool = try SpoolFile(beside: path, part: "sheet1")
        defer { spool.remove() }
        try sheetXML(table, strings: &strings, to: spool)
        let entries: [ZipWriter.Entry] = [
            .init(path: "[Content_Types].xml", bytes: Array(contentTypes.utf8)),
            .init(path: "_rels/.rels", bytes: Array(packageRelations.utf8)),
            .init(path: "xl/workbook.xml", bytes: Array(workbook(sheet: name).utf8)),
            .init(path: "xl/_rels/workbook.xml.rels", bytes: Array(workbookRelations.utf8)),
            .init(path: "xl/styles.xml", bytes: Array(styles.utf8)),
            .init(path: "xl/sharedStrings.xml", bytes: strings.xml()),
            .init(path: "xl/worksheets/sheet1.xml", file: spool),
        ]
        try ZipWriter.write(entries, to: path)
        return (try? ByteFile(path: path).size) ?? 0
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
        """

    static let packageRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """

    static func workbook(sheet: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(SheetLimits.xmlEscaped(sheet, attribute: true))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    static let workbookRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """

    static let styles: String = {
        let scales = 1...18
        let formats = scales.map { "<numFmt numFmtId=\"\(163 + $0)\" formatCode=\"0.\(String(repeating: "0", count: $0))\"/>" }.joined()
        let decimalXfs = scales.map { "<xf numFmtId=\"\(163 + $0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="\(scales.count + 1)"><numFmt numFmtId="162" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/>\(formats)</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="\(4 + scales.count)"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="162" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\(decimalXfs)</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """
    }()

    /// `C12` for column 2 (from 0) and row 12.
    static func reference(column: Int, row: Int) -> String {
        var name = ""
        var k = column + 1
        while k > 0 {
            let r = (k - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            k = (k - 1) / 26
        }
        return name + String(row)
    }

    /// The Excel serial day of a date (1900 system, with its fictitious 29 February 1900), or
    /// nil before 1 January 1900.
    static func serial(days: Int32) -> Int? {
        let serial = Int(days) + 25_569
        if serial >= 61 { return serial }
        return serial >= 2 ? serial - 1 : nil
    }

    /// The sheet's XML, row by row into `spool`.
    static func sheetXML(_ table: Table, strings: inout SharedStrings, to spool: SpoolFile) throws {
        var out = ""
        out.reserveCapacity(1 << 12)
        let last = reference(column: max(0, table.columnCount - 1), row: table.rowCount + 1)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:\(last)\"/>"
        out += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        out += "<cols>" + table.columnNames.enumerated().map { k, name in
            "<col min=\"\(k + 1)\" max=\"\(k + 1)\" width=\"\(columnWidth(table, k, name))\" customWidth=\"1\"/>"
        }.joined() + "</cols><sheetData>"
        out += "<row r=\"1\">"
        for name in table.columnNames {
            out += "<c s=\"\(headerStyle)\" t=\"s\"><v>\(strings.index(of: name))</v></c>"
        }
        out += "</row>"
        for r in 0..<table.rowCount {
            out += "<row r=\"\(r + 2)\">"
            // A cell names its place only after a gap: the others follow one another.
            var gap = false
            for (k, column) in table.columns.enumerated() {
                if column.isNull(r) { gap = true; continue }
                out += cell(column.value(at: r), at: gap ? reference(column: k, row: r + 2) : nil, strings: &strings)
                gap = false
            }
            out += "</row>"
            // The spool buffers and flushes in large blocks.
            try spool.append(out)
            out.removeAll(keepingCapacity: true)
        }
        out += "</sheetData><autoFilter ref=\"A1:\(last)\"/></worksheet>"
        try spool.append(out)
        _ = try spool.finish()
    }

    static func cell(_ value: Value, at ref: String?, strings: inout SharedStrings) -> String {
        let place = ref.map { " r=\"\($0)\"" } ?? ""
        func text(_ s: String) -> String { "<c\(place) t=\"s\"><v>\(strings.index(of: s))</v></c>" }
        switch value {
        case .null: return ""
        case .int64(let v):
            // Excel keeps 15 significant digits: beyond 2^53 an integer is text, exactly.
            return abs(v) < 1 << 53 ? "<c\(place)><v>\(v)</v></c>" : text(String(v))
        case .decimal(let v, let scale):
            return "<c\(place) s=\"\(decimalStyle(min(scale, 18)))\"><v>\(FixedPoint.string(v, scale: scale))</v></c>"
        case .double(let d):
            return d.isFinite ? "<c\(place)><v>\(d)</v></c>" : text(value.plainText)
        case .bool(let b):
            return "<c\(place) t=\"b\"><v>\(b ? 1 : 0)</v></c>"
        case .date(let days):
            guard let serial = serial(days: days) else { return text(value.plainText) }
            return "<c\(place) s=\"\(dateStyle)\"><v>\(serial)</v></c>"
        case .timestamp(let micros):
            let days = Int32((Double(micros) / Double(CivilCalendar.microsecondsPerDay)).rounded(.down))
            guard let serial = serial(days: days) else { return text(value.plainText) }
            let fraction = Double(micros - Int64(days) * CivilCalendar.microsecondsPerDay) / Double(CivilCalendar.microsecondsPerDay)
            return "<c\(place) s=\"\(timestampStyle)\"><v>\(Double(serial) + fraction)</v></c>"
        case .string(let s):
            return text(s)
        case .geometry(let g):
            return text(g.wkt)
        }
    }

    /// A width in characters from the header and the first rows, between 8 and 60.
    static func columnWidth(_ table: Table, _ k: Int, _ name: String) -> Int {
        var widest = name.count
        for r in 0..<min(table.rowCount, 200) where !table.columns[k].isNull(r) {
            widest = max(widest, table.columns[k].value(at: r).plainText.count)
        }
        return min(60, max(8, widest + 2))
    }
}

/// The workbook's shared-string table: each distinct text once, cells refer to it by index.
struct SharedStrings {
    private var indexes: [String: Int] = [:]
    private var texts: [String] = []
    private var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let k = indexes[text] { return k }
        indexes[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    func xml() -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">"
        for text in texts {
            let keepsSpaces = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("  ") || text.contains("\n") || text.contains("\t")
            out += keepsSpaces ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            out += SheetLimits.xmlEscaped(text) + "</t></si>"
        }
        out += "</sst>"
        return Array(out.utf8)
    }
}
