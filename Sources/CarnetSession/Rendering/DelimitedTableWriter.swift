import CarnetEngine

/// Writes a table as RFC 4180 CSV (or TSV): header line, CRLF line ends, fields quoted when
/// they hold the delimiter, a quote, a line break or edge spaces. Values are written plainly
/// (ISO dates, `.` decimals, no grouping) so that other programs read them back.
public struct DelimitedTableWriter: Sendable {
    public let delimiter: Character
    /// The delimiter's UTF-8 bytes, made once rather than for every field.
    private let separator: [UInt8]

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
        separator = Array(String(delimiter).utf8)
    }

    /// The table as text, built as UTF-8 bytes column value by column value: a text cell's
    /// bytes are copied from its buffer, other cells formatted as `plainText` says.
    public func render(_ table: Table) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + table.rowCount * table.columnCount * 12)
        for (k, name) in table.columnNames.enumerated() {
            if k > 0 { out.append(contentsOf: separator) }
            var name = name
            name.withUTF8 { append($0, to: &out) }
        }
        out.append(contentsOf: [0x0D, 0x0A])
        for r in 0..<table.rowCount {
            for (k, column) in table.columns.enumerated() {
                if k > 0 { out.append(contentsOf: separator) }
                if column.isNull(r) { continue }
                switch column.buffer {
                case .string(let text):
                    text.withUTF8(at: r) { append($0, to: &out) }
                case .int64(let v):
                    // Digits and a sign never need quotes.
                    out.append(contentsOf: String(v[r]).utf8)
                default:
                    var field = column.value(at: r).plainText
                    field.withUTF8 { append($0, to: &out) }
                }
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One field's bytes, in quotes (inner quotes doubled) when it holds the delimiter, a
    /// quote or a line break, or starts or ends with a space.
    private func append(_ field: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if needsQuotes(field) {
            out.append(0x22)
            for byte in field {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: field)
        }
    }

    private func needsQuotes(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !field.isEmpty else { return false }
        if field.first == 0x20 || field.last == 0x20 { return true }
        let first = separator[0]
        for (i, byte) in field.enumerated() {
            switch byte {
            case 0x22, 0x0A, 0x0D: return true
            case first where separator.count == 1 || field[i...].starts(with: separator): return true
            default: continue
            }
        }
        return false
    }

    /// One field as it is written: quoted when it must be.
    func escape(_ field: String) -> String {
        var field = field
        var out: [UInt8] = []
        field.withUTF8 { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
