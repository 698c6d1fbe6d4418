import Foundation
import Testing
import TouchpointGenerator

/// The command line: flags, usage errors naming the flag, exit statuses.
@Suite struct GeneratorCommandTests {
    @Test(arguments: [
        (["--seed", "x"], "--seed"), (["--people", "0"], "--people"), (["--people", "-3"], "--people"),
        (["--days", "3"], "--days"), (["--start", "2026-02-30"], "--start"), (["--frobnicate"], "--frobnicate"),
        (["--seed"], "--seed"), (["stray"], "stray"), (["--seed", "1", "--seed", "2"], "--seed"),
        (["--people", "10", "--events", "500"], "--events"),
    ])
    func usageErrorsNameTheFlag(arguments: [String], flag: String) {
        #expect {
            _ = try GeneratorOptions.parse(["--out", "/tmp/unused"] + arguments)
        } throws: { error in
            guard let error = error as? GeneratorError, case .usage(let named, _) = error else { return false }
            return named == flag && error.exitStatus == 2
        }
    }

    @Test func outIsRequired() {
        #expect(throws: GeneratorError.usage(flag: "--out", problem: "required (the directory to write to)")) {
            _ = try GeneratorOptions.parse(["--people", "5"])
        }
    }

    @Test func flagsParseInBothSpellings() throws {
        let request = try GeneratorOptions.parse([
            "--out=/tmp/x", "--seed", "18446744073709551615", "--events=1000000", "--start", "2025-01-31", "--days=90",
        ])
        guard case .generate(let options) = request else {
            Issue.record("expected generate")
            return
        }
        #expect(options.outputDirectory == "/tmp/x")
        #expect(options.seed == UInt64.max)
        #expect(options.people == 1_000_000 / GeneratorOptions.averageEventsPerPerson)
        #expect(options.startDate == .init(year: 2025, month: 1, day: 31))
        #expect(options.days == 90)
        #expect(try GeneratorOptions.parse(["--help"]) == .help)
        #expect(try GeneratorOptions.parse(["--out", "x", "--version"]) == .version)
    }

    @Test func runReturnsTwoOnUsageErrorsAndZeroForHelp() {
        #expect(GeneratorCommand.run(["touchpoint-gen", "--people", "many", "--out", "/tmp/unused"]) == 2)
        #expect(GeneratorCommand.run(["touchpoint-gen"]) == 2)
        #expect(GeneratorCommand.run(["touchpoint-gen", "--version"]) == 0)
    }

    @Test func runCreatesTheDirectoryAndWritesEveryFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("touchpoint-gen-command-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        #expect(GeneratorCommand.run(["touchpoint-gen", "--out", directory.path, "--people", "3"]) == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == GeneratedData.fileNames.sorted())
    }

    @Test func runReturnsOneWhenTheDirectoryCannotBeWritten() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "touchpoint-gen-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(GeneratorCommand.run(["touchpoint-gen", "--out", file.path + "/below-a-file", "--people", "3"]) == 1)
    }
}
