import Foundation

/// Where `swift build` put the executables and where the repository is, as seen from a test process.
package enum BuiltProducts {
    /// The directory of the test bundle, beside which SwiftPM places the executables on Linux.
    package static var directory: URL {
        let bundle = Bundle.main.bundleURL
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    }

    /// The built executable `name` (for example "normalize").
    package static func executable(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The repository root, found from this source file's location.
    package static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The text of a file of the repository, by its path from the root (`docs/FORMATS.md`).
    package static func readRepositoryFile(_ relativePath: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
