import Foundation
import Testing
import TouchpointTesting

/// The stage contract on real processes and real pipes (contract §1, §6, §7): what a shell pipeline sees.
@Suite(.serialized)
struct ProcessTests {
    static let ndjsonStages = ["normalize", "resolve-identity", "score", "alert"]

    @Test(arguments: ndjsonStages)
    func forwardsUnknownKindsUnchangedAndInOrder(stage: String) throws {
        var input = ""
        for index in 0..<2_000 { input += "{\"kind\":\"x-future\",\"n\":\(index), \"spaced\" : [1.50, \"\\u00e9\"]}\n" }
        let result = try ChildProcess.run(BuiltProducts.executable(stage), [], input: Array(input.utf8))
        #expect(result.status == 0)
        #expect(result.output == input)
        #expect(
            result.errors.contains("\(stage): note: counts: in=2000 out=2000 dead_lettered=0 filtered=0 written=2000"))
    }

    @Test(arguments: ndjsonStages)
    func flushesAsSoonAsTheInputIsIdle(stage: String) throws {
        let child = try ChildProcess(BuiltProducts.executable(stage), [])
        try child.write("{\"kind\":\"ping\",\"n\":1}\n")
        // stdin stays open: the line must arrive without end of input or a full buffer.
        #expect(child.waitUntil { $0.output == "{\"kind\":\"ping\",\"n\":1}\n" })
        try child.write("{\"kind\":\"ping\",\"n\":2}\n")
        #expect(child.waitUntil { $0.output.hasSuffix("{\"kind\":\"ping\",\"n\":2}\n") })
        try child.closeInput()
        #expect(child.finish().status == 0)
    }

    @Test(arguments: ndjsonStages + ["ingest"])
    func sigtermFinishesFlushesAndExitsZero(stage: String) throws {
        let arguments = stage == "ingest" ? ["--format", "ndjson", "--barrier-every", "0", "-"] : []
        let child = try ChildProcess(BuiltProducts.executable(stage), arguments)
        try child.write("{\"kind\":\"ping\",\"n\":1}\n")
        #expect(child.waitUntil { $0.output.contains("\"n\":1") })
        child.signal(SIGTERM)
        let (status, reason) = child.finish()
        #expect(reason == .exit)
        #expect(status == 0)
        #expect(child.errors.contains("\(stage): note: counts: in=1"))
    }

    @Test(arguments: ndjsonStages)
    func closedDownstreamEndsTheStageQuietly(stage: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tp-sigpipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input.ndjson")
        try String(
            repeating: "{\"kind\":\"x-future\",\"padding\":\"\(String(repeating: "p", count: 200))\"}\n", count: 100_000
        )
        .write(to: input, atomically: true, encoding: .utf8)
        // head exits after one line; the stage's next write gets EPIPE. Arguments reach bash as $0 and $1, never
        // inside the script text.
        let script = "\"$0\" < \"$1\" 2>\"$1.err\" | head -n 1 > /dev/null; echo \"${PIPESTATUS[0]}\""
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", script, BuiltProducts.executable(stage).path, input.path])
        #expect(result.output == "0\n")
        let errors = try String(contentsOfFile: input.path + ".err", encoding: .utf8)
        #expect(!errors.contains("error"))
    }

    @Test(arguments: ndjsonStages)
    func badLinesGoToDeadLettersAndCountsReconcile(stage: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tp-dead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let deadLetters = directory.appendingPathComponent("dead.ndjson")
        let input: [UInt8] =
            Array("{\"kind\":\"ok\"}\nnot json\n[1]\n{\"no_kind\":1}\n".utf8) + [0x7B, 0xFF, 0x7D, 0x0A]
        let result = try ChildProcess.run(
            BuiltProducts.executable(stage), ["--dead-letters", deadLetters.path], input: input)
        #expect(result.status == 0)
        #expect(result.output == "{\"kind\":\"ok\"}\n")
        let letters = try String(contentsOf: deadLetters, encoding: .utf8).split(separator: "\n")
        #expect(letters.count == 4)
        for reason in ["invalid_json", "not_an_object", "missing_kind", "invalid_utf8"] {
            #expect(
                letters.contains { $0.contains("\"reason\":\"\(reason)\"") && $0.contains("\"stage\":\"\(stage)\"") })
        }
        #expect(result.errors.contains("counts: in=5 out=1 dead_lettered=4 filtered=0"))
        let mode = try FileManager.default.attributesOfItem(atPath: deadLetters.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(arguments: ndjsonStages + ["ingest", "touchpoint"])
    func usageErrorsExitTwoAndHelpExitsZero(stage: String) throws {
        let bad = try ChildProcess.run(BuiltProducts.executable(stage), ["--no-such-flag"])
        #expect(bad.status == 2)
        #expect(bad.errors.hasPrefix("\(stage): error: --no-such-flag"))
        let help = try ChildProcess.run(BuiltProducts.executable(stage), ["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("usage: \(stage)"))
        let version = try ChildProcess.run(BuiltProducts.executable(stage), ["--version"])
        #expect(version.status == 0)
        #expect(version.output.hasPrefix("\(stage) "))
    }
}
