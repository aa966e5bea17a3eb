/// How a delimited text file is written: the choices the sniffer makes and the user may override.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var quote: UInt8 = UInt8(ascii: "\"")
    /// Spaces after a delimiter are not part of the field (`a, "b"` as some exports write).
    public var skipInitialSpace = false
    public var hasHeader = true
    /// `,` or `.`: the file's usual decimal mark (a column may still use the other one).
    public var decimalMark: UInt8 = UInt8(ascii: ".")
    public var encoding: TextEncoding = .utf8

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// The delimiter as people name it: `;`, `,`, `tab`, `|`.
    public var delimiterName: String {
        delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
    }

    /// Reads `delimiter=` values: a single character, `tab` or `\t`.
    public static func delimiter(userName: String) -> UInt8? {
        switch userName.lowercased() {
        case "tab", "\\t", "\t": return 0x09
        case "space": return 0x20
        default:
            guard userName.utf8.count == 1 else { return nil }
            return userName.utf8.first
        }
    }
}
