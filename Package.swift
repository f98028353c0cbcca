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
        // What any engine records: event records, run summary, the event sink, run
        // descriptor and status, tool identity (no dependencies: the seam between engines).
        .target(name: "ReclaimRecords"),
        // Pure kernel functions shared by the model and the report importer: 2.6.20
        // `badness()`, the modern `oom_badness()` and `get_scan_count()` (no I/O); badness()
        // returns its factors as the record `oom_candidates` stores.
        .target(name: "ReclaimKernelFunctions", dependencies: ["ReclaimRecords"]),
        // The kernel model: pure, deterministic, no I/O, no wall clock.
        .target(
            name: "ReclaimModel",
            dependencies: [
                "ReclaimRecords", "ReclaimKernelFunctions", "ReclaimWorkloads",
                .product(name: "DequeModule", package: "swift-collections"),
            ]),
        // Scenario files: decode, validate, canonical form, run key.
        .target(
            name: "ReclaimScenario",
            dependencies: [
                "ReclaimRecords", "ReclaimKernelFunctions", "ReclaimWorkloads",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Real kernels' OOM-killer reports: parse logs, score them (no I/O: text in, values out).
        .target(
            name: "ReclaimOOMReports",
            dependencies: ["ReclaimKernelFunctions", .product(name: "Crypto", package: "swift-crypto")]),
        // libtracefs + libtraceevent (Debian: libtracefs-dev, libtraceevent-dev) for live runs.
        .systemLibrary(
            name: "CTraceFS", pkgConfig: "libtracefs",
            providers: [.apt(["libtracefs-dev", "libtraceevent-dev"])]),
        // The machine's real kernel (`kernel: live`): cgroups, a tracing instance, /dev/kmsg,
        // swap file, laptop_mode, the worker that replays a workload, and the run's records.
        // Never depends on the 2.6.20 model.
        .target(
            name: "ReclaimLive", dependencies: ["CTraceFS", "ReclaimWorkloads", "ReclaimRecords", "ReclaimOOMReports"]),
        // SQLite through GRDB: migrations, recorder, queries.
        .target(
            name: "ReclaimStore",
            dependencies: [
                "ReclaimRecords", "ReclaimOOMReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["migrations", "queries"],
            plugins: ["EmbedSQL"]),
        // Build tool that embeds migrations/ and queries/ into ReclaimStore.
        .executableTarget(name: "embed-sql"),
        .plugin(name: "EmbedSQL", capability: .buildTool(), dependencies: ["embed-sql"]),
        // The sweep engine: a grid's runs on worker threads through any `RunEngine`, one
        // commit queue into the store. Knows no engine.
        .target(name: "ReclaimSweep", dependencies: ["ReclaimRecords", "ReclaimScenario", "ReclaimStore"]),
        // The simulator as a `RunEngine` (where the model and the sweep engine meet).
        .target(name: "ReclaimSimulator", dependencies: ["ReclaimModel", "ReclaimRecords", "ReclaimScenario", "ReclaimSweep"]),
        // The live kernel as a `RunEngine` (where ReclaimLive and the sweep engine meet).
        .target(name: "ReclaimLiveEngine", dependencies: ["ReclaimLive", "ReclaimRecords", "ReclaimScenario", "ReclaimSweep"]),
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
                "ReclaimRecords", "ReclaimModel", "ReclaimWorkloads", "ReclaimScenario", "ReclaimStore",
                "ReclaimOOMReports", "ReclaimSweep", "ReclaimSimulator", "ReclaimKernelFunctions",
                "ReclaimReport", "ReclaimLive", "ReclaimLiveEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        .executableTarget(name: "reclaimlab", dependencies: ["ReclaimCLI"]),
        // Test helpers: fixtures, an in-memory event sink, scenario builders.
        .target(
            name: "ReclaimTestSupport",
            dependencies: ["ReclaimRecords", "ReclaimModel", "ReclaimKernelFunctions", "ReclaimWorkloads"],
            path: "Tests/ReclaimTestSupport"),
        .testTarget(name: "ReclaimModelTests", dependencies: ["ReclaimModel", "ReclaimRecords", "ReclaimKernelFunctions", "ReclaimWorkloads", "ReclaimTestSupport"]),
        .testTarget(name: "ReclaimWorkloadsTests", dependencies: ["ReclaimWorkloads"]),
        .testTarget(name: "ReclaimLiveTests", dependencies: ["ReclaimLive", "ReclaimWorkloads", "ReclaimRecords"]),
        .testTarget(name: "ReclaimKernelFunctionsTests", dependencies: ["ReclaimKernelFunctions", "ReclaimRecords"]),
        .testTarget(name: "ReclaimChartsTests", dependencies: ["ReclaimCharts"]),
        .testTarget(name: "ReclaimReportTests", dependencies: ["ReclaimReport", "ReclaimStore"]),
        .testTarget(
            name: "ReclaimScenarioTests", dependencies: ["ReclaimScenario", "ReclaimModel", "ReclaimRecords", "ReclaimSimulator", "ReclaimTestSupport", "ReclaimCLI"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ReclaimStoreTests",
            dependencies: ["ReclaimStore", "ReclaimRecords", "ReclaimModel", "ReclaimTestSupport", "ReclaimCLI", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "ReclaimOOMReportsTests",
            dependencies: [
                "ReclaimOOMReports", "ReclaimKernelFunctions", "ReclaimRecords", "ReclaimModel", "ReclaimStore",
                "ReclaimTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "ReclaimCLITests",
            dependencies: [
                "ReclaimCLI", "reclaimlab", "ReclaimStore", "ReclaimRecords", "ReclaimLive", "ReclaimWorkloads", "ReclaimSweep", "ReclaimSimulator",
                "ReclaimTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ]
)
