import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointTesting

@testable import TouchpointSupervisor

/// What reaches touchpoint's stderr from real processes, in each log format: a real Touchpoint stage
/// (`touchpoint-test-stage`, which writes its diagnostics as `session-timeout: …`), shell children writing bytes no
/// stage should, and touchpoint's own lines.
struct RelayedLogTests {
    /// The test stage, named in argv[0] as it names itself, so its lines carry their program prefix.
    static func sessionStage(_ arguments: [String]) -> ProcessSpec {
        ProcessSpec(
            label: "session", executablePath: BuiltProducts.executable("touchpoint-test-stage").path,
            arguments: ["session-timeout"] + arguments, workingDirectory: "/")
    }

    @Test func textLinesCarryTheTimeTheStageAndTheLine() throws {
        let before = ProcessClock.now()
        let run = try supervise([
            Self.sessionStage([]),
            shell("noisy", #"cat >/dev/null; echo "plain words" >&2; exit 3"#),
        ])
        let after = ProcessClock.now()
        let lines = run.log.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(run.log)")
        for line in lines {
            let stamp = try #require(Timestamp(parsing: String(line.prefix(24))), "\(line)")
            #expect(stamp.description == String(line.prefix(24)), "UTC with milliseconds: \(line)")
            #expect(before.milliseconds <= stamp.milliseconds && stamp.milliseconds <= after.milliseconds, "\(line)")
        }
        let untimed = run.logLines
        #expect(untimed.contains { $0.hasPrefix("session: note: counts: in=0 out=0 ") }, "\(untimed)")
        #expect(untimed.contains("noisy: plain words"))
        #expect(untimed.contains("touchpoint: error: stage 2 (noisy) exited with status 3"))
    }

    /// Control characters, a quote, a backslash, bytes that are not UTF-8 and an unterminated last line: every
    /// line is one JSON object with exactly the documented members, and the original bytes survive in base64.
    @Test func jsonLinesParseWhateverBytesTheStagesWrite() throws {
        let argument = "--bogus\u{1}\u{1B}[31m"
        let hostile = #"printf 'bad \377\376 bytes \001\033[2J "quoted" \\back\n' >&2; printf 'last \300' >&2"#
        let run = try supervise(
            [Self.sessionStage([argument]), shell("hostile", "cat >/dev/null; " + hostile)], logFormat: .json)
        let lines = run.log.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(run.log.last == "\n")
        var objects: [[String: Any]] = []
        for line in lines {
            let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let object = try #require(parsed as? [String: Any], "\(line)")
            let members = Set(object.keys)
            #expect(
                members == ["time", "stage", "pid", "level", "message"]
                    || members == ["time", "stage", "pid", "level", "message", "message_base64"], "\(line)")
            #expect((object["time"] as? String).flatMap { Timestamp(parsing: $0) } != nil)
            objects.append(object)
        }
        // Byte-exact in the log: the stage's bytes arrive as escapes and replacement characters, never raw.
        #expect(!run.log.utf8.contains { $0 < 0x20 && $0 != 0x0A })

        let session = objects.filter { $0["stage"] as? String == "session" }
        let rejected = try #require(session.first { $0["level"] as? String == "error" }, "\(objects)")
        #expect(rejected["message"] as? String == "\(argument): unknown option (see --help)")
        #expect(rejected["pid"] as? Int == Int(run.status.stages[0].pid))
        #expect(rejected["message_base64"] == nil)

        let fromShell = objects.filter { $0["stage"] as? String == "hostile" }
        #expect(fromShell.count == 2)
        #expect(
            fromShell.allSatisfy {
                $0["pid"] as? Int == Int(run.status.stages[1].pid) && $0["level"] as? String == "info"
            })
        #expect(fromShell.first?["message"] as? String == "bad \u{FFFD}\u{FFFD} bytes \u{1}\u{1B}[2J \"quoted\" \\back")
        let original = (fromShell.first?["message_base64"] as? String).flatMap { Data(base64Encoded: $0) }
        #expect(
            original.map(Array.init) == Array("bad ".utf8) + [0xFF, 0xFE] + Array(#" bytes "#.utf8) + [0x01, 0x1B]
                + Array(#"[2J "quoted" \back"#.utf8))
        #expect(fromShell.last?["message"] as? String == "last \u{FFFD}")

        let own = try #require(objects.first { $0["stage"] as? String == "touchpoint" }, "\(objects)")
        #expect(own["pid"] as? Int == Int(getpid()))
        #expect(own["level"] as? String == "error")
        #expect(own["message"] as? String == "stage 1 (session) exited with status 2")
    }

    /// A 100,000-byte line is relayed as its first 65,536 bytes and a marker, while another stage's lines go on
    /// whole around it.
    @Test func anOverlongLineIsCutOnceAndNothingInterleaves() throws {
        let long = #"head -c 100000 /dev/zero | tr '\0' a >&2; echo >&2; echo after >&2"#
        let steady = #"i=0; while [ $i -lt 500 ]; do echo "steady line $i" >&2; i=$((i+1)); done; cat"#
        let run = try supervise([shell("long", long), shell("steady", steady)])
        let lines = run.logLines
        #expect(lines.count == 502)
        #expect(
            lines.filter { $0.hasPrefix("long: ") } == [
                "long: " + String(repeating: "a", count: Supervisor.maxLogLineBytes) + " [cut: 34464 more bytes]",
                "long: after",
            ])
        #expect(lines.filter { $0.hasPrefix("steady: ") } == (0..<500).map { "steady: steady line \($0)" })
    }
}
