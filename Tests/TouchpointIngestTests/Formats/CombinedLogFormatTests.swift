import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

let logCases: [FormatCase] = [
    FormatCase(
        name: "combined log format",
        line:
            #"203.0.113.7 - C100234 [02/Oct/2026:14:33:10 +0000] "GET /products/espresso-machine-x2 HTTP/1.1" 200 5123 "https://www.google.com/" "Mozilla/5.0 (X11; Linux)""#,
        expected:
            #"{"remote_host":"203.0.113.7","ident":null,"user":"C100234","time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/products/espresso-machine-x2","protocol":"HTTP/1.1","status":200,"bytes":5123,"referer":"https://www.google.com/","user_agent":"Mozilla/5.0 (X11; Linux)"}"#
    ),
    FormatCase(
        name: "common log format: referer and user agent null",
        line: #"10.0.0.1 - - [02/Oct/2026:14:33:10 +0000] "POST /cart HTTP/1.0" 302 0"#,
        expected:
            #"{"remote_host":"10.0.0.1","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"POST","path":"/cart","protocol":"HTTP/1.0","status":302,"bytes":0,"referer":null,"user_agent":null}"#
    ),
    FormatCase(
        name: "dashes are null, request of - has no method",
        line: #"10.0.0.1 - - [02/Oct/2026:14:33:10 +0000] "-" 408 - "-" "-""#,
        expected:
            #"{"remote_host":"10.0.0.1","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":null,"path":null,"protocol":null,"status":408,"bytes":null,"referer":null,"user_agent":null}"#
    ),
    FormatCase(
        name: "escaped quotes and backslashes in quoted fields",
        line:
            #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET /search?q=\"x\" HTTP/1.1" 200 10 "-" "agent \\ \"quoted\"""#,
        expected:
            #"{"remote_host":"1.2.3.4","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/search?q=\"x\"","protocol":"HTTP/1.1","status":200,"bytes":10,"referer":null,"user_agent":"agent \\ \"quoted\""}"#
    ),
    FormatCase(
        name: "HTTP/0.9 style request without protocol, leading zeros in bytes",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET /" 200 0042"#,
        expected:
            #"{"remote_host":"1.2.3.4","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/","protocol":null,"status":200,"bytes":42,"referer":null,"user_agent":null}"#
    ),
    FormatCase(name: "not a log line", line: "hello world", expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "status not three digits",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 20 1"#, expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "missing closing bracket",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000 "GET / HTTP/1.1" 200 1"#, expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "unterminated request quote",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1 200 1"#, expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "one quoted field after bytes: common format with an extra field",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 200 1 "-""#,
        expected:
            #"{"remote_host":"1.2.3.4","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/","protocol":"HTTP/1.1","status":200,"bytes":1,"referer":null,"user_agent":null,"extra":["-"]}"#
    ),
    FormatCase(
        name: "text after the user agent is an extra field",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" extra"#,
        expected:
            #"{"remote_host":"1.2.3.4","ident":null,"user":null,"time":"02/Oct/2026:14:33:10 +0000","method":"GET","path":"/","protocol":"HTTP/1.1","status":200,"bytes":1,"referer":null,"user_agent":"ua","extra":["extra"]}"#
    ),
    FormatCase(
        name: "nginx $request_time $upstream_response_time \"$http_x_forwarded_for\" (real nginx 1.22 line)",
        line:
            #"127.0.0.1 - - [02/Dec/2026:10:24:42 +0000] "POST /cart HTTP/1.1" 302 145 "-" "curl/7.88.1" 0.000 - "198.51.100.4, 10.0.0.2""#,
        expected:
            #"{"remote_host":"127.0.0.1","ident":null,"user":null,"time":"02/Dec/2026:10:24:42 +0000","method":"POST","path":"/cart","protocol":"HTTP/1.1","status":302,"bytes":145,"referer":null,"user_agent":"curl/7.88.1","extra":["0.000","-","198.51.100.4, 10.0.0.2"]}"#
    ),
    FormatCase(
        name: "nginx escapes stay as written; extra quoted fields are unescaped like the others",
        line:
            #"127.0.0.1 - - [02/Dec/2026:10:24:42 +0000] "GET /api/stock?sku=X2 HTTP/1.1" 200 11 "-" "agent with \x22quotes\x22" 0.000 0.000 "a \"b\"""#,
        expected:
            #"{"remote_host":"127.0.0.1","ident":null,"user":null,"time":"02/Dec/2026:10:24:42 +0000","method":"GET","path":"/api/stock?sku=X2","protocol":"HTTP/1.1","status":200,"bytes":11,"referer":null,"user_agent":"agent with \\x22quotes\\x22","extra":["0.000","0.000","a \"b\""]}"#
    ),
    FormatCase(
        name: "common log format with $request_time",
        line:
            #"127.0.0.1 - C100234 [02/Dec/2026:10:24:42 +0000] "GET /products/espresso-machine-x2 HTTP/1.1" 200 3 0.000"#,
        expected:
            #"{"remote_host":"127.0.0.1","ident":null,"user":"C100234","time":"02/Dec/2026:10:24:42 +0000","method":"GET","path":"/products/espresso-machine-x2","protocol":"HTTP/1.1","status":200,"bytes":3,"referer":null,"user_agent":null,"extra":["0.000"]}"#
    ),
    FormatCase(
        name: "an extra quoted field not closed",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" "open"#,
        expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "binary garbage as request",
        line: #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "\x16\x03\x01 a b c" 400 0"#,
        expected: "%%FAIL malformed_input"),
]

struct CombinedLogFormatTests {
    @Test(arguments: logCases)
    func decodes(_ testCase: FormatCase) throws {
        try testCase.check(CombinedLogFormat.self)
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
