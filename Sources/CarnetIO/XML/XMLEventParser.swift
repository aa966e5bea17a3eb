#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming XML parser for the documents inside workbooks (and the XML files collectivities
/// send): bytes go in by chunks of any size, element starts, ends and text come out, and memory
/// stays the size of one construct, so a sheet of any size parses (libxml2 under Foundation
/// stops at 10 MB). It checks what a well-formed document needs — matching tags, one root,
/// declared namespace prefixes, known entities — and reads no DTD and no external entity.
struct XMLEventParser {
    /// An element opened: its local name (`x:sheet` → `sheet`) and its attributes as written
    /// (qualified names, entity references resolved).
    var onStart: (String, XMLAttributes) throws -> Void = { _, _ in }
    /// An element closed: its local name and the text since the last tag (CDATA included).
    var onEnd: (String, String) throws -> Void = { _, _ in }
    /// Text as it comes, before the next tag's event: for mixed content (`a <span>b</span> c`),
    /// whose text before a child `onEnd` does not see.
    var onText: ((String) throws -> Void)?

    static let maxDepth = 1_000
    static let maxConstructBytes = 64 << 20

    private var pending: [UInt8] = []
    private var text = ""
    private var open: [String] = []
    /// Namespace prefixes declared by open elements, with the depth that declared them.
    private var prefixes: [(depth: Int, prefix: String)] = []
    private var sawRoot = false
    private var rootClosed = false
    private(set) var line = 1
    private var atStart = true

    /// Parses a whole document.
    static func parse(_ bytes: [UInt8], start: @escaping (String, XMLAttributes) throws -> Void,
                      end: @escaping (String, String) throws -> Void = { _, _ in }) throws {
        var parser = XMLEventParser()
        parser.onStart = start
        parser.onEnd = end
        try bytes.withUnsafeBufferPointer { try parser.feed($0) }
        try parser.finish()
    }

    /// Parses the next bytes of the document.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        pending.append(contentsOf: chunk)
        let consumed = try pending.withUnsafeBufferPointer { try process($0, final: false) }
        pending.removeFirst(consumed)
        if pending.count > XMLEventParser.maxConstructBytes {
            throw XMLDamage(line: line, reason: "a tag or comment longer than \(XMLEventParser.maxConstructBytes >> 20) MB")
        }
    }

    /// The end of the document: everything must be closed.
    mutating func finish() throws {
        let consumed = try pending.withUnsafeBufferPointer { try process($0, final: true) }
        pending.removeFirst(consumed)
        if !pending.isEmpty { throw XMLDamage(line: line, reason: "the document ends inside a tag (truncated?)") }
        guard sawRoot else { throw XMLDamage(line: line, reason: "the document is empty") }
        guard open.isEmpty else {
            throw XMLDamage(line: line, reason: "the document ends before \(open.count) element(s) are closed (truncated?)")
        }
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&")

    /// Handles every complete construct in `b`; returns how many bytes it used.
    private mutating func process(_ b: UnsafeBufferPointer<UInt8>, final: Bool) throws -> Int {
        var i = 0
        if atStart {
            // A UTF-8 byte-order mark.
            if b.count < 3, !final { return 0 }
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
            atStart = false
        }
        while i < b.count {
            guard let next = XMLEventParser.index(of: XMLEventParser.lt, in: b, from: i) else {
                // Text up to the end; a partial entity waits for the next chunk.
                var end = b.count
                if !final, let amp = XMLEventParser.lastIndex(of: XMLEventParser.amp, in: b, from: max(i, b.count - 12)),
                   !b[amp..<b.count].contains(UInt8(ascii: ";")) {
                    end = amp
                }
                try characters(UnsafeBufferPointer(rebasing: b[i..<end]))
                return end
            }
            if next > i { try characters(UnsafeBufferPointer(rebasing: b[i..<next])) }
            guard let used = try construct(b, at: next, final: final) else { return next }
            i = next + used
        }
        return i
    }

    /// The construct that starts with `<` at `at`: its length, or nil when it is not complete yet.
    private mutating func construct(_ b: UnsafeBufferPointer<UInt8>, at: Int, final: Bool) throws -> Int? {
        /// true or false, or nil when the bytes so far match but stop before the end of `s`.
        func starts(_ s: String) -> Bool? {
            let bytes = Array(s.utf8)
            let available = min(bytes.count, b.count - at)
            for k in 0..<available where b[at + k] != bytes[k] { return false }
            return available == bytes.count ? true : nil
        }
        func find(_ terminator: String, from: Int) -> Int? {
            XMLEventParser.index(of: Array(terminator.utf8), in: b, from: from)
        }
        func incomplete(_ what: String) throws -> Int? {
            if final { throw XMLDamage(line: line, reason: "the document ends inside \(what) (truncated?)") }
            return nil
        }
        if at + 1 < b.count, b[at + 1] != UInt8(ascii: "!"), b[at + 1] != UInt8(ascii: "?") { return try tagConstruct(b, at: at, final: final) }
        switch starts("<!--") {
        case nil: return try incomplete("a comment")
        case true?:
            guard let end = find("-->", from: at + 4) else { return try incomplete("a comment") }
            countLines(b, at..<end)
            return end + 3 - at
        default: break
        }
        switch starts("<![CDATA[") {
        case nil: return try incomplete("a CDATA section")
        case true?:
            guard let end = find("]]>", from: at + 9) else { return try incomplete("a CDATA section") }
            guard !open.isEmpty else { throw XMLDamage(line: line, reason: "text outside the root element") }
            text += String(decoding: UnsafeBufferPointer(rebasing: b[(at + 9)..<end]), as: UTF8.self)
            countLines(b, at..<end)
            return end + 3 - at
        default: break
        }
        if at + 1 >= b.count { return try incomplete("a tag") }
        if b[at + 1] == UInt8(ascii: "?") {
            guard let end = find("?>", from: at + 2) else { return try incomplete("a processing instruction") }
            countLines(b, at..<end)
            return end + 2 - at
        }
        if b[at + 1] == UInt8(ascii: "!") {
            // A document type declaration: skipped, internal subset and all; its entities are
            // not defined, so a reference to one is an error (no billion laughs).
            var k = at + 2, depth = 0
            while k < b.count {
                if b[k] == UInt8(ascii: "[") { depth += 1 } else if b[k] == UInt8(ascii: "]") { depth -= 1 } else if b[k] == XMLEventParser.gt, depth <= 0 {
                    countLines(b, at..<k)
                    return k + 1 - at
                }
                k += 1
            }
            return try incomplete("a declaration")
        }
        return try tagConstruct(b, at: at, final: final)
    }

    /// A tag: up to the `>` outside quotes; its length, or nil when it is not complete yet.
    private mutating func tagConstruct(_ b: UnsafeBufferPointer<UInt8>, at: Int, final: Bool) throws -> Int? {
        var k = at + 1
        var quote: UInt8 = 0
        while k < b.count {
            let c = b[k]
            if quote != 0 {
                if c == quote { quote = 0 } else if c == XMLEventParser.lt { throw XMLDamage(line: line, reason: "`<` inside an attribute value") }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == XMLEventParser.gt {
                break
            }
            k += 1
        }
        guard k < b.count else {
            if final { throw XMLDamage(line: line, reason: "the document ends inside a tag (truncated?)") }
            return nil
        }
        try tag(UnsafeBufferPointer(rebasing: b[(at + 1)..<k]))
        countLines(b, at..<k)
        return k + 1 - at
    }

    private mutating func countLines(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        for k in range where b[k] == 0x0A { line += 1 }
    }

    private mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        for c in bytes where c == 0x0A { line += 1 }
        if open.isEmpty {
            guard bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                throw XMLDamage(line: line, reason: rootClosed ? "extra content after the root element" : "text before the root element")
            }
            return
        }
        text += try XMLEventParser.decode(bytes, line: line)
    }

    /// The inside of `<…>`: a start tag, an empty-element tag or an end tag.
    private mutating func tag(_ t: UnsafeBufferPointer<UInt8>) throws {
        if t.first == UInt8(ascii: "/") {
            var end = t.count
            while end > 1, XMLEventParser.isSpace(t[end - 1]) { end -= 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: t[1..<end]), as: UTF8.self)
            guard let last = open.last else { throw XMLDamage(line: line, reason: "</\(name)> closes no element") }
            guard last == name else { throw XMLDamage(line: line, reason: "an element closed by the wrong tag (</\(name)> closes <\(last)>)") }
            try close()
            return
        }
        let selfClosing = t.last == UInt8(ascii: "/")
        let body = UnsafeBufferPointer(rebasing: t[0..<(selfClosing ? t.count - 1 : t.count)])
        var k = 0
        while k < body.count, !XMLEventParser.isSpace(body[k]) { k += 1 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: body[0..<k]), as: UTF8.self)
        guard XMLEventParser.isName(name) else { throw XMLDamage(line: line, reason: "an invalid element name \(quoted(name))") }
        guard !rootClosed else { throw XMLDamage(line: line, reason: "extra content after the root element") }
        var attributes = XMLAttributes()
        while true {
            while k < body.count, XMLEventParser.isSpace(body[k]) { k += 1 }
            guard k < body.count else { break }
            let nameStart = k
            while k < body.count, body[k] != UInt8(ascii: "="), !XMLEventParser.isSpace(body[k]) { k += 1 }
            let attribute = String(decoding: UnsafeBufferPointer(rebasing: body[nameStart..<k]), as: UTF8.self)
            while k < body.count, XMLEventParser.isSpace(body[k]) { k += 1 }
            guard XMLEventParser.isName(attribute), k < body.count, body[k] == UInt8(ascii: "=") else {
                throw XMLDamage(line: line, reason: "an attribute without a value in <\(name)>")
            }
            k += 1
            while k < body.count, XMLEventParser.isSpace(body[k]) { k += 1 }
            guard k < body.count, body[k] == UInt8(ascii: "\"") || body[k] == UInt8(ascii: "'") else {
                throw XMLDamage(line: line, reason: "an attribute value without quotes in <\(name)>")
            }
            let quote = body[k]
            let valueStart = k + 1
            k = valueStart
            while k < body.count, body[k] != quote { k += 1 }
            guard k < body.count else { throw XMLDamage(line: line, reason: "an attribute value that is not closed in <\(name)>") }
            guard attributes[attribute] == nil else { throw XMLDamage(line: line, reason: "the attribute \(attribute) twice in <\(name)>") }
            attributes.pairs.append((attribute, try XMLEventParser.decode(UnsafeBufferPointer(rebasing: body[valueStart..<k]), line: line)))
            k += 1
        }
        guard open.count < XMLEventParser.maxDepth else { throw XMLDamage(line: line, reason: "elements nested more than \(XMLEventParser.maxDepth) deep") }
        open.append(name)
        sawRoot = true
        for (key, _) in attributes.pairs where key.hasPrefix("xmlns:") { prefixes.append((open.count, String(key.dropFirst(6)))) }
        try checkPrefix(name)
        for (key, _) in attributes.pairs where !key.hasPrefix("xmlns") { try checkPrefix(key) }
        if let onText, !text.isEmpty { try onText(text) }
        text = ""
        try onStart(XMLEventParser.local(name), attributes)
        if selfClosing { try close() }
    }

    private mutating func close() throws {
        let name = open.removeLast()
        while let last = prefixes.last, last.depth > open.count { prefixes.removeLast() }
        if open.isEmpty { rootClosed = true }
        let closedText = text
        text = ""
        if let onText, !closedText.isEmpty { try onText(closedText) }
        try onEnd(XMLEventParser.local(name), closedText)
    }

    private func checkPrefix(_ name: String) throws {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else { return }
        let prefix = String(name[..<colon])
        guard prefix != "xml", !prefixes.contains(where: { $0.prefix == prefix }) else { return }
        throw XMLDamage(line: line, reason: "a namespace prefix that is not declared (\(prefix): in \(name))")
    }

    /// `x:sheet` → `sheet`.
    static func local(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    static func isName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let head = utf8.first, utf8.count <= 1_000 else { return false }
        // Nearly every name is ASCII: letters, digits, `_ : . -`, not starting with a digit.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            func letter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
            return (letter(head) || head == 0x5F || head == 0x3A)
                && utf8.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x3A || $0 == 0x2E || $0 == 0x2D }
        }
        guard let first = name.unicodeScalars.first else { return false }
        if first.properties.isAlphabetic || first == "_" || first == ":" {
            return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_:.-·".unicodeScalars.contains($0) || $0.properties.generalCategory == .nonspacingMark }
        }
        return false
    }

    /// Text with its entity and character references resolved.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws -> String {
        guard bytes.contains(amp) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            guard bytes[k] == amp else { out.append(bytes[k]); k += 1; continue }
            var end = k + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: ";"), end - k < 12 { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { throw XMLDamage(line: line, reason: "an `&` that starts no entity") }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(k + 1)..<end]), as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(amp)
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let hex = name.hasPrefix("#x") || name.hasPrefix("#X")
                guard name.hasPrefix("#"), let value = UInt32(name.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                      let scalar = Unicode.Scalar(value), value != 0 else {
                    throw XMLDamage(line: line, reason: "an undefined entity &\(name);")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            k = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func index(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < b.count, let base = b.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), b.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    static func lastIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = b.count - 1
        while k >= from { if b[k] == byte { return k }; k -= 1 }
        return nil
    }

    static func index(of pattern: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while let hit = index(of: pattern[0], in: b, from: k) {
            if hit + pattern.count > b.count { return nil }
            if pattern.indices.allSatisfy({ b[hit + $0] == pattern[$0] }) { return hit }
            k = hit + 1
        }
        return nil
    }
}

/// An element's attributes in document order: a few pairs, looked up by scanning, which costs
/// less than a dictionary built for every element of a million-cell sheet.
struct XMLAttributes: Sequence {
    var pairs: [(key: String, value: String)] = []

    subscript(key: String) -> String? {
        for pair in pairs where pair.key == key { return pair.value }
        return nil
    }

    var count: Int { pairs.count }

    func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { pairs.makeIterator() }
}

/// Why an XML document could not be read, with the line it stopped at.
struct XMLDamage: Error, CustomStringConvertible {
    let line: Int
    let reason: String
    var description: String { "line \(line) of the XML: \(reason)" }
}

/// The XML parser's entry for the fuzzer (`Fuzz/Sources/FuzzXML`).
@_spi(Fuzzing) public enum XMLFuzzing {
    /// Parses `bytes` fed in chunks of `chunkSize`, counting events; nil when the document is
    /// well-formed, else the reason.
    public static func parse(_ bytes: [UInt8], chunkSize: Int) -> String? {
        var parser = XMLEventParser()
        var events = 0
        parser.onStart = { _, attributes in events += 1 + attributes.count }
        parser.onEnd = { _, text in events += text.isEmpty ? 1 : 2 }
        parser.onText = { _ in events += 1 }
        do {
            var k = 0
            while k < bytes.count {
                try Array(bytes[k..<min(bytes.count, k + chunkSize)]).withUnsafeBufferPointer { try parser.feed($0) }
                k += chunkSize
            }
            try parser.finish()
            return nil
        } catch {
            return "\(error) after \(events) events"
        }
    }
}
