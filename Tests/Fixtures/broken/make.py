#!/usr/bin/env python3
"""Writes the broken-input corpus: each file is hostile or damaged in one way, and
expectations.tsv says what Carnet must do with it (never crash). Run from this folder."""
import io, json, zipfile, zlib

cases = []  # (file, kind, outcome, text): outcome "error" (message contains text) or "ok" (output contains text)

def write(name, data, kind, outcome, text):
    with open(name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    cases.append((name, kind, outcome, text))

# CSV and TSV
write("csv-truncated-mid-quote.csv", 'a,b\n1,"deux\n', "load", "error", "never closed")
write("csv-only-quotes.csv", '""""""\n""\n', "load", "ok", "loaded")
write("csv-nul-bytes.csv", b"a,b\n1,\x002\n", "load", "error", "binary file")
write("csv-mixed-line-endings.csv", "a,b\r\n1,2\n3,4\r5,6\r\n", "load", "ok", "3 rows")
write("csv-invalid-utf8-everywhere.csv", b"a,b\n\xff\xfe,\xc3\n\x80,\xe9\n", "load", "ok", "loaded")
write("csv-bom-only.csv", b"\xef\xbb\xbf", "load", "error", "only blank lines")
write("csv-blank-lines-only.csv", "\n\n\r\n\n", "load", "error", "only blank lines")
write("csv-header-trailing-delimiters.csv", "a;b;;;\n1;2;;;\n", "load", "ok", "col_3")
write("csv-one-column.csv", "nom\nA\nB\n", "load", "ok", "2 rows × 1 column")
write("csv-ragged-wildly.csv", "a,b,c\n1\n1,2,3,4,5,6,7\n\n1,2\n", "load", "ok", "too few fields")
write("csv-quote-in-unquoted-field.csv", 'a,b\n5" screen,2\nx,3\n', "load", "ok", "loaded")
write("csv-text-after-closing-quote.csv", 'a,b\n"x"y,2\n', "load", "ok", "loaded")
write("csv-utf16le.csv", "a,b\n1,2\n".encode("utf-16"), "load", "error", "UTF-16")
write("csv-zip-disguised.csv", b"PK\x03\x04" + b"\x00" * 40, "load", "error", "zip archive")
write("csv-huge-number.csv", "n\n" + "9" * 400 + "\n1\n", "load", "ok", "loaded")
# More digits than an exact decimal holds: read as a double, as DuckDB does.
write("csv-many-decimals.csv", "x\n0." + "1" * 30 + "\n2.5\n", "load", "ok", "double")
write("csv-negative-zero-and-exponents.csv", "x\n-0\n1e308\n-1e308\n1e-320\n", "load", "ok", "loaded")
write("csv-impossible-dates.csv", "d\n31/02/2022\n00/00/0000\n29/02/2023\n", "load", "ok", "text")
write("csv-dates-far-years.csv", "d\n01/01/0001\n31/12/9999\n", "load", "ok", "date")
write("csv-control-characters.csv", "a,b\n\x1b[31mred,\x07bell\n\u202eevil,ok\n", "load", "ok", "loaded")
write("csv-duplicate-everything.csv", "a,a,a,A,a_2\n1,2,3,4,5\n", "load", "ok", "renamed")
write("csv-empty-header-names.csv", ",,\n1,2,3\n", "load", "ok", "col_1")
write("csv-semicolon-inside-quotes.csv", 'a;b\n"x;y";2\n', "load", "ok", "1 row")
write("csv-long-field.csv", "a,b\n" + "x" * 3_000_000 + ",1\n", "load", "ok", "1 row")
write("csv-tab-and-spaces.tsv", "a\t b \tc\n 1 \t2\t 3\n", "load", "ok", "delimiter tab")
write("csv-all-null-tokens.csv", "a,b\nNA,-\nnull,N/A\n#N/A,\n", "load", "ok", "no value")
write("csv-sep-line-only.csv", "sep=;\n", "load", "error", "only blank lines")
write("csv-crlf-inside-quotes.csv", 'a,b\r\n"x\r\ny",2\r\n', "load", "ok", "1 row")

# XLSX
def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()

write("xlsx-not-a-zip.xlsx", "nom;montant\na;1\n", "load", "ok", "named .xlsx but holds CSV")
write("xlsx-truncated.xlsx", zip_bytes({"xl/workbook.xml": "<workbook/>"})[:30], "load", "error", "damaged")
write("xlsx-no-workbook.xlsx", zip_bytes({"hello.txt": "hi"}), "load", "error", "not an Excel workbook")
write("xlsx-encrypted.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "load", "error", "encrypted")
write("xlsx-no-sheets.xlsx", zip_bytes({"xl/workbook.xml": "<workbook><sheets/></workbook>"}), "load", "error", "no sheet")
write("xlsx-broken-sheet-xml.xlsx", zip_bytes({
    "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row><c r='A1'><v>1</v></c>"}), "load", "error", "XML is damaged")
write("xlsx-missing-sheet-part.xlsx", zip_bytes({
    "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/nope.xml"/></Relationships>'}), "load", "error", "missing from the archive")
write("xlsx-huge-cell-reference.xlsx", zip_bytes({
    "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>nom</t></is></c></row>"
                                "<row r='2'><c r='ZZZZZZZZZ99999999999'><v>1</v></c><c r='A2' t='inlineStr'><is><t>x</t></is></c></row></sheetData></worksheet>"}),
      "load", "ok", "1 row")
write("xlsx-sparse-far-cell.xlsx", zip_bytes({
    "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row r='1'><c r='A1'><v>1</v></c></row>"
                                "<row r='1048576'><c r='XFD1048576'><v>2</v></c></row></sheetData></worksheet>"}),
      "load", "error", "too large or too sparse")
# An undeclared namespace prefix on each of 5,000 cells: libxml2 recovers and reports each one,
# and Foundation leaked an error object per report (FuzzXLSX ran out of memory on this).
write("xlsx-undeclared-namespace.xlsx", zip_bytes({
    "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": "<worksheet><sheetData>" + "".join(
        f"<row r='{r}'>" + "".join(f"<q:c r='{col}{r}'><v>{r}</v></q:c>" for col in "ABCDE") + "</row>" for r in range(1, 1001))
        + "</sheetData></worksheet>"}),
      "load", "error", "a namespace prefix that is not declared")
# A zip bomb: one entry that inflates to 600 MB of zeros (about 600 kB compressed).
bomb = io.BytesIO()
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open("xl/workbook.xml", "w", force_zip64=True) as f:
        chunk = b"\0" * (1 << 20)
        for _ in range(600):
            f.write(chunk)
write("xlsx-zip-bomb.xlsx", bomb.getvalue(), "load", "error", "zip bomb")

# SQL
write("sql-deep-parentheses.sql", "SELECT " + "(" * 50_000 + "1" + ")" * 50_000, "sql", "error", "nested too deeply")
write("sql-unterminated-string.sql", "SELECT 'abc", "sql", "error", "not closed")
write("sql-unterminated-identifier.sql", 'SELECT "abc FROM t', "sql", "error", "not closed")
write("sql-only-semicolons.sql", ";;;;", "sql", "ok", "nothing to run")
write("sql-huge-integer.sql", "SELECT 99999999999999999999999999", "sql", "ok", "1 row")
write("sql-overflow.sql", "SELECT 9223372036854775807 + 1", "sql", "error", "too large")
write("sql-division-by-zero.sql", "SELECT 1 / 0, 1 % 0", "sql", "ok", "division by zero")
write("sql-huge-date.sql", "SELECT DATE '99999999999-01-01'", "sql", "error", "not a valid date")
write("sql-cross-join-explosion.sql", "WITH a AS (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3) SELECT count(*) FROM a, a b, a c, a d", "sql", "ok", "81")
write("sql-weird-unicode.sql", "SELECT '\u202e\u0000\ufeff' AS \"\u200b\"", "sql", "ok", "1 row")
write("sql-not-chain.sql", "SELECT " + "NOT " * 20_000 + "TRUE", "sql", "error", "nested too deeply")
write("sql-garbage.sql", "\x01\x02SELECT ))) FROM (((", "sql", "error", "'\\u{1}\\u{2}SELECT'")

# Notebooks
write("notebook-unterminated-fence.md", "# Titre\n\n```carnet\nload x.csv\n", "notebook", "error", "never closed")
write("notebook-unterminated-output.md", "```carnet\necho a\n```\n\n```carnet-output\na\n", "notebook", "error", "never closed")
write("notebook-unknown-command.md", "```carnet\nfrobnicate everything\n```\n", "notebook", "error", "unknown command")
write("notebook-missing-data.md", "```carnet\nload nowhere.csv as t\n```\n", "notebook", "error", "no such file")
write("notebook-writes-outside.md", "```carnet\nlet t = SELECT 1 AS a\n```\n\n```carnet\nexport t to ../../escape.csv\n```\n", "notebook", "error", "outside its own folder")
write("notebook-absolute-write.md", "```carnet\nlet t = SELECT 1 AS a\n```\n\n```carnet\nexport t to /tmp/carnet-escape.csv\n```\n", "notebook", "error", "outside its own folder")
write("notebook-crlf-and-prose.md", "# T\r\n\r\n```carnet\r\necho ok\r\n```\r\n", "notebook", "ok", "every output identical")
write("notebook-empty.md", "", "notebook", "ok", "0 command(s)")
write("notebook-fence-in-output.md", "```carnet\necho a\n```\n\n````carnet-output\n```\n````\n", "notebook", "error", "changed")

# ODS: the stored mimetype first, as ODF requires, then content.xml.
def ods_bytes(content, mimetype=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        if mimetype:
            z.writestr(zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0)), "application/vnd.oasis.opendocument.spreadsheet")
        if content is not None:
            z.writestr(zipfile.ZipInfo("content.xml", (2024, 1, 1, 0, 0, 0)), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
def ods_sheet(rows_xml):
    return ('<office:document-content %s><office:body><office:spreadsheet><table:table table:name="Feuille1">%s'
            '</table:table></office:spreadsheet></office:body></office:document-content>' % (ODS_NS, rows_xml))
def ods_row(*cells, repeat=None):
    attr = ' table:number-rows-repeated="%d"' % repeat if repeat else ''
    return '<table:table-row%s>%s</table:table-row>' % (attr, ''.join(
        '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % c for c in cells))

write("ods-not-a-zip.ods", "nom;montant\na;1\n", "load", "ok", "named .ods but holds CSV")
write("ods-broken-content.ods", ods_bytes('<office:document-content %s><table:table>' % ODS_NS), "load", "error", "XML is damaged")
write("ods-undeclared-prefix.ods", ods_bytes('<office:document-content/>'), "load", "error", "namespace prefix that is not declared")
write("ods-no-content.ods", ods_bytes(None), "load", "error", "no content.xml")
write("ods-no-sheets.ods", ods_bytes('<office:document-content %s><office:body><office:spreadsheet/></office:body></office:document-content>' % ODS_NS), "load", "error", "no sheet")
write("ods-huge-repeat.ods", ods_bytes(ods_sheet(ods_row("nom") + ods_row("x", repeat=10000000))), "load", "error", "too large or too sparse")
write("ods-wide-repeat.ods", ods_bytes(ods_sheet(ods_row("nom") + '<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="100000"/></table:table-row>')), "load", "error", "too large or too sparse")
write("ods-repeated-empty.ods", ods_bytes(ods_sheet(ods_row("nom", "nb") + ods_row("a", "b") +
      '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16382"/></table:table-row>')), "load", "ok", "1 row × 2 columns")

# JSON, GeoJSON, NDJSON and TOTEM XML
write("json-truncated.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1}', "load", "error", "truncated")
write("json-trailing-comma.json", '[{"a":1},{"a":2},]', "load", "error", "not valid")
write("json-not-objects.json", '[1,2,3]', "load", "error", "not an object")
write("json-scalar.json", '"hello"', "load", "error", "not a table")
write("json-deep.json", "[" * 100000, "load", "error", "nested more than")
write("json-bad-escape.json", '[{"a":"\\x"}]', "load", "error", "unknown escape")
write("json-empty-array.json", '[]', "load", "error", "no row")
write("json-features-not-array.geojson", '{"type":"FeatureCollection","features":{}}', "load", "error", "no features array")
write("json-ndjson-bad-line.ndjson", '{"a":1}\n[2]\n', "load", "error", "one {…} object per line")
write("json-invalid-utf8.json", b'[{"a":"\xff\xfe"}]', "load", "ok", "1 row")
write("totem-not-budget.xml", '<?xml version="1.0"?><html><body/></html>', "load", "error", "not a TOTEM budget")
write("totem-truncated.xml", '<?xml version="1.0" encoding="ISO-8859-1"?><DocumentBudgetaire><Budget><LigneBudget><Nature V="6042"/>', "load", "error", "damaged")
write("totem-no-lines.xml", '<?xml version="1.0"?><DocumentBudgetaire><Budget/></DocumentBudgetaire>', "load", "error", "no <LigneBudget>")
write("totem-entity-bomb.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><DocumentBudgetaire>&b;</DocumentBudgetaire>', "load", "error", "undefined entity")

# Parquet, damaged from the reader fixtures (written by pyarrow; see ../parquet/README.md)
plain = open("../parquet/pyarrow-plain.parquet", "rb").read()
gz = open("../parquet/pyarrow-gzip-pages.parquet", "rb").read()
write("parquet-header-only.parquet", b"PAR1", "load", "error", "too short to be Parquet")
write("parquet-truncated.parquet", plain[: len(plain) // 2], "load", "error", "does not end with Parquet's PAR1 mark")
write("parquet-footer-length-huge.parquet", plain[:-8] + b"\xff\xff\xff\x7f" + b"PAR1", "load", "error", "footer is longer than the file")
footer = int.from_bytes(plain[-8:-4], "little")
write("parquet-footer-garbage.parquet", plain[: -8 - footer] + b"\xff" * footer + plain[-8:], "load", "error", "metadata")
# The first gzip page with its deflate stream scrambled: the codec must say so.
page = gz.index(b"\x1f\x8b")
write("parquet-gzip-page-damaged.parquet", gz[: page + 12] + bytes(b ^ 0x5A for b in gz[page + 12 : page + 40]) + gz[page + 40 :], "load", "error", "gzip page does not decompress")
write("parquet-brotli.parquet", open("../parquet/brotli.parquet", "rb").read(), "load", "error", "compressed with Brotli")
write("parquet-named-csv.csv", plain, "load", "ok", "named .csv but holds Parquet")

# Schemas
write("schema-not-json.json", "{ fields: [", "schema", "error", "not valid JSON")
write("schema-not-a-table-schema.json", json.dumps({"name": "x"}), "schema", "error", "not a Table Schema")
write("schema-fields-not-objects.json", json.dumps({"fields": [1, 2]}), "schema", "error", "not a Table Schema")
write("schema-field-without-name.json", json.dumps({"fields": [{"type": "string"}]}), "schema", "error", "has no name")
write("schema-array-root.json", "[]", "schema", "error", "not a Table Schema")

with open("expectations.tsv", "w") as f:
    f.write("file\tkind\toutcome\ttext\n")
    for case in cases:
        f.write("\t".join(map(str, case)) + "\n")
print(len(cases), "cases")
