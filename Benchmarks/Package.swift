// swift-tools-version: 6.2

import PackageDescription

// Benchmarks for breaker-sim, kept in their own package so that the main package does not depend on
// package-benchmark. Run them with `swift package benchmark` from this directory.
//
// Thresholds/ holds the allocation gate CI checks: the closed-state `run` (sync and async, every
// policy), one state-machine step, and a rejection through `acquire` must not allocate (p90 of
// `mallocCountTotal` per 1000 calls is 0; allocation counts are deterministic, wall times are not). The
// filter is the one in `.ci/run`:
//
//   swift package --disable-sandbox benchmark thresholds check --target BreakerCoreBenchmarks \
//     --filter '^(Closed success, run \((sync|async)\)(, (failure rate over .*|slow-call duration))?|State machine step \(acquire \+ success\), .*|Rejection, tripped \(timer pending\), acquire)$' \
//     --metric mallocCountTotal --no-progress
//
// It exits non-zero when one of them allocates. A benchmark named there without a file in Thresholds/ is
// not checked: renaming one means renaming its file.
let package = Package(
    name: "breaker-sim-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "breaker-sim", path: ".."),
        // The repository formerly named package-benchmark (same commit for 1.38.1); under the old
        // identifier the plugin prints a deprecation warning on every run.
        .package(
            url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
        // Only to give the benchmarked breakers a silent logger.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // The cost of BreakerCore's metrics with a real backend.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .executableTarget(
            name: "BreakerCoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BreakerCore", package: "breaker-sim"),
                .product(name: "BreakerSimulation", package: "breaker-sim"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Benchmarks/BreakerCoreBenchmarks"
        ),
        .executableTarget(
            name: "SimulationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BreakerSimulation", package: "breaker-sim"),
            ],
            path: "Benchmarks/SimulationBenchmarks"
        ),
        .executableTarget(
            name: "DashboardBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BreakerSimulation", package: "breaker-sim"),
                .product(name: "TerminalUI", package: "breaker-sim"),
            ],
            path: "Benchmarks/DashboardBenchmarks"
        ),
        // Not a benchmark: one run to count instructions under cachegrind (see its source).
        .executableTarget(
            name: "simulate-once",
            dependencies: [.product(name: "BreakerSimulation", package: "breaker-sim")],
            path: "Tools/SimulateOnce"
        ),
        // Not a benchmark either: a million calls down one path of BreakerCore, for cachegrind.
        .executableTarget(
            name: "breaker-calls-once",
            dependencies: [.product(name: "BreakerCore", package: "breaker-sim")],
            path: "Tools/BreakerCallsOnce"
        ),
    ]
)

for target in package.targets {
    if target.type == .executable && !["simulate-once", "breaker-calls-once"].contains(target.name) {
        target.plugins = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    }
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
