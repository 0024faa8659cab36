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

/// Cores the system has online (at least 1): how many runs a sweep does at once by default.
func systemCoreCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// Whether a file descriptor is a terminal.
func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

/// The environment variables that decide how a full-screen view draws: `NO_COLOR`, `TERM` and
/// `COLORFGBG` (the background some terminals report).
func terminalEnvironment() -> [String: String] {
    var environment: [String: String] = [:]
    for name in ["NO_COLOR", "TERM", "COLORFGBG"] {
        if let value = getenv(name) { environment[name] = String(cString: value) }
    }
    return environment
}

/// How printed output (the sweep's heat map) is coloured: in colour when standard output is a terminal
/// and `NO_COLOR` is unset, with the 256-colour palette when the terminal `TERM` names has it.
func printedColors() -> (color: Bool, extended: Bool) {
    guard isTerminal(STDOUT_FILENO), getenv("NO_COLOR") == nil else { return (false, false) }
    return (true, Terminal.colorCount(environment: terminalEnvironment()) >= 256)
}

/// Bytes free to an unprivileged writer on the file system that would hold `path`.
func freeBytes(near path: String) -> Int64? {
    var directory = path
    if let slash = directory.lastIndex(of: "/") {
        directory = String(directory[..<slash])
        if directory.isEmpty { directory = "/" }
    } else {
        directory = "."
    }
    var info = statvfs()
    guard statvfs(directory, &info) == 0 else { return nil }
    let (bytes, overflow) = Int64(info.f_bavail).multipliedReportingOverflow(by: Int64(info.f_frsize))
    return overflow ? Int64.max : bytes
}
