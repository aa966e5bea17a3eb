/// The cells that type inference reads, whatever the format: records of fields, each field's
/// text as UTF-8 bytes lent in place (CSV tokens, a sheet's cells), and the line or row each
/// record comes from, for messages.
protocol CellSource {
    var recordCount: Int { get }
    func fieldCount(ofRecord r: Int) -> Int
    func line(ofRecord r: Int) -> Int
    mutating func withField<R>(record r: Int, field f: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}
