import AsyncHTTPClient
import BreakerCore
import Hummingbird
import Logging
import NIOCore
import QuoteService
import Synchronization
import Testing

/// A downstream pricing service on loopback whose health the test switches.
final class Downstream: Sendable {
    let hanging = Atomic<Bool>(false)
    let received = Atomic<Int>(0)

    func application(onServerRunning: @escaping @Sendable (any Channel) async -> Void)
        -> some ApplicationProtocol
    {
        let router = Router()
        router.get("price") { _, _ -> String in
            self.received.add(1, ordering: .relaxed)
            // Hanging: no answer until the downstream recovers (bounded, so the server can shut down).
            var waited = 0
            while self.hanging.load(ordering: .relaxed) && waited < 200 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            return "42"
        }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: onServerRunning, logger: Logger(label: "downstream"))
    }
}

/// Runs `application` in `group` and returns the port it listens on.
func start(
    _ application: some ApplicationProtocol, in group: inout ThrowingTaskGroup<Void, any Error>, port: Ports
)
    async throws -> Int
{
    group.addTask { try await application.runService() }
    return try await port.next()
}

/// The ports servers report from `onServerRunning`, handed to the test in order.
final class Ports: Sendable {
    let stream: AsyncStream<Int>
    let continuation: AsyncStream<Int>.Continuation

    init() {
        (stream, continuation) = AsyncStream<Int>.makeStream()
    }

    func report(_ channel: any Channel) async {
        continuation.yield(channel.localAddress?.port ?? 0)
    }

    func next() async throws -> Int {
        for await port in stream { return port }
        throw CancellationError()
    }
}

struct Answer {
    var status: UInt
    var body: String
    var seconds: Double
}

func get(_ url: String) async throws -> Answer {
    let start = ContinuousClock.now
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
    let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
    let elapsed = start.duration(to: .now)
    return Answer(
        status: response.status.code, body: body,
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

@Suite(.timeLimit(.minutes(2))) struct QuoteServiceTests {
    @Test("a hanging downstream opens the breaker; the service answers from its fallback, fast; it recovers")
    func hangingDownstream() async throws {
        let downstream = Downstream()
        let ports = Ports()
        let allowedFails = 3
        let timeout = Duration.milliseconds(400)
        let retryTimer = Duration.seconds(1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let downstreamPort = try await start(
                downstream.application(onServerRunning: ports.report), in: &group, port: ports)
            let service = QuoteService(
                settings: .init(
                    downstream: "http://127.0.0.1:\(downstreamPort)", downstreamTimeout: timeout,
                    allowedFails: allowedFails, retryTimer: retryTimer),
                logger: Logger(label: "quote-service"))
            let port = try await start(
                service.application(
                    port: 0, onServerRunning: ports.report, logger: Logger(label: "quote-service")),
                in: &group, port: ports)
            let base = "http://127.0.0.1:\(port)"

            let healthy = try await get(base + "/quote")
            #expect(healthy.status == 200)
            #expect(healthy.body.contains(#""source":"downstream""#))

            // The downstream hangs: each call waits out the timeout and fails; allowedFails of them open it.
            downstream.hanging.store(true, ordering: .relaxed)
            for call in 1...allowedFails {
                #expect(service.breaker.state == .closed, "open before call \(call)")
                let failed = try await get(base + "/quote")
                #expect(failed.status == 502)
                #expect(failed.seconds >= 0.35, "call \(call) waited for the downstream timeout")
            }
            #expect(service.breaker.state == .open)

            // Open: answered from the fallback at once, without calling the downstream.
            let sent = downstream.received.load(ordering: .relaxed)
            for _ in 0..<5 {
                let fallback = try await get(base + "/quote")
                #expect(fallback.status == 200)
                #expect(fallback.body.contains(#""source":"fallback""#))
                #expect(fallback.seconds < 0.1, "well under the downstream timeout")
            }
            #expect(downstream.received.load(ordering: .relaxed) == sent)

            let metrics = try await get(base + "/metrics").body
            #expect(metrics.contains(#"circuit_breaker_state{name="pricing"} 2"#), "\(metrics)")
            #expect(
                metrics.contains(#"circuit_breaker_calls{name="pricing",outcome="rejected"} 5"#), "\(metrics)"
            )
            #expect(
                metrics.contains(#"circuit_breaker_calls{name="pricing",outcome="failure"} 3"#), "\(metrics)")

            // The downstream recovers; after the retry timer a probe closes the breaker.
            downstream.hanging.store(false, ordering: .relaxed)
            try await Task.sleep(for: retryTimer + .milliseconds(100))
            let recovered = try await get(base + "/quote")
            #expect(recovered.status == 200)
            #expect(recovered.body.contains(#""source":"downstream""#))
            #expect(service.breaker.state == .closed)
            let after = try await get(base + "/metrics").body
            #expect(after.contains(#"circuit_breaker_state{name="pricing"} 0"#), "\(after)")

            group.cancelAll()
        }
    }
}
