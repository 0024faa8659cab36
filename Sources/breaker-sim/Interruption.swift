import ArgumentParser
import BreakerReport
import BreakerSimulation
import NCursesTerminal
import Synchronization
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT, SIGTERM or SIGHUP during a sweep or a headless run: finish cleanly with what completed.
enum Interruption {
    static let signal = Atomic<Int32>(0)

    static var requested: Bool { signal.load(ordering: .relaxed) != 0 }

    /// The exit status for the signal received: 128 + its number, as shells report it.
    static var exitCode: ExitCode { ExitCode(128 + signal.load(ordering: .relaxed)) }

    static func install() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            installSignalHandler(number) { received in
                Interruption.signal.store(received, ordering: .relaxed)
            }
        }
    }
}
