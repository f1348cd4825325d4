// swift-tools-version:6.0
import PackageDescription

// Release code reaches generic type metadata through accessor functions instead of mangled
// names: a mangled name is resolved at run time, checking each generic requirement by a scan
// of the binary's ~5,700 protocol conformance records, once per type per process. That was
// about a sixth of the instructions of linting one report (see CHANGELOG).
let startup: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "reportlint",
    products: [
        .executable(name: "reportlint", targets: ["reportlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // System libraries: libyaml (rule files) and PCRE2 (the text engine, see DESIGN.md).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),

        .target(name: "SourceText", dependencies: ["CPCRE2"], swiftSettings: startup),
        .target(name: "YAMLTree", dependencies: ["CYAML", "SourceText"], swiftSettings: startup),
        .target(name: "Diagnostics", dependencies: ["SourceText"], swiftSettings: startup),
        .target(name: "Arithmetic", swiftSettings: startup),
        .target(name: "DocxReader", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: startup),
        .target(name: "ReportModel", dependencies: ["SourceText"], swiftSettings: startup),
        .target(name: "Rules", dependencies: ["SourceText", "YAMLTree", "Diagnostics", "ReportModel", "Arithmetic"], swiftSettings: startup),
        .target(name: "Engine", dependencies: ["Rules", "ReportModel", "Diagnostics", "SourceText", "DocxReader", "Arithmetic"], swiftSettings: startup),
        // Fuzzing (Benchmarks/fuzz.sh): the entry points, and one small executable per target.
        .target(name: "FuzzTargets", dependencies: ["Engine", "Rules", "Arithmetic", "DocxReader", "YAMLTree", "SourceText"]),
        .executableTarget(name: "fuzz-report", dependencies: ["FuzzTargets"]),
        .executableTarget(name: "fuzz-numbers", dependencies: ["FuzzTargets"]),
        .executableTarget(name: "fuzz-rules", dependencies: ["FuzzTargets"]),
        .executableTarget(name: "fuzz-docx", dependencies: ["FuzzTargets"]),
        // Writes Sources/Rules/BuiltinRuleSets.swift from rules/*.yaml (scripts/embed-rules.sh).
        .executableTarget(name: "embed-rules", dependencies: ["YAMLTree"]),
        .executableTarget(name: "reportlint", dependencies: [
            "ReportModel",
            "Engine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: startup, linkerSettings: [
            // A position-dependent release executable: the ~88,000 relative relocations of a PIE
            // (mostly Swift metadata) cost about 0.9 ms of every start; see CHANGELOG.
            .unsafeFlags(["-Xlinker", "-no-pie"], .when(platforms: [.linux], configuration: .release)),
        ]),

        .testTarget(name: "SourceTextTests", dependencies: ["SourceText"]),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree"]),
        .testTarget(name: "ArithmeticTests", dependencies: ["Arithmetic"]),
        .testTarget(name: "DocxReaderTests", dependencies: ["DocxReader"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportModelTests", dependencies: ["ReportModel", "SourceText"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Engine", "ReportModel", "SourceText", "Diagnostics", "YAMLTree"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"], exclude: ["Inputs"]),
        .testTarget(name: "CLITests", dependencies: ["Engine", "Diagnostics", "SourceText", "reportlint"], exclude: ["Fixtures", "Golden"]),
    ]
)
