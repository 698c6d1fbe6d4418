import Foundation
import Testing

/// docs/GENERATOR.md shows real data: every example record in its code blocks is a line of the committed sample,
/// and every CSV header it shows is the file's header.
@Suite struct DocumentationTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func exampleRecordsAreLinesOfTheCommittedSample() throws {
        let document = try String(
            contentsOf: Self.repository.appendingPathComponent("docs/GENERATOR.md"), encoding: .utf8)
        var sampleLines = Set<String>()
        for name in GeneratedData.fileNames {
            let text = try String(
                contentsOf: Self.repository.appendingPathComponent("pipelines/sample/\(name)"), encoding: .utf8)
            for line in text.split(separator: "\n") { sampleLines.insert(String(line)) }
        }
        var inBlock = false
        var checked = 0
        for line in document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            let isCommand = ["touchpoint-gen", "swift ", ".build/"].contains { line.hasPrefix($0) } || line.isEmpty
            guard !isCommand else { continue }
            #expect(sampleLines.contains(line), "not in pipelines/sample: \(line)")
            checked += 1
        }
        #expect(checked >= 15)
    }
}
