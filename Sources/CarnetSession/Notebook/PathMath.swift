#if canImport(Glibc)
import Glibc
#endif

/// Paths as text: absolute forms, normalisation, and the relative path from a folder.
public enum PathMath {
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(cString: buffer)
    }

    /// `path` made absolute against `base` (or the current folder), with `.` and `..` resolved.
    static func absolute(_ path: String, base: String?) -> String {
        let start = path.hasPrefix("/") ? path : (base.map { absolute($0, base: nil) } ?? currentDirectory()) + "/" + path
        var parts: [Substring] = []
        for part in start.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path from folder `from` to `to` (both absolute): `../datasets/x.csv`.
    static func relative(from folder: String, to target: String) -> String {
        let a = folder.split(separator: "/"), b = target.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: a.count - common)
        let rest = b[common...].map(String.init)
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    public static func folderOf(_ path: String) -> String { folder(of: path) }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Whether `path` (typed in a notebook) stays inside the notebook's folder.
    static func staysInside(_ path: String) -> Bool {
        guard !path.hasPrefix("/"), !path.hasPrefix("~") else { return false }
        var depth = 0
        for part in path.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return false }
        }
        return true
    }
}
