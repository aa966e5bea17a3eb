import CarnetEngine
import Foundation
import ZIPFoundation

/// The zip container of an office file (.xlsx, .ods), read with limits: an entry that inflates
/// past `maxEntryBytes` is refused (a zip bomb posing as a workbook), as is anything not a zip.
struct ZipPackage {
    static let maxEntryBytes = 512 << 20
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
    /// size is parsed without being held whole; false when there is no such entry. Past
    /// `maxEntryBytes` it stops (a zip bomb posing as a workbook).
    func stream(_ entryPath: String, _ consumer: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let entry = archive[entryPath] else { return false }
        if entry.uncompressedSize > UInt64(ZipPackage.maxEntryBytes) {
            throw LoadError(path: path, message: "\(entryPath) would inflate to \(entry.uncompressedSize >> 20) MB: refused (zip bomb?)")
        }
        // Its cells as text, then the table: about twice the entry.
        let name = String(path.split(separator: "/").last ?? Substring(path))
        try MemoryLimit.check(adding: Int(entry.uncompressedSize) * 2, for: "reading \(entryPath) of \(name)", isQuery: false)
        var total = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                total += chunk.count
                if total > ZipPackage.maxEntryBytes { throw LoadError(path: path, message: "\(entryPath) inflates past \(ZipPackage.maxEntryBytes >> 20) MB: refused (zip bomb?)") }
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
