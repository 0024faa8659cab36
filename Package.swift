// swift-tools-version: 6.2

import PackageDescription

let package = Package(
    name: "breaker-sim",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BreakerCore", targets: ["BreakerCore"]),
        // What adopters need to test their own breakers on virtual time (a manual clock).
        .library(name: "BreakerCoreTesting", targets: ["BreakerCoreTesting"]),
        .library(name: "BreakerSimulation", targets: ["BreakerSimulation"]),
        .library(name: "BreakerReport", targets: ["BreakerReport"]),
        // For the benchmarks package (Benchmarks/), which renders dashboard frames.
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .executable(name: "breaker-sim", targets: ["breaker-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // `swift package generate-documentation --target BreakerCore` (BreakerCore's DocC catalog).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Tests only: runs the built binary (see Tests/BreakerSimTestSupport).
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // The circuit breaker that services ship: standard library, Synchronization, swift-log and
        // swift-metrics only.
        .target(
            name: "BreakerCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // Test doubles for adopters of BreakerCore: a clock that moves only when told to.
        .target(name: "BreakerCoreTesting"),
        // The deterministic discrete-event simulator, driving BreakerCore's state machine on virtual time.
        .target(
            name: "BreakerSimulation",
            dependencies: ["BreakerCore"]
        ),
        // Pure rendering of the dashboard into a cell grid: everything visible, testable without a terminal.
        .target(
            name: "TerminalUI",
            dependencies: ["BreakerSimulation", "BreakerCore"]
        ),
        // ncursesw, with a small header for what Swift cannot import (macros, stdscr).
        // No pkgConfig: Debian's ncursesw.pc adds -D flags that SwiftPM drops with a warning on every
        // build. On macOS, Homebrew's keg-only ncurses is found with -Xcc -I / -Xlinker -L (README).
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // The only code that touches ncurses.
        .target(
            name: "NCursesTerminal",
            dependencies: ["CNCursesW", "TerminalUI"]
        ),
        // Self-contained HTML reports of a run or a sweep: inline SVG charts, no scripts, deterministic bytes.
        .target(
            name: "BreakerReport",
            dependencies: ["BreakerSimulation", "BreakerCore"]
        ),
        .executableTarget(
            name: "breaker-sim",
            dependencies: [
                "BreakerSimulation",
                "BreakerReport",
                "TerminalUI",
                "NCursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BreakerCoreTests",
            dependencies: [
                "BreakerCore", "BreakerCoreTesting", .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "BreakerSimulationTests",
            dependencies: ["BreakerSimulation", "BreakerSimTestSupport"],
            // Bad input files, read through #filePath (and seeds for fuzzing).
            exclude: ["BadScenarios", "FuzzRegressions", "ExportExpected"]
        ),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "BreakerSimulation", "BreakerCore", "BreakerSimTestSupport"]
        ),
        // What the CLI and report tests share: one process runner, the package root, the fixtures' paths.
        .target(
            name: "BreakerSimTestSupport",
            dependencies: ["BreakerSimulation", .product(name: "Subprocess", package: "swift-subprocess")],
            path: "Tests/BreakerSimTestSupport"
        ),
        .testTarget(
            name: "BreakerSimCLITests",
            dependencies: ["breaker-sim", "BreakerSimTestSupport"]
        ),
        .testTarget(
            name: "BreakerReportTests",
            dependencies: [
                "BreakerReport", "BreakerSimulation", "BreakerCore", "breaker-sim", "BreakerSimTestSupport",
            ]
        ),
    ]
)

// Strict settings, applied to every target from one place.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}

// `BREAKER_SIM_ONLY_CORE=1` declares BreakerCore and its tests only. The ThreadSanitizer run in .ci/run
// uses it: Swift 6.3.1 cannot compile the simulator with -sanitize=thread (the LLVM verifier rejects
// the IR of Simulation.swift), and the breaker's concurrency is what that run is for.
if Context.environment["BREAKER_SIM_ONLY_CORE"] == "1" {
    package.products = package.products.filter { ["BreakerCore", "BreakerCoreTesting"].contains($0.name) }
    package.targets = package.targets.filter {
        ["BreakerCore", "BreakerCoreTesting", "BreakerCoreTests"].contains($0.name)
    }
}
