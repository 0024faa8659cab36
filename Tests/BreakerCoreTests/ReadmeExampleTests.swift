import BreakerCore
import BreakerCoreTesting
import Foundation
import Testing

// The README's BreakerCore example, compiled and run here. The lines between the markers, without this
// indentation, must equal the README's ```swift block under "## BreakerCore" after its
// `import BreakerCore` line, so the example a developer copies always builds.

private func chargeCard() async throws -> String { "receipt-1" }
private func fetchStatus() async throws -> Int { 503 }

private struct ReadmeResult {
    var receipt: String
    var status: Int
    var breaker: CircuitBreaker<ContinuousClock>
}

private func readmeExample() async throws -> ReadmeResult {
    // README BEGIN
    struct PaymentsDown: Error {}
    struct CardDeclined: Error {}  // the caller's problem, not the dependency's

    let payments = CircuitBreaker(
        name: "payments",
        allowedFails: 5,  // consecutive failures that open it
        retryTimer: .seconds(30),  // open period before the next call becomes a probe
        halfOpenProbes: 1,  // probes in flight while half-open
        errorPolicy: .ignoring([CardDeclined.self])  // neither success nor failure (subclasses too)
    )

    func charge() async throws -> String {
        do {
            return try await payments.run {
                try await chargeCard()  // your call; its errors are rethrown unchanged
            }
        } catch let open as CircuitOpenError {
            // Not run at all: the breaker is open. `open.retryAfter` says for how long.
            throw open
        }
    }

    // A result can count as a failure too (the original's validation_func); the value is still returned.
    let status = try await payments.run(validation: { (code: Int) in code < 500 }) { try await fetchStatus() }
    // README END
    return ReadmeResult(receipt: try await charge(), status: status, breaker: payments)
}

@Suite struct ReadmeExampleTests {
    @Test("the README's BreakerCore example runs: a 503 counts as a failure but is returned")
    func exampleRuns() async throws {
        let result = try await readmeExample()
        #expect(result.status == 503)
        #expect(result.receipt == "receipt-1")
        // The validation failure was followed by a success, which reset the count.
        #expect(result.breaker.consecutiveFailures == 0)
        #expect(result.breaker.state == .closed)
        #expect(result.breaker.configuration.allowedFails == 5)
    }

    @Test("the README shows exactly the example compiled here")
    func readmeMatchesCompiledExample() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)

        let readmeLines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let section = readmeLines.firstIndex(of: "## BreakerCore"),
            let open = readmeLines[section...].firstIndex(of: "```swift"),
            let close = readmeLines[(open + 1)...].firstIndex(of: "```")
        else {
            Issue.record("README.md has no ```swift block under ## BreakerCore")
            return
        }
        let shown = Array(readmeLines[(open + 1)..<close])

        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let begin = try #require(sourceLines.firstIndex(of: "    // README BEGIN"))
        let end = try #require(sourceLines.firstIndex(of: "    // README END"))
        let compiled = sourceLines[(begin + 1)..<end].map {
            $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0
        }

        #expect(shown == ["import BreakerCore", ""] + compiled)
    }
}
