import BreakerSimTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The runner every CLI and report test relies on: what goes in reaches the child, what ends it is
/// reported as a shell would, and a child that never ends is killed.
@Suite struct ChildProcessTests {
    @Test func inputEnvironmentDirectoryAndStatusReachTheChild() async throws {
        let result = try await ChildProcess.run(
            "/bin/sh", ["-c", "cat; echo \"$GREETING\"; pwd; echo oops >&2; exit 3"], directory: "/tmp",
            environment: ["GREETING": "hello"], input: "from stdin\n")
        #expect(result.stdout == "from stdin\nhello\n/tmp\n")
        #expect(result.stderr == "oops\n")
        #expect(result.status == 3)
    }

    @Test func withoutInputStandardInputIsEmpty() async throws {
        let result = try await ChildProcess.run("/bin/cat", [], timeout: .seconds(10))
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func aSignalEndsTheChildWith128PlusItsNumber() async throws {
        let result = try await ChildProcess.run(
            "/bin/sleep", ["30"], signal: .init(SIGTERM, after: .milliseconds(200)))
        #expect(result.status == 128 + SIGTERM)
        #expect(result.elapsed < .seconds(10))
    }

    @Test func aChildThatOutlivesItsTimeoutIsKilled() async throws {
        // Measured from the child's start: waiting for a free processor (other tests' children) is
        // not the child's time.
        let failure = await #expect(throws: ChildProcess.Failure.self) {
            try await ChildProcess.run("/bin/sleep", ["30"], timeout: .milliseconds(300))
        }
        // Killed, not waited for: well before the child's own 30 s. The margin is wide because a loaded
        // two-core machine can take seconds to wake the timer (10 s was once missed under the suite).
        #expect(failure.map { $0.elapsed < .seconds(25) } == true)
    }

    @Test("the time limit holds while synchronous work fills every thread of the task pool")
    func theTimeLimitDoesNotWaitForTheTaskPool() async throws {
        let started = try Fixtures.temporaryFile("child-started")
        unlink(started)
        let run = Task {
            await #expect(throws: ChildProcess.Failure.self) {
                try await ChildProcess.run(
                    "/bin/sh", ["-c", "touch \"$0\"; exec sleep 30", started], timeout: .seconds(1),
                    waitsForProcessor: false)
            }
        }
        // The child runs (and its limit is set, which happens as it starts) before the pool fills.
        while access(started, F_OK) != 0 { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(200))
        // As the suite's long synchronous tests do: every pool thread busy for 2.5 s (the whole test
        // process waits meanwhile, so no longer than it takes to tell).
        let threads = max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<threads {
                group.addTask {
                    let end = ContinuousClock.now + .milliseconds(2500)
                    while ContinuousClock.now < end {}
                }
            }
        }
        let failure = await run.value
        #expect(
            failure.map { $0.elapsed < .seconds(2) } == true,
            "killed after \(String(describing: failure?.elapsed))")
        unlink(started)
    }

    @Test("a signal is sent on time when the task pool is already full as the child starts")
    func theSignalDoesNotWaitForTheTaskPoolToStartTheChild() async throws {
        // Every pool thread busy for 2 s from now on, as the suite's long synchronous tests do: the one
        // that runs this test joins in as soon as this task hands itself to the runner.
        let threads = max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let filling = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<threads {
                    group.addTask {
                        let end = ContinuousClock.now + .seconds(2)
                        while ContinuousClock.now < end {}
                    }
                }
            }
        }
        let result = try await ChildProcess.run(
            "/bin/sleep", ["30"], signal: .init(SIGTERM, after: .milliseconds(300)),
            waitsForProcessor: false)
        #expect(result.status == 128 + SIGTERM)
        #expect(result.elapsed < .milliseconds(1500), "ended after \(result.elapsed)")
        await filling.value
    }
}
