import CarnetEngine

/// Watches memory while a file loads, block after block: stops the load when the process is
/// past the memory limit, or when what the part read so far took, scaled to the whole file,
/// would pass it — early, while the machine still has room and the session's tables are safe.
struct LoadMemoryWatch {
    let fileSize: Int
    let fileName: String
    let startResident = MemoryLimit.residentBytes()
    /// The pipeline's own buffers (blocks in flight, tokens), which do not grow with the file.
    let fixedCost: Int

    init(fileSize: Int, path: String, blockSize: Int) {
        self.fileSize = fileSize
        fileName = String(path.split(separator: "/").last ?? Substring(path))
        fixedCost = 4 * blockSize
    }

    func check(bytesRead: Int) throws {
        var remaining = 0
        // Before a tenth of the file, the rate is too noisy to project from.
        if bytesRead >= fileSize / 10, bytesRead > 0, bytesRead < fileSize {
            let grown = max(0, MemoryLimit.residentBytes() - startResident - fixedCost)
            remaining = Int(Double(grown) * Double(fileSize - bytesRead) / Double(bytesRead))
        }
        try MemoryLimit.check(adding: remaining, for: "loading \(fileName) (\(ByteSize.format(fileSize)))", isQuery: false)
    }
}
