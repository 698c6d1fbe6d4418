// swift-tools-version:6.1
import PackageDescription

// One library per stage, a thin executable each, no package dependencies (docs/ARCHITECTURE.md).
let stageLibraries = [
    "TouchpointIngest", "TouchpointNormalize", "TouchpointIdentity", "TouchpointScore", "TouchpointAlert",
]
let executables: [(name: String, library: String)] = [
    ("ingest", "TouchpointIngest"),
    ("normalize", "TouchpointNormalize"),
    ("resolve-identity", "TouchpointIdentity"),
    ("score", "TouchpointScore"),
    ("alert", "TouchpointAlert"),
    ("touchpoint", "TouchpointSupervisor"),
    ("touchpoint-gen", "TouchpointGenerator"),
    ("touchpoint-bench", "TouchpointBench"),
    ("touchpoint-accuracy", "TouchpointIdentity"),
]
let optimized: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

// Built-in mappings, rules, lexicons and blocklists are files under a target's Builtin/ folder, embedded at build
// time (Sources/EmbedBuiltinFiles): adding one is adding a file.
let builtinFiles: [Target.PluginUsage] = [.plugin(name: "EmbedBuiltinFiles")]

var targets: [Target] = [
    .executableTarget(name: "embed-builtin-files", path: "Sources/embed-builtin-files"),
    .plugin(
        name: "EmbedBuiltinFiles", capability: .buildTool(), dependencies: ["embed-builtin-files"],
        path: "Sources/EmbedBuiltinFiles"),
    .target(name: "TouchpointJSON", swiftSettings: optimized),
    .target(
        name: "TouchpointCore", dependencies: ["TouchpointJSON"], exclude: ["Builtin"], swiftSettings: optimized,
        plugins: builtinFiles),
    // The report reads the pipeline's output; only the supervisor's `touchpoint report` and `paths` link it.
    .target(name: "TouchpointReport", dependencies: ["TouchpointCore"], swiftSettings: optimized),
    .target(name: "TouchpointSupervisor", dependencies: ["TouchpointCore", "TouchpointReport"]),
    .target(name: "TouchpointGenerator", dependencies: ["TouchpointCore"]),
    .target(name: "TouchpointBench", dependencies: ["TouchpointCore"] + stageLibraries.map { .target(name: $0) }),
    .target(name: "TouchpointTesting", dependencies: ["TouchpointCore"]),
    // The system zlib, for ingest's gzip input only (Sources/CZlib/module.modulemap links -lz).
    .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
]
// What a stage library links beyond Core.
let stageDependencies: [String: [Target.Dependency]] = ["TouchpointIngest": ["CZlib"]]
// Stage libraries whose built-in files (mappings, rules, lexicons) live in their Builtin/ folder.
let stagesWithBuiltins: Set<String> = [
    "TouchpointNormalize", "TouchpointScore", "TouchpointAlert", "TouchpointIdentity",
]
targets += stageLibraries.map {
    .target(
        name: $0, dependencies: ["TouchpointCore"] + (stageDependencies[$0] ?? []),
        exclude: stagesWithBuiltins.contains($0) ? ["Builtin"] : [], swiftSettings: optimized,
        plugins: stagesWithBuiltins.contains($0) ? builtinFiles : [])
}
// `touchpoint` runs its sibling stage executables, so building it (as `swift run touchpoint demo` does) builds them;
// it does not link them.
let stageExecutables = ["ingest", "normalize", "resolve-identity", "score", "alert"]
targets += executables.map { executable in
    let siblings = executable.name == "touchpoint" ? stageExecutables.map { Target.Dependency.target(name: $0) } : []
    return .executableTarget(
        name: executable.name, dependencies: ["TouchpointCore", .target(name: executable.library)] + siblings)
}
// Test targets that run a built executable as a real process (alert's `--exec` tests run `alert`, the lookup tests
// `resolve-identity`).
let testExecutables: [String: [Target.Dependency]] = [
    "TouchpointAlert": ["alert"], "TouchpointIdentity": ["resolve-identity"],
]
// Test data folders inside test targets; SwiftPM would otherwise warn that they are unhandled.
let testFixtures: [String: [String]] = [
    "TouchpointJSON": ["Fixtures"], "TouchpointNormalize": ["Samples"], "TouchpointIngest": ["Fixtures"],
    "TouchpointScore": ["Fixtures"],
]
targets +=
    (["TouchpointJSON", "TouchpointCore", "TouchpointGenerator", "TouchpointSupervisor", "TouchpointReport"]
    + stageLibraries).map {
        .testTarget(
            name: "\($0)Tests", dependencies: [.target(name: $0), "TouchpointTesting"] + (testExecutables[$0] ?? []),
            exclude: testFixtures[$0] ?? [])
    }
// A stateful stage for tests of the shared mechanisms (checkpoints, watermarks, timers); built by the tests only.
targets.append(
    .executableTarget(name: "touchpoint-test-stage", dependencies: ["TouchpointCore", "TouchpointTesting"]))
targets.append(
    .testTarget(
        name: "EndToEndTests",
        dependencies: ["TouchpointTesting", "TouchpointCore", "touchpoint-test-stage"]
            + (stageLibraries + executables.map(\.name)).map { .target(name: $0) },
        exclude: ["cases", "golden"]
    )
)

let package = Package(
    name: "Touchpoint",
    products: executables.map { .executable(name: $0.name, targets: [$0.name]) },
    targets: targets,
    swiftLanguageModes: [.v6]
)
