import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

struct LogCase: CustomTestStringConvertible, Sendable {
    let name: String
    let line: String
    /// The data as JSON text, or `%%FAIL <reason>` for a dead letter.
    let expected: String

    var testDescription: String { name }
}

let logCases: [LogCase] = [
    LogCase(
        name: "combined log format",
        line:
            #"203.0.113.7 - C100234 [02/Oct/2026:14:33:10 +0000] "GET /products/espresso-machine-x2 HTTP/1.1" 200 5123 "https://www.google.com/" "Mozilla/5.0 (X11; Linux)""#,
        expected:
            #"{"remote_host":"203.0.113.7","ident":null,"user":"C100234","time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/products/espresso-machine-x2","protocol":"HTTP/1.1","status":200,"bytes":5123,"referer":"https://www.google.com/","user_agent":"Mozilla/5.0 (X11; Linux)"}"#
    ),
    LogCase(
        name: "common log format: referer and user agent null",
        line: #"10.0.0.1 - - [02/Oct/2026:14:33:10 +0000] "POST /cart HTTP/1.0" 302 0"#,
        expected:
            #"{"remote_host":"10.0.0.1","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"POST","path":"/cart","protocol":"HTTP/1.0","status":302,"bytes":0,"referer":null,"user_agent":null}"#
    ),
    LogCase(
        name: "dashes are null, request of - has no method",
        line: #"10.0.0.1 - - [02/Oct/2026:14:33:10 +0000] "-" 408 - "-" "-""#,
        expected:
            #"{"remote_host":"10.0.0.1","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":null,"path":null,"protocol":null,"status":408,"bytes":null,"referer":null,"user_agent":null}"#
    ),
    LogCase(
        name: "escaped quotes and backslashes in quoted fields",
        line:
            #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET /search?q=\"x\" HTTP/1.1" 200 10 "-" "agent \\ \"quoted\"""#,
        expected:
            #"{"remote_host":"1.2.3.4","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/search?q=\"x\"","protocol":"HTTP/1.1","status":200,"bytes":10,"referer":null,"user_agent":"agent \\ \"quoted\""}"#
    ),
    LogCase(
        name: "HTTP/0.9 style request without protocol, leading zeros in bytes",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET /" 200 0042"#,
        expected:
            #"{"remote_host":"1.2.3.4","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/","protocol":null,"status":200,"bytes":42,"referer":null,"user_agent":null}"#
    ),
    LogCase(name: "not a log line", line: "hello world", expected: "%%FAIL malformed_input"),
    LogCase(
        name: "status not three digits",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 20 1"#, expected: "%%FAIL malformed_input"),
    LogCase(
        name: "missing closing bracket",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000 "GET / HTTP/1.1" 200 1"#, expected: "%%FAIL malformed_input"),
    LogCase(
        name: "unterminated request quote",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1 200 1"#, expected: "%%FAIL malformed_input"),
    LogCase(
        name: "referer without user agent",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 200 1 "-""#,
        expected: "%%FAIL malformed_input"),
    LogCase(
        name: "text after the user agent",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" extra"#,
        expected: "%%FAIL malformed_input"),
    LogCase(
        name: "binary garbage as request",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "\x16\x03\x01 a b c" 400 0"#,
        expected: "%%FAIL malformed_input"),
]

struct CombinedLogFormatTests {
    @Test(arguments: logCases)
    func decodes(_ testCase: LogCase) {
        let run = ingest(["--format", "clf", "--barrier-every", "0"], stdin: testCase.line + "\n")
        if testCase.expected.hasPrefix("%%FAIL ") {
            #expect(run.data.isEmpty)
            #expect(run.deadLetterSummaries == ["\(testCase.expected.dropFirst(7)) 1@0"])
            #expect(run.deadLetters.first?["input"] == .string(testCase.line))
        } else {
            #expect(run.data == [testCase.expected])
            #expect(run.deadLetters.isEmpty)
        }
    }

    @Test func invalidUTF8IsADeadLetter() {
        let line =
            Array(#"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET /"#.utf8) + [0xC3, 0x28]
            + Array(#" HTTP/1.1" 200 1"#.utf8)
        let directory = TemporaryDirectory(files: ["web.log": line + [0x0A]])
        let run = ingest(["--barrier-every", "0", "\(directory.path)/web.log"])
        #expect(run.deadLetterSummaries == ["invalid_utf8 1@0"])
    }
}
