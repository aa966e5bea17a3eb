#if canImport(Glibc)
import Glibc
#endif

/// Where the shell keeps its history across runs: `$XDG_STATE_HOME/carnet/history`, by default
/// `~/.local/state/carnet/history`.
public enum HistoryFile {
    public static func path(environment: (String) -> String? = HistoryFile.environment) -> String? {
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return state + "/carnet/history"
        }
        guard let home = environment("HOME") else { return nil }
        return home + "/.local/state/carnet/history"
    }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        let s = String(cString: v)
        return s.isEmpty ? nil : s
    }

    /// Creates the folders of `path` (like `mkdir -p`).
    static func makeParentFolders(of path: String) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() {
            prefix += "/" + part
            mkdir(prefix, 0o755)
        }
    }

    /// Replaces `path` by what `write` wrote to a temporary file beside it, so that an
    /// interrupted save leaves the old history whole.
    static func atomicallyReplace(_ path: String, write: (String) -> Bool) {
        makeParentFolders(of: path)
        let temporary = path + ".tmp-\(getpid())"
        guard write(temporary) else { unlink(temporary); return }
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
