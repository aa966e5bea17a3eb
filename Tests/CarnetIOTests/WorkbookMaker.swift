import CarnetTestSupport
import Foundation

/// Writes .xlsx workbooks for tests with python3's zipfile: the smallest parts Excel itself
/// reads (content types, workbook, relations, one sheet of inline strings and numbers). Cells
/// are strings; a string that is a plain number is written as a number cell, as Excel does.
enum WorkbookMaker {
    static let script = """
    import json, re, sys, zipfile
    from xml.sax.saxutils import escape
    path, spec = sys.argv[1], json.loads(sys.argv[2])
    def column(k):
        name = ''
        k += 1
        while k:
            k, r = divmod(k - 1, 26)
            name = chr(65 + r) + name
        return name
    def cell(ref, v):
        if v is None: return ''
        if re.fullmatch(r'-?[0-9]+(\\\\.[0-9]+)?', v): return '<c r="%s"><v>%s</v></c>' % (ref, v)
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))
    def rows():
        if 'rows' in spec:
            for r, row in enumerate(spec['rows']):
                yield r + 1, row
        else:
            n = spec['generate']
            yield 1, ['code_commune', 'libelle', 'montant', 'note']
            for r in range(n):
                yield r + 2, ['34%03d' % (r % 1000), 'Ligne numéro %d du classeur' % r, '%d.%02d' % (r, r % 100), 'x' * 200]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open('xl/worksheets/sheet1.xml', 'w') as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for r, row in rows():
                cells = ''.join(cell(column(k) + str(r), v) for k, v in enumerate(row))
                sheet.write(('<row r="%d">%s</row>' % (r, cells)).encode('utf-8'))
            sheet.write(b'</sheetData></worksheet>')
    """

    /// A workbook whose first sheet holds `rows` from row 1 (nil: no cell).
    static func write(rows: [[String?]], name: String = "classeur.xlsx") throws -> String {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["rows": rows.map { $0.map { $0 ?? NSNull() as Any } }]), as: UTF8.self)
        return try make(json, name: name)
    }

    /// A workbook of `rows` generated rows (code, label, amount, a 200-character note), for sheets
    /// larger than an XML parser's default limits.
    static func write(generated rows: Int, name: String = "grand.xlsx") throws -> String {
        try make("{\"generate\": \(rows)}", name: name)
    }

    private static func make(_ spec: String, name: String) throws -> String {
        let path = try ScratchFolder.make("carnet-xlsx") + "/" + name
        _ = try Python3.run(script, arguments: [path, spec])
        return path
    }
}
