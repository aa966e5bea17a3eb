// swift-tools-version: 6.0
import PackageDescription

// Layers, lowest first; a target only depends on the ones above it in this list.
//   CAllocator    – system header: glibc's allocator settings (malloc.h)
//   CarnetEngine  – columnar tables, typed buffers, kernels (no I/O, no terminal)
//   CCompression  – system libraries: snappy, zstd and zlib, for Parquet pages
//   CarnetIO      – readers (CSV…) producing engine tables
//   CarnetQuery   – SQL: syntax → binding → planning → vectorized execution
//   CarnetCharts  – one chart specification, drawn as terminal text and as SVG
//   CarnetSession – workspace, command registry, commands, text renderings of results
//   CLibEdit      – system library: Debian's libedit, used by the shell only
//   CarnetShell   – interactive line editing, completion, batch runner
//   carnet        – the thin executable
let package = Package(
    name: "Carnet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "carnet", targets: ["carnet"]),
        // The layers as a library, for the fuzzing package in Fuzz/.
        .library(name: "CarnetKit", targets: ["CarnetEngine", "CarnetIO", "CarnetQuery", "CarnetSession"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 of loaded files (notebook provenance) at memory speed, through BoringSSL.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // Reads the zip container of .xlsx workbooks.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(name: "CAllocator"),
        .target(name: "CarnetEngine", dependencies: ["CAllocator"]),
        .systemLibrary(
            name: "CCompression",
            providers: [.apt(["libsnappy-dev", "libzstd-dev", "zlib1g-dev"])]
        ),
        .target(name: "CarnetIO", dependencies: ["CarnetEngine", "CCompression", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                resources: [.copy("TOTEM/Nomenclatures")]),
        .target(name: "CarnetQuery", dependencies: ["CarnetEngine"]),
        .target(name: "CarnetCharts", dependencies: ["CarnetEngine"]),
        .target(
            name: "CarnetSession",
            dependencies: ["CarnetEngine", "CarnetIO", "CarnetQuery", "CarnetCharts", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Validation/Catalogue")]
        ),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CarnetShell", dependencies: ["CarnetSession", "CarnetQuery", "CarnetIO", "CarnetEngine", "CLibEdit"]),
        .executableTarget(
            name: "carnet",
            dependencies: [
                "CarnetShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CarnetEngineTests", dependencies: ["CarnetEngine", "CarnetTestSupport"]),
        .testTarget(name: "CarnetIOTests", dependencies: ["CarnetIO", "CarnetTestSupport"]),
        .testTarget(name: "CarnetQueryTests", dependencies: ["CarnetQuery", "CarnetTestSupport"]),
        // Golden files, repository paths and scratch folders, shared by the test targets.
        .target(name: "CarnetTestSupport", dependencies: ["CarnetIO"], path: "Tests/Support"),
        .testTarget(name: "CarnetChartsTests", dependencies: ["CarnetCharts", "CarnetTestSupport"]),
        .testTarget(name: "CarnetSessionTests", dependencies: ["CarnetSession", "CarnetIO", "CarnetTestSupport"]),
        .testTarget(name: "CarnetShellTests", dependencies: ["CarnetShell"]),
        // Runs the built `carnet` binary as a user would (batch mode, flags, exit codes).
        .testTarget(name: "CarnetCLITests", dependencies: ["carnet", "CarnetTestSupport"]),
    ]
)
