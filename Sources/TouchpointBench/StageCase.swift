import TouchpointAlert
import TouchpointCore
import TouchpointIdentity
import TouchpointIngest
import TouchpointJSON
import TouchpointNormalize
import TouchpointScore

/// One stage of the demo pipeline, run in-process through its command as the executable would run it.
///
/// ingest reads the population's raw files (its stdin is empty); every other stage reads, from memory, what the
/// stage before it wrote. Output and diagnostics go wherever the caller says: a discarding sink when timed, a
/// memory sink once to make the next stage's input.
struct StageCase {
    let name: String
    let run: (_ input: [UInt8], _ output: any ByteSink) -> ExitStatus

    /// The demo's fixed `received` time, so every run ingests the same bytes.
    static let received = "2026-11-01T00:00:00Z"

    /// The five stages in pipeline order; `files` are the raw channel files ingest reads.
    static func pipeline(files: [String]) -> [StageCase] {
        [
            StageCase(name: "stage: ingest (raw files)") { _, output in
                IngestCommand.run(["ingest", "--quiet", "--received", received] + files, io: io([], output))
            },
            StageCase(name: "stage: normalize") { input, output in
                NormalizeCommand.run(["normalize", "--quiet"], io: io(input, output))
            },
            StageCase(name: "stage: resolve-identity") { input, output in
                ResolveIdentityCommand.run(["resolve-identity", "--quiet"], io: io(input, output))
            },
            StageCase(name: "stage: score") { input, output in
                ScoreCommand.run(["score", "--quiet"], io: io(input, output))
            },
            StageCase(name: "stage: alert") { input, output in
                AlertCommand.run(["alert", "--quiet"], io: io(input, output))
            },
        ]
    }

    private static func io(_ input: [UInt8], _ output: any ByteSink) -> StageIO {
        StageIO(input: MemorySource(input), output: output, errors: DiscardingSink())
    }
}
