import Foundation
import Testing
import TouchpointGenerator

/// The committed sample (`pipelines/sample`) is exactly what the default flags generate, and stays small.
@Suite struct SampleTests {
    static let sampleDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pipelines/sample")

    @Test func committedSampleIsWhatTheDefaultFlagsGenerate() throws {
        let generated = try GeneratedData(people: GeneratorOptions.defaultPeople)
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.sampleDirectory.path).sorted()
        #expect(committed == GeneratedData.fileNames.sorted())
        for name in GeneratedData.fileNames {
            let bytes = Array(try Data(contentsOf: Self.sampleDirectory.appendingPathComponent(name)))
            #expect(
                bytes == generated.files[name],
                "\(name) differs from a fresh run; regenerate with: touchpoint-gen --out pipelines/sample")
        }
    }

    @Test func defaultOptionsAreTheDocumentedOnes() throws {
        guard case .generate(let options) = try GeneratorOptions.parse(["--out", "x"]) else {
            Issue.record("--out alone must generate")
            return
        }
        #expect(options.seed == 1)
        #expect(options.people == GeneratorOptions.defaultPeople)
        #expect(options.days == 30)
        #expect(options.startDate == .init(year: 2026, month: 10, day: 1))
    }

    @Test func committedSampleStaysBelow900KiB() throws {
        var total = 0
        for name in GeneratedData.fileNames {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: Self.sampleDirectory.appendingPathComponent(name).path)
            total += (attributes[.size] as? Int) ?? 0
        }
        #expect(total > 0)
        #expect(total <= 900 * 1024, "the sample is \(total) bytes; lower GeneratorOptions.defaultPeople")
    }
}
