#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine that the readers adapt to.
enum System {
    static var activeProcessorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
