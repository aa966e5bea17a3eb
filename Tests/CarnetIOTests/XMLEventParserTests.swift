@testable import CarnetIO
import Testing

/// The streaming XML parser: the same events whatever the chunks, the references XML defines,
/// and a reason with a line for what is not well-formed.
@Suite struct XMLEventParserTests {
    /// The events as text: `<name a=v>`, `</name:text>`.
    func events(_ xml: String, chunk: Int? = nil) throws -> [String] {
        var out: [String] = []
        var parser = XMLEventParser()
        parser.onStart = { name, attributes in
            out.append("<" + ([name] + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ") + ">")
        }
        parser.onEnd = { name, text in out.append("</\(name):\(text)>") }
        let bytes = Array(xml.utf8)
        let size = chunk ?? max(1, bytes.count)
        var k = 0
        while k < bytes.count {
            try Array(bytes[k..<min(bytes.count, k + size)]).withUnsafeBufferPointer { try parser.feed($0) }
            k += size
        }
        try parser.finish()
        return out
    }

    func failure(_ xml: String) -> String {
        do { _ = try events(xml); return "" } catch { return "\(error)" }
    }

    static let document = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> -->
        <x:worksheet xmlns:x="urn:s" xmlns:r="urn:r"><x:row r="1">
        <x:c r="A1" t='inlineStr'><x:is><x:t>Pays de l&apos;Or &amp; Mauguio &lt;34&gt; &#233;t&#xE9;</x:t></x:is></x:c>
        <x:c r:id="B1"><x:v><![CDATA[1 < 2 & 3]]></x:v></x:c><empty/></x:row></x:worksheet>
        """

    @Test func eventsDoNotDependOnChunks() throws {
        let whole = try events(Self.document)
        #expect(whole.contains("</t:Pays de l'Or & Mauguio <34> été>"))
        #expect(whole.contains("</v:1 < 2 & 3>"))
        #expect(whole.contains("<c r:id=B1>"))
        #expect(whole.contains("<empty>") && whole.contains("</empty:>"))
        #expect(whole.first == "<worksheet xmlns:r=urn:r xmlns:x=urn:s>")
        for size in [1, 2, 3, 5, 7, 13, 64] {
            #expect(try events(Self.document, chunk: size) == whole, "chunks of \(size) bytes")
        }
    }

    @Test func whatIsNotWellFormedIsSaidWithItsLine() {
        #expect(failure("<a><b></a>").contains("an element closed by the wrong tag (</a> closes <b>)"))
        #expect(failure("<a>\n<b>").contains("line 2 of the XML: the document ends before 2 element(s) are closed (truncated?)"))
        #expect(failure("<a/><b/>").contains("extra content after the root element"))
        #expect(failure("oops<a/>").contains("text before the root element"))
        #expect(failure("<a>&nbsp;</a>").contains("an undefined entity &nbsp;"))
        #expect(failure("<a>AT&T</a>").contains("an `&` that starts no entity"))
        #expect(failure("<x:a/>").contains("a namespace prefix that is not declared"))
        #expect(failure("<a b=1/>").contains("without quotes"))
        #expect(failure("<a b='1' b='2'/>").contains("twice"))
        #expect(failure("").contains("the document is empty"))
        #expect(failure("<a><!-- never closed").contains("ends inside a comment"))
        #expect(failure("<a x='<'/>").contains("`<` inside an attribute value"))
        #expect(failure(String(repeating: "<a>", count: 1_001)).contains("nested more than 1000 deep"))
        // Entities declared in a DTD are not expanded (no billion laughs): they are unknown.
        #expect(failure("<!DOCTYPE a [<!ENTITY lol \"lol\">]><a>&lol;</a>").contains("undefined entity &lol;"))
    }

    /// A sheet whose XML is larger than libxml2's 10 MB default (it failed with "parser code 1").
    @Test func aSheetOfMoreThanTenMegabytesLoads() throws {
        let rows = 34_871
        let path = try WorkbookMaker.write(generated: rows)
        let (table, report) = try XLSXReader.load(path: path, options: LoadOptions())
        #expect(table.rowCount == rows)
        #expect(table.column(named: "code_commune")?.type == .string)
        #expect(table.column(named: "montant")?.type == .decimal(scale: 2))
        #expect(table.strings("code_commune").prefix(2) == ["34000", "34001"])
        // The sum as exact cents: Σ r + (r mod 100) / 100 over the generated rows.
        let cents = (0..<rows).reduce(Int64(0)) { $0 + Int64($1) * 100 + Int64($1 % 100) }
        guard case .decimal(let values, 2) = table.column(named: "montant")!.buffer else { Issue.record("not decimal"); return }
        #expect(values.reduce(0, +) == cents)
        #expect(report.rowCount == rows)
    }
}
