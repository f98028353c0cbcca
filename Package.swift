// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "reclaimlab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reclaimlab", targets: ["reclaimlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    ],
    targets: [
        // Seeded access-pattern generators (no I/O).
        .target(name: "ReclaimWorkloads"),
        // The kernel model: pure, deterministic, no I/O, no wall clock.
        .target(
            name: "ReclaimModel",
            dependencies: [
                "ReclaimWorkloads",
                .product(name: "DequeModule", package: "swift-collections"),
            ]),
        // Scenario files: decode, validate, canonical form, run key.
        .target(
            name: "ReclaimScenario",
            dependencies: [
                "ReclaimModel", "ReclaimWorkloads",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Real kernels' OOM-killer reports: parse logs, score them (no I/O: text in, values out).
        .target(
            name: "ReclaimOOMReports",
            dependencies: ["ReclaimModel", .product(name: "Crypto", package: "swift-crypto")]),
        // libtracefs + libtraceevent (Debian: libtracefs-dev, libtraceevent-dev) for live runs.
        .systemLibrary(
            name: "CTraceFS", pkgConfig: "libtracefs",
            providers: [.apt(["libtracefs-dev", "libtraceevent-dev"])]),
        // The machine's real kernel as an engine (`kernel: live`): cgroups, a tracing
        // instance, /dev/kmsg, swap file, laptop_mode, the worker that replays a workload.
        // Never depends on the 2.6.20 model.
        .target(name: "ReclaimLive", dependencies: ["CTraceFS", "ReclaimWorkloads"]),
        // SQLite through GRDB: migrations, recorder, queries.
        .target(
            name: "ReclaimStore",
            dependencies: [
                "ReclaimModel", "ReclaimOOMReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["migrations", "queries"],
            plugins: ["EmbedSQL"]),
        // Build tool that embeds migrations/ and queries/ into ReclaimStore.
        .executableTarget(name: "embed-sql"),
        .plugin(name: "EmbedSQL", capability: .buildTool(), dependencies: ["embed-sql"]),
        // SVG charts: scales, nice ticks, axes, line/bar/histogram charts as an SVG tree (pure, no dependencies).
        .target(name: "ReclaimCharts"),
        // `reclaimlab report`: the database's aggregates as one self-contained HTML page (Plot) with inline SVG charts.
        .target(
            name: "ReclaimReport",
            dependencies: ["ReclaimStore", "ReclaimCharts", .product(name: "Plot", package: "Plot")]),
        // The command tree (swift-argument-parser); the executable is a thin main.
        .target(
            name: "ReclaimCLI",
            dependencies: [
                "ReclaimModel", "ReclaimWorkloads", "ReclaimScenario", "ReclaimStore", "ReclaimOOMReports", "ReclaimReport",
                "ReclaimLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        .executableTarget(name: "reclaimlab", dependencies: ["ReclaimCLI"]),
        // Test helpers: fixtures, an in-memory event sink, scenario builders.
        .target(
            name: "ReclaimTestSupport",
            dependencies: ["ReclaimModel", "ReclaimWorkloads"],
            path: "Tests/ReclaimTestSupport"),
        .testTarget(name: "ReclaimModelTests", dependencies: ["ReclaimModel", "ReclaimWorkloads", "ReclaimTestSupport"]),
        .testTarget(name: "ReclaimWorkloadsTests", dependencies: ["ReclaimWorkloads"]),
        .testTarget(name: "ReclaimLiveTests", dependencies: ["ReclaimLive", "ReclaimWorkloads"]),
        .testTarget(name: "ReclaimChartsTests", dependencies: ["ReclaimCharts"]),
        .testTarget(name: "ReclaimReportTests", dependencies: ["ReclaimReport", "ReclaimStore"]),
        .testTarget(
            name: "ReclaimScenarioTests", dependencies: ["ReclaimScenario", "ReclaimModel", "ReclaimTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ReclaimStoreTests",
            dependencies: ["ReclaimStore", "ReclaimModel", "ReclaimTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "ReclaimOOMReportsTests",
            dependencies: ["ReclaimOOMReports", "ReclaimModel", "ReclaimStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReclaimCLITests", dependencies: ["ReclaimCLI", "reclaimlab", "ReclaimStore", "ReclaimLive", "ReclaimTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
