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

/// Cores this process may use (at least 1): how many runs a sweep does at once by default.
///
/// The cores online, fewer when the process is pinned to some (its CPU affinity: `taskset`, a container's cpuset)
/// or its cgroup grants less CPU time (a container's `--cpus`, a Kubernetes CPU limit).
func systemCoreCount() -> Int {
    var cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #if os(Linux)
        // The affinity as the kernel states it, "Cpus_allowed_list:\t0-3,8" (sched_getaffinity is not
        // visible from Swift's Glibc module).
        if let status = readSmallFile("/proc/self/status", limit: 16_384),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
            let allowed = CPUQuota.cores(allowedList: String(line.dropFirst("Cpus_allowed_list:".count)))
        {
            cores = min(cores, allowed)
        }
        let quota =
            readSmallFile("/sys/fs/cgroup/cpu.max").flatMap { CPUQuota.cores(cpuMax: $0) }
            ?? readSmallFile("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").flatMap { quota in
                readSmallFile("/sys/fs/cgroup/cpu/cpu.cfs_period_us").flatMap {
                    CPUQuota.cores(quota: quota, period: $0)
                }
            }
        if let quota { cores = min(cores, quota) }
    #endif
    return max(1, cores)
}

/// The first `limit` bytes of a small system file; `nil` when it cannot be read.
private func readSmallFile(_ path: String, limit: Int = 256) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: limit)
    let count = fread(&buffer, 1, buffer.count, file)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
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
