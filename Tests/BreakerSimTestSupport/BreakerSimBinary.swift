#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `breaker-sim` binary, run from the package root as a user or a script would run it.
package enum BreakerSimBinary {
    /// The binary's path: the one the test bundle was built beside, else the debug build's.
    package static let path: String = {
        // On Linux the test bundle is `.build/<configuration>/<package>PackageTests.xctest`, beside the
        // binary; on macOS it is a directory there, one level deeper.
        var directory = (CommandLine.arguments.first ?? "").split(
            separator: "/", omittingEmptySubsequences: false
        )
        .dropLast()
        for _ in 0..<2 where !directory.isEmpty {
            let candidate = (directory + ["breaker-sim"]).joined(separator: "/")
            if candidate.hasPrefix("/") && isExecutableFile(candidate) { return candidate }
            directory = directory.dropLast()
        }
        return PackageRoot.appending(".build/debug/breaker-sim")
    }()

    /// Runs `breaker-sim` with `arguments` in the package root (so `scenarios/flaky.json` is found),
    /// sending `signal` while it runs and killing it after `timeout`.
    package static func run(
        _ arguments: [String], environment: [String: String] = [:], input: String? = nil,
        timeout: Duration = .seconds(300), signal: ChildProcess.DelayedSignal? = nil
    ) async throws -> ChildProcess.Output {
        try await ChildProcess.run(
            path, arguments, directory: PackageRoot.path, environment: environment, input: input,
            timeout: timeout, signal: signal)
    }
}

private func isExecutableFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
}
