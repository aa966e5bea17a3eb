import CarnetEngine

/// What a TOTEM file says, read as it streams: the header values SCDL needs and each budget
/// line as its elements' `V` values (`Nature` → `6042`, `MtPrev` → `1200.00`).
struct TOTEMDocument {
    var nomenclature: String?
    var year: String?
    var step: String?
    var siret: String?
    var name: String?
    var lines: [[String: String]] = []
    var encoding: TextEncoding = .utf8

    init(file: ByteFile, monitor: LoadMonitor) throws {
        let head = try file.readPrefix(256)
        encoding = TOTEMDocument.declaredEncoding(head)
        var parser = XMLEventParser()
        var path: [String] = []
        var line: [String: String]?
        var header: [String: String] = [:]
        var root: String?
        parser.onStart = { name, attributes in
            if root == nil {
                root = name
                guard name == "DocumentBudgetaire" else {
                    throw LoadError(path: file.path, message: "this XML document is not a TOTEM budget: its root is <\(name)>, not <DocumentBudgetaire>",
                                    hint: "Carnet reads XML budget documents (TOTEM); convert other XML to CSV")
                }
            }
            path.append(name)
            if name == "LigneBudget", path.count >= 2, path[path.count - 2] == "Budget" { line = [:]; return }
            guard let value = attributes["V"] else { return }
            if line != nil, path.count >= 2, path[path.count - 2] == "LigneBudget" {
                line![name] = value
            } else if path.count >= 2, ["EnTeteDocBudgetaire", "EnTeteBudget", "BlocBudget"].contains(path[path.count - 2]) {
                header[path[path.count - 2] + "/" + name] = value
            }
        }
        var finished: [[String: String]] = []
        parser.onEnd = { name, _ in
            if name == "LigneBudget", let done = line, path.count >= 2, path[path.count - 2] == "Budget" {
                finished.append(done)
                line = nil
            }
            path.removeLast()
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var utf8: [UInt8] = []
        var read = 0
        do {
            file.rewind()
            while true {
                let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
                if n == 0 { break }
                read += n
                if monitor.isCancelled() { throw LoadInterrupted() }
                monitor.progress(read, file.size)
                if encoding.isUTF8 {
                    try buffer.withUnsafeBufferPointer { try parser.feed(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                } else {
                    utf8.removeAll(keepingCapacity: true)
                    buffer.withUnsafeBufferPointer { EncodingConverter.appendUTF8(from: UnsafeBufferPointer(rebasing: $0[0..<n]), encoding: encoding, to: &utf8) }
                    try utf8.withUnsafeBufferPointer { try parser.feed($0) }
                }
            }
            try parser.finish()
        } catch let damage as XMLDamage {
            throw LoadError(path: file.path, message: "the budget document's XML is damaged: \(damage)")
        }
        lines = finished
        nomenclature = header["EnTeteBudget/Nomenclature"]
        year = header["BlocBudget/Exer"]
        step = header["BlocBudget/NatDec"]
        siret = header["EnTeteBudget/IdEtab"]
        name = header["EnTeteDocBudgetaire/LibelleColl"]
    }

    /// `encoding="ISO-8859-1"` in the XML declaration (UTF-8 when none is declared).
    static func declaredEncoding(_ head: [UInt8]) -> TextEncoding {
        let text = String(decoding: head, as: UTF8.self).lowercased()
        guard let range = text.range(of: "encoding=") else { return .utf8 }
        let rest = text[range.upperBound...].dropFirst()
        let name = String(rest.prefix { $0 != "\"" && $0 != "'" })
        switch name {
        case "iso-8859-1", "latin1", "iso-8859-15": return .latin1
        case "windows-1252", "cp1252": return .windows1252
        default: return .utf8
        }
    }
}
