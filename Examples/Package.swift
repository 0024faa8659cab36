// swift-tools-version: 6.2

import PackageDescription

// Using BreakerCore in a service: a Hummingbird 2 service that calls a downstream HTTP service through
// AsyncHTTPClient, each call through a `CircuitBreaker`, answering from a fallback while the breaker
// rejects, with metrics on /metrics (swift-prometheus). Its own package, so that adopters of BreakerCore
// never build Hummingbird, AsyncHTTPClient or Prometheus.
let package = Package(
    name: "breaker-core-examples",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "breaker-sim", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // The service: one route through the breaker, its fallback, and /metrics.
        .target(
            name: "QuoteService",
            dependencies: [
                .product(name: "BreakerCore", package: "breaker-sim"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `swift run quote-service`: the service on port 8080, calling $DOWNSTREAM_URL.
        .executableTarget(
            name: "quote-service",
            dependencies: [
                "QuoteService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // End to end on loopback: a downstream that can hang, the service in front of it.
        .testTarget(
            name: "QuoteServiceTests",
            dependencies: [
                "QuoteService",
                .product(name: "BreakerCore", package: "breaker-sim"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
