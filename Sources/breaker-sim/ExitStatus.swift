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

extension ExitStatus {
    /// The exit statuses, as every command's `--help` lists them.
    static let help = """
        Exit status: 0 success, 64 bad usage (an output that is an input included), 65 invalid \
        scenario or shard, 66 unreadable file, 73 an output file that cannot be written, 74 standard \
        output that cannot be written, 128 + N ended by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
        """
}
