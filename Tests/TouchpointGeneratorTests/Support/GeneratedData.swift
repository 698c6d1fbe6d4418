import Foundation
import TouchpointGenerator

/// A data set generated in-process into a temporary directory and read back into memory (the directory is removed).
struct GeneratedData: Sendable {
    /// File name -> contents.
    let files: [String: [UInt8]]
    let summary: GeneratorSummary

    static let fileNames = [
        "web.log", "pos.csv", "tickets.ndjson", "surveys.csv", "social.ndjson", "calls.csv", "segment.ndjson",
        "ground-truth.ndjson",
    ]

    init(people: Int, seed: UInt64 = 1, days: Int = 30) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("touchpoint-gen-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = GeneratorOptions(outputDirectory: directory.path)
        options.people = people
        options.seed = seed
        options.days = days
        summary = try Generator(options: options).write()
        var files: [String: [UInt8]] = [:]
        for name in Self.fileNames {
            files[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        self.files = files
    }

    /// A file as text.
    func text(_ name: String) -> String { String(decoding: files[name] ?? [], as: UTF8.self) }

    /// Non-empty physical lines of a file.
    func lines(_ name: String) -> [Substring] {
        text(name).split(separator: "\n", omittingEmptySubsequences: true)
    }
}

/// Data sets shared by the suites: generating and parsing once keeps the tests fast.
enum Fixtures {
    /// 1,200 people over 30 days: about 60,000 records, 24 + 24 + 12 planted incidents.
    static let medium: Result<ParsedData, any Error> = Result { try ParsedData(GeneratedData(people: 1_200, seed: 7)) }
}
