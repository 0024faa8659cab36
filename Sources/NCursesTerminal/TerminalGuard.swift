import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signal handling that keeps the terminal usable whatever happens.
///
/// SIGINT, SIGTERM and SIGHUP only record the signal: the dashboard's loop sees it within one frame,
/// stops ncurses properly and exits. A crash signal (a Swift trap is SIGILL or SIGTRAP) restores the
/// saved terminal modes and leaves the alternate screen from the handler with async-signal-safe calls,
/// then re-raises so the process still dies as it would have.
enum TerminalGuard {
    static let pending = Atomic<Int32>(0)
    static let active = Atomic<Bool>(false)
    /// On the heap, not a global: AddressSanitizer showed the global `termios` registered as 57 bytes
    /// while tcgetattr writes 60, overwriting the flag beside it.
    nonisolated(unsafe) static let savedModes: UnsafeMutablePointer<termios> = {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        modes.initialize(to: termios())
        return modes
    }()
    nonisolated(unsafe) static var haveSavedModes = false
    private static let installed = Atomic<Bool>(false)

    static func install() {
        guard
            installed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent)
                .exchanged
        else { return }
        // Written once, before any handler can run, and only read afterwards (by handlers).
        haveSavedModes = tcgetattr(STDIN_FILENO, savedModes) == 0
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            installSignalHandler(signal) { signal in
                TerminalGuard.pending.store(signal, ordering: .relaxed)
            }
        }
        for signal in [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE] {
            installSignalHandler(signal) { signal in
                TerminalGuard.restoreFromSignalHandler()
                restoreDefaultSignalHandler(signal)
                raise(signal)
            }
        }
    }

    /// Puts back the terminal modes saved before ncurses started, if any.
    static func restoreSavedModes() {
        if haveSavedModes { tcsetattr(STDIN_FILENO, TCSADRAIN, savedModes) }
    }

    /// Only async-signal-safe calls: tcsetattr and write.
    static func restoreFromSignalHandler() {
        guard active.load(ordering: .relaxed) else { return }
        if haveSavedModes { tcsetattr(STDIN_FILENO, TCSANOW, savedModes) }
        // Normal attributes, cursor visible, keypad and cursor keys back to normal mode (rmkx: ncurses
        // turned on the application modes, in which the shell's arrow keys print ^[OA), leave the
        // alternate screen, new line.
        let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    }
}
