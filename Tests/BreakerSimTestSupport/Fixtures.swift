import Foundation

/// Files the tests share: the bundled scenarios and scratch space that one test owns.
package enum Fixtures {
    /// The path of a bundled scenario: `scenario("flaky")` is `<root>/scenarios/flaky.json`.
    package static func scenario(_ name: String) -> String {
        PackageRoot.appending("scenarios/\(name).json")
    }

    /// A fresh, empty directory that only the caller uses (named after it and this process).
    package static func temporaryDirectory(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "breaker-sim-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.path
    }

    /// A path in this process's scratch directory, holding `contents` if given (else nothing yet).
    package static func temporaryFile(_ name: String, contents: String? = nil) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "breaker-sim-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        if let contents { try contents.write(to: url, atomically: true, encoding: .utf8) }
        return url.path
    }
}
