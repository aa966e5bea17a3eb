// swift-tools-version: 6.0
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the checkout is called.
let parent = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "main"

// libFuzzer targets for Carnet's parsers. Build and run them with `scripts/fuzz TARGET SECONDS`
// (it passes -sanitize=fuzzer,address); each target reads untrusted bytes as a user's file,
// query, command or notebook would arrive.
let package = Package(
    name: "CarnetFuzz",
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzDriver")] + ["FuzzCSV", "FuzzSQL", "FuzzCommand", "FuzzNotebook", "FuzzXLSX", "FuzzODS", "FuzzXML", "FuzzJSON", "FuzzParquet", "FuzzGeometry"].map { name in
        .executableTarget(name: name, dependencies: ["FuzzDriver", .product(name: "CarnetKit", package: parent)],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
