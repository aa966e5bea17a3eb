import CCompression
import CarnetEngine

/// Page compression (`CompressionCodec`): snappy, gzip and zstd through Debian's C libraries.
enum ParquetCodec {
    static let uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

    static func name(_ codec: Int) -> String {
        switch codec {
        case uncompressed: return "uncompressed"
        case snappy: return "snappy"
        case gzip: return "gzip"
        case lzo: return "LZO"
        case brotli: return "Brotli"
        case lz4: return "LZ4"
        case zstd: return "zstd"
        case lz4Raw: return "LZ4_RAW"
        default: return "codec \(codec)"
        }
    }

    static let maxPageBytes = 1 << 30

    static func isSupported(_ codec: Int) -> Bool {
        [uncompressed, snappy, gzip, zstd].contains(codec)
    }

    /// Decompresses `input` into exactly `size` bytes.
    static func decompress(_ codec: Int, _ input: UnsafeRawBufferPointer, size: Int) throws -> [UInt8] {
        if codec == uncompressed {
            guard input.count >= size else { throw ParquetDamage("a page is shorter than its header says") }
            return Array(input.prefix(size))
        }
        if size == 0 { return [] }
        // Writers make pages of about a megabyte; a header claiming gigabytes is damage, and a
        // large one must fit the memory budget before it is allocated.
        guard size <= maxPageBytes else { throw ParquetDamage("a page claims \(size) bytes uncompressed, more than a real page holds (damaged file?)") }
        if size > 64 << 20 { try MemoryLimit.check(adding: size, for: "a \(size >> 20) MB Parquet page", isQuery: false) }
        var output = [UInt8](repeating: 0, count: size)
        let produced: Int = try output.withUnsafeMutableBytes { out -> Int in
            let target = out.baseAddress!.assumingMemoryBound(to: CChar.self)
            let source = input.baseAddress?.assumingMemoryBound(to: CChar.self)
            switch codec {
            case snappy:
                var length = size
                guard let source, snappy_uncompress(source, input.count, target, &length) == SNAPPY_OK else {
                    throw ParquetDamage("a snappy page does not decompress (damaged file?)")
                }
                return length
            case zstd:
                let n = ZSTD_decompress(target, size, source, input.count)
                if ZSTD_isError(n) != 0 { throw ParquetDamage("a zstd page does not decompress: \(String(cString: ZSTD_getErrorName(n)))") }
                return n
            case gzip:
                return try gunzip(input, into: out)
            default:
                throw ParquetDamage("pages compressed with \(name(codec)) are not supported")
            }
        }
        guard produced == size else { throw ParquetDamage("a page decompresses to \(produced) bytes, its header says \(size)") }
        return output
    }

    /// gzip (or zlib) streams, possibly several members one after the other.
    private static func gunzip(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        var stream = z_stream()
        // 15 + 32: a window of 32 KB, and either header detected.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetDamage("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        while true {
            let status = CCompression.inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                if stream.avail_in > 0, stream.avail_out > 0 {
                    guard inflateReset(&stream) == Z_OK else { break }
                    continue
                }
                break
            }
            if status == Z_BUF_ERROR, stream.avail_out == 0 { break }
            guard status == Z_OK else { throw ParquetDamage("a gzip page does not decompress (damaged file?)") }
        }
        return output.count - Int(stream.avail_out)
    }

    /// Compresses a page for writing.
    static func compress(_ codec: Int, _ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { raw -> [UInt8] in
            let source = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            switch codec {
            case snappy:
                var length = snappy_max_compressed_length(raw.count)
                var out = [UInt8](repeating: 0, count: length)
                let status = out.withUnsafeMutableBytes { snappy_compress(source, raw.count, $0.baseAddress!.assumingMemoryBound(to: CChar.self), &length) }
                precondition(status == SNAPPY_OK, "snappy_compress failed")
                out.removeSubrange(length...)
                return out
            case zstd:
                var out = [UInt8](repeating: 0, count: ZSTD_compressBound(raw.count))
                let n = out.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, $0.count, raw.baseAddress, raw.count, 3) }
                precondition(ZSTD_isError(n) == 0, "ZSTD_compress failed")
                out.removeSubrange(n...)
                return out
            case gzip:
                var stream = z_stream()
                // 15 + 16: a gzip header, as Parquet's GZIP codec means.
                precondition(deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
                defer { deflateEnd(&stream) }
                var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(raw.count))) + 32)
                let produced = out.withUnsafeMutableBytes { o -> Int in
                    stream.next_in = UnsafeMutablePointer(mutating: raw.baseAddress?.assumingMemoryBound(to: Bytef.self))
                    stream.avail_in = uInt(raw.count)
                    stream.next_out = o.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(o.count)
                    precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END, "deflate failed")
                    return o.count - Int(stream.avail_out)
                }
                out.removeSubrange(produced...)
                return out
            default:
                return input
            }
        }
    }
}
