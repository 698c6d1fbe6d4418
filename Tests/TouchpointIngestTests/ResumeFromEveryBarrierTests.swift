import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// Resuming from any committed barrier writes exactly what the undisturbed run wrote after that barrier, including
/// the barriers themselves: a restart must not add one.
struct ResumeFromEveryBarrierTests {
    /// `ingest --state state --barrier-every 1 FILES...` in `directory`; its stdout lines.
    static func run(_ directory: TemporaryDirectory, _ files: [String]) -> [Substring] {
        var memory = StageIO.memory(input: "")
        memory.io.workingDirectory = directory.path
        let status = IngestCommand.run(
            ["ingest", "--state", "state", "--received", "2026-11-01T00:00:00Z", "--barrier-every", "1"] + files,
            io: memory.io)
        #expect(status == .success, "\(memory.errors.text)")
        return memory.output.text.split(separator: "\n")
    }

    /// Two files of one source (a log and its rotated predecessor in two folders) with another source between.
    @Test func aSourceOfTwoFilesResumesWithoutExtraBarriers() throws {
        let directory = TemporaryDirectory(texts: [
            "old/shop.ndjson": "{\"n\":1}\n{\"n\":2}\n", "calls.ndjson": "{\"c\":1}\n",
            "new/shop.ndjson": "{\"n\":3}\n{\"n\":4}\n",
        ])
        let files = ["old/shop.ndjson", "calls.ndjson", "new/shop.ndjson"]
        let undisturbed = Self.run(directory, files)
        let barriers = undisturbed.indices.filter { undisturbed[$0].hasPrefix(#"{"kind":"barrier""#) }
        #expect(barriers.count >= 5)
        for index in barriers {
            let barrier = try JSONParser.parseValue(String(undisturbed[index]))
            try CommitMarker(barrier: try #require(barrier["id"]?.intValue)).write(
                to: StateDirectory(path: directory.path + "/state"))
            let resumed = Self.run(directory, files)
            #expect(
                resumed == Array(undisturbed[index...]),
                "resumed from barrier \(barrier["id"]?.intValue ?? -1):\n\(resumed.joined(separator: "\n"))")
        }
    }
}
