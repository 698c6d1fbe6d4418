import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointJSON

@testable import TouchpointSupervisor

/// Each log format on the lines stages really write (`<program>: <severity>: …`), on lines of other shapes, and on
/// bytes no JSON string may hold as they are.
struct LogLineFormatterTests {
    static let time = Timestamp(milliseconds: 1_796_286_600_123)
    static let origin = LogLineFormatter.Origin(label: "score#4", program: "score", pid: 42)

    private func formatBytes(_ line: [UInt8], _ format: LogFormat) -> [UInt8] {
        var output: [UInt8] = []
        line.withUnsafeBytes {
            LogLineFormatter(format: format).append($0, from: Self.origin, at: Self.time, to: &output)
        }
        return output
    }

    private func format(_ line: [UInt8], _ format: LogFormat) -> String {
        String(decoding: formatBytes(line, format), as: UTF8.self)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let line: String
        let text: String
        let journal: String
        let json: String
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(
            line: "score: warning: 3 events before the watermark",
            text: "2026-12-03T08:30:00.123Z score#4: warning: 3 events before the watermark\n",
            journal: "<4>score#4: warning: 3 events before the watermark\n",
            json:
                #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"warning","message":"3 events before the watermark"}"#
                + "\n"),
        Case(
            line: "score: error: state: disk full",
            text: "2026-12-03T08:30:00.123Z score#4: error: state: disk full\n",
            journal: "<3>score#4: error: state: disk full\n",
            json:
                #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"error","message":"state: disk full"}"#
                + "\n"),
        Case(
            line: "score: note: counts: in=1 out=1",
            text: "2026-12-03T08:30:00.123Z score#4: note: counts: in=1 out=1\n",
            journal: "<6>score#4: note: counts: in=1 out=1\n",
            json:
                #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"info","message":"counts: in=1 out=1"}"#
                + "\n"),
        // Another program's diagnostic keeps its name, and still gives its level.
        Case(
            line: "gzip: error: unexpected end of file",
            text: "2026-12-03T08:30:00.123Z score#4: gzip: error: unexpected end of file\n",
            journal: "<3>score#4: gzip: error: unexpected end of file\n",
            json:
                #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"error","message":"gzip: error: unexpected end of file"}"#
                + "\n"),
        Case(
            line: "Fatal error: Index out of range",
            text: "2026-12-03T08:30:00.123Z score#4: Fatal error: Index out of range\n",
            journal: "<6>score#4: Fatal error: Index out of range\n",
            json:
                #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"info","message":"Fatal error: Index out of range"}"#
                + "\n"),
        // `score:` without its blank is not the program's prefix.
        Case(
            line: "score:error: x",
            text: "2026-12-03T08:30:00.123Z score#4: score:error: x\n",
            journal: "<6>score#4: score:error: x\n",
            json:
                #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"info","message":"score:error: x"}"#
                + "\n"),
        Case(
            line: "",
            text: "2026-12-03T08:30:00.123Z score#4: \n",
            journal: "<6>score#4: \n",
            json: #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"info","message":""}"# + "\n"),
    ]

    @Test(arguments: cases)
    func everyFormat(_ testCase: Case) {
        let line = Array(testCase.line.utf8)
        #expect(format(line, .text) == testCase.text)
        #expect(format(line, .journal) == testCase.journal)
        #expect(format(line, .json) == testCase.json)
    }

    /// NUL, ESC, a quote, a backslash, a byte that is never UTF-8, a lead byte with a bad continuation, a whole
    /// euro sign and DEL: escaped or replaced, one valid JSON object, the exact bytes in message_base64.
    @Test func jsonEscapesControlCharactersAndReplacesBytesThatAreNotUTF8() throws {
        let hostile: [UInt8] = [0x41, 0x00, 0x1B, 0x22, 0x5C, 0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xAC, 0x7F]
        let line = Array("score: error: ".utf8) + hostile
        let written = format(line, .json)
        #expect(
            written
                == #"{"time":"2026-12-03T08:30:00.123Z","stage":"score#4","pid":42,"level":"error","message":"A\u0000\u001b\"\\"#
                + "\u{FFFD}\u{FFFD}(€\u{7F}"
                + #"","message_base64":"QQAbIlz/wyjigqx/"}"# + "\n")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "A\u{0}\u{1B}\"\\\u{FFFD}\u{FFFD}(€\u{7F}")
        let original = try #require((object["message_base64"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect(Array(original) == hostile)
        // The text formats pass the stage's bytes on untouched.
        #expect(formatBytes(line, .journal) == Array("<3>score#4: error: ".utf8) + hostile + [0x0A])
    }

    @Test func aStageLabelIsEscapedInJSONToo() throws {
        var output: [UInt8] = []
        let origin = LogLineFormatter.Origin(label: "odd\"label\u{1}", program: "odd", pid: 7)
        Array("odd: note: hi".utf8).withUnsafeBytes {
            LogLineFormatter(format: .json).append($0, from: origin, at: Self.time, to: &output)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        #expect(object["stage"] as? String == "odd\"label\u{1}")
        #expect(object["message"] as? String == "hi")
    }

    @Test func touchpointsOwnLinesAreFormattedAsTheStageTouchpoint() throws {
        let destination = MemorySink()
        let log = SupervisorLog(format: .json, destination: destination)
        Diagnostics(program: "touchpoint", sink: log).warning("stop: still running")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(destination.bytes)) as? [String: Any])
        #expect(object["stage"] as? String == "touchpoint")
        #expect(object["pid"] as? Int == Int(getpid()))
        #expect(object["level"] as? String == "warning")
        #expect(object["message"] as? String == "stop: still running")
        #expect(destination.bytes.last == 0x0A && destination.bytes.count { $0 == 0x0A } == 1)
    }
}

/// Which stderr is the journal: the one whose device and inode JOURNAL_STREAM names, no other.
struct JournalStreamTests {
    @Test func onlyTheStreamJournalStreamNamesIsTheJournal() throws {
        let pipe = try #require(GlibcExtensions.makePipe())
        let other = try #require(GlibcExtensions.makePipe())
        defer { for descriptor in [pipe.read, pipe.write, other.read, other.write] { close(descriptor) } }
        var status = stat()
        try #require(fstat(pipe.write, &status) == 0)
        let stream = "\(status.st_dev):\(status.st_ino)"
        #expect(LogFormat.isJournal(pipe.write, journalStream: stream))
        #expect(!LogFormat.isJournal(other.write, journalStream: stream))
        #expect(!LogFormat.isJournal(pipe.write, journalStream: nil))
        #expect(!LogFormat.isJournal(pipe.write, journalStream: "\(status.st_dev)"))
        #expect(!LogFormat.isJournal(pipe.write, journalStream: "x:y"))
        #expect(try LogFormat(option: nil, isJournal: true) == .journal)
        #expect(try LogFormat(option: "text", isJournal: false) == .text)
        #expect(try LogFormat(option: "json", isJournal: true) == .json)
    }
}
