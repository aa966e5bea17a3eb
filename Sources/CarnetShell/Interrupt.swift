import CLibEdit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C at the terminal: a signal handler raises a flag that long work checks between blocks,
/// and that makes libedit's read return so the half-typed line is dropped.
public enum Interrupt {
    static let flag = Atomic<Bool>(false)

    /// Installs the handler (interactive sessions only; batch mode keeps the default: stop).
    public static func install() {
        _ = carnet_install_interrupt_handler(SIGINT) { _ in
            Interrupt.flag.store(true, ordering: .relaxed)
        }
    }

    public static var isRaised: Bool { flag.load(ordering: .relaxed) }

    /// Reads and lowers the flag.
    public static func take() -> Bool { flag.exchange(false, ordering: .relaxed) }
}
