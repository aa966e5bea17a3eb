import CarnetEngine
import Foundation
import ZIPFoundation

/// The zip container of an office file (.xlsx, .ods), read with limits: an entry that inflates
/// far more than XML does (a zip bomb posing as a workbook) is refused, as is anything not a zip.
struct ZipPackage {
    /// XML inflates 5 to 30 times; a zip bomb a thousand times. Past `smallEntryBytes` an entry
    /// may inflate `maxRatio` times its compressed size, and never past `maxEntryBytes`.
    static let maxRatio = 150
    static let smallEntryBytes = 64 << 20
    static let maxEntryBytes = 8 << 30

    /// The most bytes an entry of `compressed` bytes may inflate to.
    static func allowance(compressed: UInt64) -> Int {
        min(maxEntryBytes, max(smallEntryBytes, Int(compressed) * maxRatio))
    }
    let path: String
    private let archive: Archive

    /// `kind` names the file in messages (`.xlsx`, `.ods`).
    init(path: String, kind: String = ".xlsx") throws {
        self.path = path
        let head = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readData(ofLength: 8)) ?? Data()
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw LoadError(path: path, message: "this is an encrypted workbook or an old .xls file, not an \(kind)",
                                hint: "open it in a spreadsheet and save it as .xlsx (without password) or CSV")
            }
            throw LoadError(path: path, message: "this \(kind) file is not a zip archive (a CSV file with the wrong extension?)",
                            hint: "rename it .csv if it is text")
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw LoadError(path: path, message: "the workbook's zip archive is damaged: \(error)")
        }
    }

    /// How many bytes an entry inflates to, as its header says.
    func inflatedSize(_ entryPath: String) -> Int? { archive[entryPath].map { Int($0.uncompressedSize) } }

    /// The bytes of an entry, or nil when there is none.
    func data(_ entryPath: String) throws -> Data? {
        var data = Data()
        let found = try stream(entryPath) { chunk in data.append(chunk) }
        return found ? data : nil
    }

    /// Hands the inflated bytes of an entry to `consumer` chunk by chunk, so that a sheet of any
    /// size is parsed without being held whole; false when there is no such entry. An entry that
    /// inflates past its allowance stops (a zip bomb posing as a workbook), whatever its header
    /// claims.
    func stream(_ entryPath: String, _ consumer: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let entry = archive[entryPath] else { return false }
        let allowance = ZipPackage.allowance(compressed: entry.compressedSize)
        func refusal(_ size: Int) -> LoadError {
            LoadError(path: path, message: "\(entryPath) inflates to \(size >> 20) MB or more from \(entry.compressedSize >> 10) kB compressed: refused (zip bomb?)")
        }
        if entry.uncompressedSize > UInt64(allowance) { throw refusal(Int(entry.uncompressedSize)) }
        // Its cells as text, then the table: about twice the entry.
        let name = String(path.split(separator: "/").last ?? Substring(path))
        try MemoryLimit.check(adding: Int(entry.uncompressedSize) * 2, for: "reading \(entryPath) of \(name)", isQuery: false)
        var total = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                total += chunk.count
                if total > allowance { throw refusal(total) }
                try chunk.withUnsafeBytes { try consumer($0.bindMemory(to: UInt8.self)) }
            }
        } catch let error as LoadError {
            throw error
        } catch let error as XMLDamage {
            throw error
        } catch {
            throw LoadError(path: path, message: "cannot read \(entryPath) in the workbook: \(error)")
        }
        return true
    }
}
