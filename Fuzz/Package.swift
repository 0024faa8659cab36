// swift-tools-version: 6.2

import PackageDescription

// A libFuzzer target for the scenario loader, kept in its own package so that the main package never
// builds with sanitizer flags. Run it with `Fuzz/run.sh [SECONDS]`, which builds with
// `swift build -Xswiftc -sanitize=fuzzer,address`: the loader's code is instrumented too.
let package = Package(
    name: "breaker-sim-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "breaker-sim", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "ScenarioFuzzer",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "BreakerSimulation", package: "breaker-sim"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                // No top-level code. SwiftPM links an executable with `main` aliased to
                // `ScenarioFuzzer_main` (so that tests could link it), which rules out libFuzzer's own
                // main; ScenarioFuzzer_main hands over to libFuzzer's driver instead.
                .unsafeFlags(["-parse-as-library"]),
            ]
        ),
        // The declaration of LLVMFuzzerRunDriver (the symbol comes with -sanitize=fuzzer).
        .systemLibrary(name: "CFuzzerDriver"),
    ]
)
