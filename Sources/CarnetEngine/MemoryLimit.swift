#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The process's memory budget (`set memory_limit 4GB`): loads and queries ask it before and
/// while they allocate, and stop with `MemoryLimitExceeded` while the machine still has room,
/// instead of being killed by the system with the user's session. One budget per process,
/// because resident memory is one number per process.
public enum MemoryLimit {
    /// Share of the machine's memory (or of the container's limit) used when none was set;
    /// DuckDB uses the same default.
    public static let defaultShare = 0.8

    private static let limit = Atomic<Int>(0)

    /// The limit in bytes.
    public static var bytes: Int {
        get {
            let value = limit.load(ordering: .relaxed)
            return value > 0 ? value : defaultBytes
        }
        set { limit.store(max(newValue, 0), ordering: .relaxed) }
    }

    /// Whether the user set the limit (false: the default share of the machine).
    public static var isDefault: Bool { limit.load(ordering: .relaxed) == 0 }

    /// Back to the default share of the machine's memory.
    public static func reset() { limit.store(0, ordering: .relaxed) }

    public static var defaultBytes: Int { Int(Double(machineBytes) * defaultShare) }

    /// Physical memory, or the container's (cgroup) limit when it is lower.
    public static let machineBytes: Int = {
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        var best = physical > 0 ? physical : 4 << 30
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = firstLine(of: path), let value = Int(text), value > 0, value < best { best = value }
        }
        return best
    }()

    /// Resident memory of this process now, in bytes (0 where the system does not say).
    public static func residentBytes() -> Int {
        guard let text = firstLine(of: "/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Throws when `additional` more bytes on top of what the process holds now would pass the
    /// limit. `work` names what would need them, for the message ("this join"); `isQuery` says
    /// whether narrowing the query is advice worth giving.
    public static func check(adding additional: Int = 0, for work: @autoclosure () -> String, isQuery: Bool = true) throws(MemoryLimitExceeded) {
        let limit = bytes
        var resident = residentBytes()
        // Saturating: an estimate of rows × width can overflow on absurd inputs.
        var (total, overflow) = resident.addingReportingOverflow(max(additional, 0))
        if !overflow, total > limit {
            // Memory freed by dropped tables may still count as resident until malloc gives it back.
            releaseFreedMemory()
            resident = residentBytes()
            (total, overflow) = resident.addingReportingOverflow(max(additional, 0))
        }
        if overflow || total > limit {
            throw MemoryLimitExceeded(work: work(), needed: overflow ? Int.max : max(additional, 0), resident: resident, limit: limit, isQuery: isQuery)
        }
    }

    /// glibc's malloc_trim, looked up at run time: Swift's Glibc module does not declare it.
    private static func releaseFreedMemory() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    private static func firstLine(of path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return line.trimmingWhitespace()
    }
}

/// A load or query stopped because it would pass the memory limit; nothing was changed.
public struct MemoryLimitExceeded: Error, Sendable, CustomStringConvertible {
    public var work: String
    /// Bytes the work still needed when it stopped (0 when it stopped because the process was
    /// already past the limit).
    public var needed: Int
    public var resident: Int
    public var limit: Int
    public var isQuery: Bool

    public var description: String {
        let need = needed == Int.max ? "more memory than can be counted" : needed > 0 ? "about \(ByteSize.format(needed)) more" : "more memory"
        return "\(work) would need \(need), with \(ByteSize.format(resident)) in use and memory_limit \(ByteSize.format(limit)): stopped, nothing was changed"
    }

    public var hint: String {
        (isQuery ? "narrow it (WHERE, fewer columns), " : "") + "`drop` tables you no longer need, or raise the limit: `set memory_limit \(ByteSize.format(ByteSize.roundedUp(limit * 2), compact: true))`"
    }
}

/// Byte counts as people write them: `4GB` (powers of 1000), `4GiB` (powers of 1024).
public enum ByteSize {
    /// `1.5 GB`, `376 B`; `compact` drops the space (`8GB`), as `set memory_limit` takes it.
    public static func format(_ bytes: Int, compact: Bool = false) -> String {
        let space = compact ? "" : " "
        if bytes < 1000 { return "\(bytes)\(space)B" }
        let units = ["kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 { value /= 1000; unit += 1 }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + space + units[unit]
    }

    /// A round figure at least `bytes` (one significant digit, for suggestions).
    public static func roundedUp(_ bytes: Int) -> Int {
        var scale = 1
        while bytes / scale >= 10 { scale *= 10 }
        return (bytes + scale - 1) / scale * scale
    }

    /// Reads `4GB`, `512 MB`, `2GiB`, `1.5G`, `800000000`; nil when it is not a size.
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingWhitespace().lowercased()
        let number = t.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, let value = Double(number), value.isFinite else { return nil }
        let unit = t.dropFirst(number.count).trimmingWhitespace()
        let factors: [String: Double] = [
            "": 1, "b": 1,
            "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let factor = factors[unit] else { return nil }
        let bytes = value * factor
        guard bytes >= 1, bytes < 9e18 else { return nil }
        return Int(bytes)
    }
}
