import AsyncHTTPClient
import BreakerCore
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// A service whose `/quote` route asks a downstream pricing service, through a circuit breaker.
///
/// While the breaker is closed, a quote comes from the downstream (`source: downstream`) and a
/// downstream failure (an error status, a timeout) is a 502 that counts against the breaker. Once
/// `allowedFails` calls in a row have failed, the breaker opens and the route answers at once from its
/// fallback (`source: fallback`), without waiting for a downstream timeout and without adding load to
/// a downstream that is struggling. After `retryTimer` one call probes the downstream again.
public struct QuoteService: Sendable {
    /// The settings of the downstream call and its breaker.
    public struct Settings: Sendable {
        /// Base URL of the downstream pricing service, for example `http://127.0.0.1:9000`.
        public var downstream: String
        /// How long one downstream call may take before it counts as a failure.
        public var downstreamTimeout: Duration
        /// Consecutive failures that open the breaker.
        public var allowedFails: Int
        /// How long the breaker stays open before a probe.
        public var retryTimer: Duration

        /// Settings with the breaker's defaults: five failures open it for thirty seconds.
        public init(
            downstream: String, downstreamTimeout: Duration = .seconds(1), allowedFails: Int = 5,
            retryTimer: Duration = .seconds(30)
        ) {
            self.downstream = downstream
            self.downstreamTimeout = downstreamTimeout
            self.allowedFails = allowedFails
            self.retryTimer = retryTimer
        }
    }

    /// A downstream answer that is not a price.
    struct DownstreamError: Error, CustomStringConvertible {
        var status: HTTPResponse.Status
        var description: String { "downstream answered \(status.code)" }
    }

    /// What the service was started with.
    public let settings: Settings
    /// The breaker around every downstream call.
    public let breaker: CircuitBreaker<ContinuousClock>
    /// Where the breaker's metrics (and any others) are collected for `/metrics`.
    public let registry: PrometheusCollectorRegistry
    let httpClient: HTTPClient

    /// A service calling `settings.downstream` with `httpClient`; metrics go to `registry`.
    public init(
        settings: Settings, httpClient: HTTPClient = .shared,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), logger: Logger
    ) {
        self.settings = settings
        self.httpClient = httpClient
        self.registry = registry
        self.breaker = CircuitBreaker(
            name: "pricing", allowedFails: settings.allowedFails, retryTimer: settings.retryTimer,
            metricsFactory: PrometheusMetricsFactory(registry: registry), logger: logger,
            onStateChange: { change in
                // The breaker itself logs at debug only; the application decides what is loud.
                logger.notice(
                    "circuit \(change.name): \(change.from) → \(change.to)",
                    metadata: ["reason": "\(change.reason)"])
            })
    }

    /// The routes: `GET /quote` and `GET /metrics`.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("quote") { _, _ -> Response in
            try await quote()
        }
        router.get("metrics") { _, _ -> String in
            registry.emitToString()
        }
        return router
    }

    /// The application on `host:port` (`port: 0` picks a free one; `onServerRunning` learns it).
    public func application(
        host: String = "127.0.0.1", port: Int = 8080,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: onServerRunning, logger: logger)
    }

    func quote() async throws -> Response {
        do {
            let price = try await breaker.run { try await fetchPrice() }
            return Self.json(status: .ok, #"{"price":\#(price),"source":"downstream"}"#)
        } catch let open as CircuitOpenError {
            // The fallback: answered at once, without touching the downstream.
            let wait = open.retryAfter.map { "\($0.components.seconds)" } ?? "null"
            return Self.json(status: .ok, #"{"price":null,"source":"fallback","retry_after_s":\#(wait)}"#)
        } catch {
            return Self.json(status: .badGateway, #"{"error":"downstream failed"}"#)
        }
    }

    func fetchPrice() async throws -> String {
        let request = HTTPClientRequest(url: settings.downstream + "/price")
        let timeout = TimeAmount.nanoseconds(
            settings.downstreamTimeout.components.seconds * 1_000_000_000
                + settings.downstreamTimeout.components.attoseconds / 1_000_000_000)
        let response = try await httpClient.execute(request, timeout: timeout)
        guard response.status == .ok else {
            throw DownstreamError(status: .init(code: Int(response.status.code)))
        }
        let body = try await response.body.collect(upTo: 1 << 16)
        return String(buffer: body)
    }

    static func json(status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
