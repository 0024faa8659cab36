import ArgumentParser

/// Exit statuses from sysexits(3), as the design asks.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let invalidData = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    /// Standard output could not be written.
    static let ioError = ExitCode(74)
}
