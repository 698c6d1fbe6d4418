import Glibc
import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// `--forget-after`: the committed barrier drops the position of a file that has been gone that long, and keeps it
/// while it may still come back; the wait is checkpointed, so restarts do not begin it again.
struct GoneFilesTests {
    static let day: Int64 = 86_400_000

    /// One run of `ingest --state state FILES...` at wall time `now`, whose last barrier is then committed, as the
    /// pipeline's last stage would. Returns the files the last barrier holds positions for, and stderr.
    static func run(_ directory: TemporaryDirectory, _ files: [String], at now: Int64) throws -> (
        files: [String], errors: String
    ) {
        var memory = StageIO.memory(input: "")
        memory.io.workingDirectory = directory.path
        memory.io.now = { Timestamp(milliseconds: now) }
        let status = IngestCommand.run(["ingest", "--state", "state"] + files, io: memory.io)
        #expect(status == .success, "\(memory.errors.text)")
        let barriers = memory.output.text.split(separator: "\n").compactMap { try? JSONParser.parseValue(String($0)) }
            .filter { $0["kind"] == "barrier" }
        let last = try #require(barriers.last)
        try CommitMarker(barrier: try #require(last["id"]?.intValue)).write(
            to: StateDirectory(path: directory.path + "/state"))
        let positions = last["positions"]?.arrayValue ?? []
        return (positions.compactMap { $0["file"]?.stringValue }.sorted(), memory.errors.text)
    }

    @Test func aFileGoneForTheWaitIsForgottenAndOneThatStaysIsKept() throws {
        let directory = TemporaryDirectory(texts: ["a.ndjson": "{\"a\":1}\n", "b.ndjson": "{\"b\":1}\n"])
        let start: Int64 = 1_800_000_000_000
        #expect(try Self.run(directory, ["a.ndjson", "b.ndjson"], at: start).files == ["a.ndjson", "b.ndjson"])
        // Runs that leave b out keep its position while b exists, as long as it takes.
        #expect(try Self.run(directory, ["a.ndjson"], at: start + 30 * Self.day).files == ["a.ndjson", "b.ndjson"])
        unlink(directory.path + "/b.ndjson")
        // Gone from day 31 on: still kept on day 37, across the restarts in between.
        #expect(try Self.run(directory, ["a.ndjson"], at: start + 31 * Self.day).files == ["a.ndjson", "b.ndjson"])
        #expect(try Self.run(directory, ["a.ndjson"], at: start + 37 * Self.day).files == ["a.ndjson", "b.ndjson"])
        let forgotten = try Self.run(directory, ["a.ndjson"], at: start + 38 * Self.day)
        #expect(forgotten.files == ["a.ndjson"])
        #expect(
            forgotten.errors.contains("state: forgetting the position of b.ndjson (source b)"), "\(forgotten.errors)")
    }

    @Test func aFileBackWithinTheWaitIsResumedWhereItWas() throws {
        let directory = TemporaryDirectory(texts: ["a.ndjson": "{\"a\":1}\n", "b.ndjson": "{\"b\":1}\n"])
        let start: Int64 = 1_800_000_000_000
        _ = try Self.run(directory, ["a.ndjson", "b.ndjson"], at: start)
        // Moved away (an unmounted share, a folder renamed), then back: the same file, its position still held.
        rename(directory.path + "/b.ndjson", directory.path + "/b.away")
        _ = try Self.run(directory, ["a.ndjson"], at: start + 2 * Self.day)
        rename(directory.path + "/b.away", directory.path + "/b.ndjson")
        var memory = StageIO.memory(input: "")
        memory.io.workingDirectory = directory.path
        memory.io.now = { Timestamp(milliseconds: start + 20 * Self.day) }
        _ = IngestCommand.run(["ingest", "--state", "state", "--forget-after", "3d", "b.ndjson"], io: memory.io)
        #expect(!memory.output.text.contains(#""kind":"record""#), "b was read again: \(memory.output.text)")
    }

    @Test func aForgetAfterThatIsNoDurationIsAUsageError() {
        let run = ingest(["--forget-after", "soon", "-"])
        #expect(run.status == .usage)
        #expect(run.errors.contains("--forget-after: \"soon\" is not a duration"))
    }
}
