import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

let logfmtCases: [FormatCase] = [
    FormatCase(
        name: "pairs, a quoted value, a bare key",
        line: #"level=info msg="order placed" order=O-555 total=129.90 cached"#,
        expected: #"{"level":"info","msg":"order placed","order":"O-555","total":"129.90","cached":true}"#),
    FormatCase(
        name: "Go slog text handler line",
        line: #"time=2026-10-02T14:33:10.123+02:00 level=WARN msg="slow checkout" customer=C100234 duration=1.5s"#,
        expected:
            #"{"time":"2026-10-02T14:33:10.123+02:00","level":"WARN","msg":"slow checkout","customer":"C100234","duration":"1.5s"}"#
    ),
    FormatCase(
        name: "a repeated key keeps its first place and takes its last value",
        line: "a=1 b=2 a=3", expected: #"{"a":"3","b":"2"}"#),
    FormatCase(
        name: "empty value, = and quotes inside an unquoted value, tabs between pairs",
        line: "empty= url=/search?q=x&p=2\tsize=5\"", expected: #"{"empty":"","url":"/search?q=x&p=2","size":"5\""}"#),
    FormatCase(
        name: "escapes inside quotes",
        line: #"msg="say \"hi\"\n\tback\\slash \/ \u00e9 \ud83d\ude00""#,
        expected: #"{"msg":"say \"hi\"\n\tback\\slash / é 😀"}"#),
    FormatCase(
        name: "a raw tab inside quotes is escaped in JSON", line: "msg=\"a\tb\" k=v",
        expected: #"{"msg":"a\tb","k":"v"}"#),
    FormatCase(name: "extra spaces around pairs", line: "  a=1   b=2  ", expected: #"{"a":"1","b":"2"}"#),
    FormatCase(name: "free text", line: "Started GET /cart", expected: "%%FAIL malformed_input: no key=value pair"),
    FormatCase(name: "only bare keys", line: "debug verbose", expected: "%%FAIL malformed_input: no key=value pair"),
    FormatCase(
        name: "pair without a key", line: "a=1 =2", expected: "%%FAIL malformed_input: pair without a key at byte 4"),
    FormatCase(
        name: "quote not closed", line: #"msg="unterminated k=v"#,
        expected: "%%FAIL malformed_input: quoted value opened at byte 4 is not closed"),
    FormatCase(
        name: "text after the closing quote", line: #"a="x"y"#,
        expected: "%%FAIL malformed_input: text right after the closing quote at byte 4"),
    FormatCase(
        name: "unknown escape", line: #"a="\x41""#,
        expected: "%%FAIL malformed_input: bad escape at byte 3 in the value opened at byte 2"),
    FormatCase(name: "lone surrogate", line: #"a="\ud83d""#, expected: "%%FAIL malformed_input"),
    FormatCase(name: "quote in a key", line: #"a"b=1"#, expected: "%%FAIL malformed_input"),
    FormatCase(name: "JSON is not logfmt", line: #"{"a":1}"#, expected: "%%FAIL malformed_input"),
]

struct LogfmtFormatTests {
    @Test(arguments: logfmtCases)
    func decodes(_ testCase: FormatCase) throws {
        try testCase.check(LogfmtFormat.self)
    }

    @Test func manyRepeatedKeysStayLinear() throws {
        // 20,000 pairs over 100 keys: the hash table keeps this one pass, and the last value of each key wins.
        let line = (0..<20_000).map { "k\($0 % 100)=\($0)" }.joined(separator: " ")
        let run = try ingest(stdin: line + "\n", format: LogfmtFormat(options: FormatOptions()))
        let data = try #require(run.records.first?["data"]?.objectValue)
        #expect(data.count == 100)
        #expect(data["k0"] == "19900")
        #expect(data["k99"] == "19999")
    }

    @Test func invalidUTF8IsADeadLetter() {
        let directory = TemporaryDirectory(files: ["x.logfmt": Array("a=caf".utf8) + [0xE9, 0x0A]])
        let run = ingest(["--barrier-every", "0", "\(directory.path)/x.logfmt"])
        #expect(run.deadLetterSummaries == ["invalid_utf8 1@0"])
    }

    @Test func takesNoOptions() {
        #expect(throws: UsageError(#"format logfmt: unknown option "header" (it takes none)"#)) {
            try LogfmtFormat(options: formatOptions(["header=false"]))
        }
    }
}
