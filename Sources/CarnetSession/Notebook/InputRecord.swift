/// What a notebook records of each file it loads, in a structured line after the load's output
/// (an HTML comment, which forges do not show): the Carnet version that read it, the file's
/// full SHA-256, size and rows, and the options that reproduce the load. Replay pins the load
/// with these options instead of reading them back from the printed report.
public struct InputRecord: Sendable, Equatable {
    public var carnet: String
    public var file: String
    public var sha256: String
    public var bytes: Int
    public var rows: Int
    public var columns: Int
    /// `delimiter=';' decimal=',' encoding=utf8 header=true` (`LoadReport.reproducingOptions`).
    public var options: String
    /// NULLs per column, in column order (nil in notebooks written before they were recorded).
    public var nulls: [Int]?

    static let marker = "<!-- carnet-input "

    /// The notebook line: `<!-- carnet-input carnet=0.10.0 file=zae.csv sha256=… bytes=376 rows=16 columns=3 options="…" -->`.
    var line: String {
        "\(Self.marker)carnet=\(carnet) file=\"\(Self.escaped(file))\" sha256=\(sha256) bytes=\(bytes) rows=\(rows) columns=\(columns)\(nulls.map { " nulls=\"" + $0.map(String.init).joined(separator: ",") + "\"" } ?? "") options=\"\(Self.escaped(options))\" -->\n"
    }

    /// Quotes and backslashes escaped; `-->` broken so that it cannot end the comment.
    static func escaped(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out.replacingEvery("-->", with: "--\\>")
    }

    /// Reads the line back; nil when it is not one.
    init?(line: String) {
        // The end is looked for after the marker: `<!-- carnet-input -->` holds no field at all.
        let body = line.dropFirst(Self.marker.count)
        guard line.hasPrefix(Self.marker), let end = body.range(of: " -->", options: .backwards) else { return nil }
        var fields: [String: String] = [:]
        var rest = body[..<end.lowerBound]
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].trimmingWhitespace()
            rest = rest[rest.index(after: eq)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaping = false
                while let ch = rest.first {
                    rest = rest.dropFirst()
                    if escaping { value.append(ch); escaping = false } else if ch == "\\" { escaping = true } else if ch == "\"" { break } else { value.append(ch) }
                }
            } else {
                value = String(rest.prefix { $0 != " " })
                rest = rest.dropFirst(value.count)
            }
            fields[key] = value.replacingEvery("--\\>", with: "-->")
            rest = rest.drop { $0 == " " }
        }
        guard let carnet = fields["carnet"], let file = fields["file"], let sha = fields["sha256"],
              let bytes = fields["bytes"].flatMap(Int.init), let rows = fields["rows"].flatMap(Int.init),
              let columns = fields["columns"].flatMap(Int.init), let options = fields["options"] else { return nil }
        let nulls = fields["nulls"].map { $0.isEmpty ? [] : $0.split(separator: ",").compactMap { Int($0) } }
        self.init(carnet: carnet, file: file, sha256: sha, bytes: bytes, rows: rows, columns: columns, options: options, nulls: nulls)
    }

    public init(carnet: String, file: String, sha256: String, bytes: Int, rows: Int, columns: Int, options: String, nulls: [Int]? = nil) {
        self.carnet = carnet
        self.file = file
        self.sha256 = sha256
        self.bytes = bytes
        self.rows = rows
        self.columns = columns
        self.options = options
        self.nulls = nulls
    }
}
