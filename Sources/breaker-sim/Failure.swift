import ArgumentParser
import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exit statuses from sysexits(3), as the design asks.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let invalidData = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
}

/// Writes one line to standard error, prefixed with the program's name.
func complain(_ message: String) {
    writeStandardError("breaker-sim: \(message)\n")
}

func writeStandardError(_ text: String) {
    writeAll(text, to: STDERR_FILENO)
}

func writeStandardOutput(_ text: String) {
    writeAll(text, to: STDOUT_FILENO)
}

/// Writes every byte, retrying after partial writes and interruptions (a reader on a slow pipe).
private func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Loads a scenario or reports why not, in the design's error format, and exits with its status.
func loadScenario(_ file: String, overrides: [String]) throws(ExitCode) -> Scenario {
    do {
        return try ScenarioLoader.load(file: file, overrides: overrides)
    } catch {
        report(error)
        switch error {
        case .unreadable: throw ExitStatus.noInput
        case .invalid: throw ExitStatus.invalidData
        }
    }
}

func report(_ error: ScenarioError) {
    switch error {
    case .unreadable(let file, let reason):
        complain("\(file): \(reason)")
    case .invalid(let problems):
        for problem in problems { complain(problem.description) }
    }
}

/// Whether a file descriptor is a terminal.
func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
