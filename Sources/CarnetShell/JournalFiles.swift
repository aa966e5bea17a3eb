import CarnetIO
import CarnetSession

#if canImport(Glibc)
import Glibc
#endif

/// Journals left by sessions that did not end cleanly (their process is gone).
enum JournalFiles {
    static func abandoned(in folder: String) -> [String] {
        var found: [String] = []
        for name in POSIXFile.names(in: folder) ?? [] {
            guard name.hasPrefix("journal-"), name.hasSuffix(".md"),
                  let pid = Int32(name.dropFirst("journal-".count).dropLast(3)) else { continue }
            // A live process still owns its journal (a zombie does not: nobody reaped it yet).
            if pid == getpid() || (kill(pid, 0) == 0 && !isZombie(pid)) { continue }
            found.append(folder + "/" + name)
        }
        return found.sorted()
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return false }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return false }
        let line = String(cString: buffer)
        // "pid (name) S …": the state follows the closing parenthesis.
        guard let close = line.lastIndex(of: ")") else { return false }
        let rest = String(line.suffix(from: line.index(after: close)))
        return rest.trimmingWhitespace().hasPrefix("Z")
    }

    /// Replays a journal's entries (commands, notes, the notebook it stood on) into the
    /// session; returns the commands that failed.
    static func recover(_ entries: [String], into session: Session) -> [String] {
        var failures: [String] = []
        for command in entries {
            if command.hasPrefix("note ") { _ = session.execute(command); continue }
            if command.hasPrefix("open ") {
                let notebook = String(command.dropFirst(5))
                if case .failure = session.execute("open " + CommandWords.quote(notebook)) { failures.append(command) }
                continue
            }
            if case .failure = session.execute(command) { failures.append(command) }
        }
        return failures
    }
}

