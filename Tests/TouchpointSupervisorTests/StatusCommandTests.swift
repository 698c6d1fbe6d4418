import Testing
import TouchpointCore
import TouchpointTesting

@testable import TouchpointSupervisor

/// `touchpoint status DIR` on a status file as `touchpoint run --status-dir` writes it.
struct StatusCommandTests {
    static let status = """
        {"kind":"touchpoint_status","time":"2026-12-02T20:00:10.000Z","started":"2026-12-02T20:00:00.000Z",\
        "pipeline":"main.pipeline","pid":42,"restarts":1,"committed_barrier":7,"stages":[\
        {"stage":"ingest","pid":43,"state":"running","in":1200,"out":1198,"dead_lettered":2,"rate":600.5,"barrier":8},\
        {"stage":"normalize","pid":44,"state":"killed by signal 9 (SIGKILL)","in":1100,"out":1100,"dead_lettered":0,\
        "barrier":7,"watermark":"2026-12-02T19:59:00.000Z","event_lag_seconds":70}]}

        """

    static func run(at seconds: Int64) -> (status: TouchpointCore.ExitStatus, output: String, errors: String) {
        let directory = TemporaryDirectory(texts: ["st/status.json": status])
        var memory = StageIO.memory(input: "")
        memory.io.now = { Timestamp(milliseconds: 1_796_241_610_000 - 10_000 + seconds * 1000) }
        let status = TouchpointCommand.run(["touchpoint", "status", directory.path + "/st"], io: memory.io)
        return (status, memory.output.text, memory.errors.text)
    }

    @Test func aFreshStatusIsATable() {
        let result = Self.run(at: 11)
        #expect(result.status == .success, "\(result.errors)")
        let header =
            "touchpoint: pid 42, pipeline main.pipeline, started 2026-12-02T20:00:00.000Z, 1 restarts, committed "
            + "barrier 7; as of 2026-12-02T20:00:10.000Z (1.0 s ago)"
        #expect(
            result.output.split(separator: "\n").map(String.init) == [
                header,
                "stage      state                           in   out  dead  rate/s  barrier  watermark"
                    + "                 event lag",
                "ingest     running                       1200  1198     2   600.5        8  -"
                    + "                                 -",
                "normalize  killed by signal 9 (SIGKILL)  1100  1100     0       -        7  2026-12-02T19:59:00.000Z"
                    + "       70 s",
            ])
    }

    @Test func aStaleStatusFailsNamingItsAge() {
        let result = Self.run(at: 21)
        #expect(result.status == .failure)
        #expect(
            result.errors.contains("the status is 11.0 s old: touchpoint run is not updating it"), "\(result.errors)")
    }

    @Test func noStatusFails() {
        var memory = StageIO.memory(input: "")
        memory.io.workingDirectory = "/nonexistent-touchpoint"
        let status = TouchpointCommand.run(["touchpoint", "status", "st"], io: memory.io)
        #expect(status == .failure)
        #expect(memory.errors.text.contains("st/status.json: no status"), "\(memory.errors.text)")
    }
}
