import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// Lines as real programs wrote them: rsyslog 8.2302 on Debian 12 (RSYSLOG_TraditionalFileFormat, its default
/// high-precision RSYSLOG_FileFormat, RSYSLOG_SyslogProtocol23Format), and util-linux `logger` 2.38 sending to a
/// socket with `--rfc3164` and `--rfc5424`.
let syslogCases: [FormatCase] = [
    FormatCase(
        name: "rsyslog traditional file line",
        line: "Dec  2 10:24:23 vm sshd[12570]: Accepted publickey for anna from 203.0.113.7 port 51234 ssh2",
        expected:
            #"{"rfc":3164,"facility":null,"severity":null,"timestamp":"Dec  2 10:24:23","host":"vm","app":"sshd","procid":"12570","msgid":null,"structured_data":null,"message":"Accepted publickey for anna from 203.0.113.7 port 51234 ssh2"}"#
    ),
    FormatCase(
        name: "rsyslog high-precision file line (Debian's default)",
        line: "2026-12-02T10:24:23.748042+00:00 vm CRON[12572]: (root) CMD (command -v debian-sa1 > /dev/null)",
        expected:
            #"{"rfc":3164,"facility":null,"severity":null,"timestamp":"2026-12-02T10:24:23.748042+00:00","host":"vm","app":"CRON","procid":"12572","msgid":null,"structured_data":null,"message":"(root) CMD (command -v debian-sa1 > /dev/null)"}"#
    ),
    FormatCase(
        name: "tag without pid, message keeps its inner spaces and rsyslog's #011",
        line: "Dec  2 10:24:23 vm sudo:     anna : TTY=pts/0 ;#011USER=root",
        expected:
            #"{"rfc":3164,"facility":null,"severity":null,"timestamp":"Dec  2 10:24:23","host":"vm","app":"sudo","procid":null,"msgid":null,"structured_data":null,"message":"    anna : TTY=pts/0 ;#011USER=root"}"#
    ),
    FormatCase(
        name: "kernel tag",
        line: "2026-12-02T10:24:23+00:00 vm kernel: [12345.678901] usb 1-1: device descriptor read/64, error -71",
        expected:
            #"{"rfc":3164,"facility":null,"severity":null,"timestamp":"2026-12-02T10:24:23+00:00","host":"vm","app":"kernel","procid":null,"msgid":null,"structured_data":null,"message":"[12345.678901] usb 1-1: device descriptor read/64, error -71"}"#
    ),
    FormatCase(
        name: "no tag: the word after the host starts the message",
        line: "Dec  2 10:24:23 vm shop escaped sd",
        expected:
            #"{"rfc":3164,"facility":null,"severity":null,"timestamp":"Dec  2 10:24:23","host":"vm","app":null,"procid":null,"msgid":null,"structured_data":null,"message":"shop escaped sd"}"#
    ),
    FormatCase(
        name: "logger --rfc3164 with PRI: facility and severity",
        line: "<38>Dec  2 10:24:52 vm sshd[13420]: Accepted publickey for anna",
        expected:
            #"{"rfc":3164,"facility":4,"severity":6,"timestamp":"Dec  2 10:24:52","host":"vm","app":"sshd","procid":"13420","msgid":null,"structured_data":null,"message":"Accepted publickey for anna"}"#
    ),
    FormatCase(
        name: "two-digit day, fraction of a second, path-like tag, no host",
        line: "<131>Dec 12 10:24:52.123 postfix/smtpd[9]: connect from unknown",
        expected:
            #"{"rfc":3164,"facility":16,"severity":3,"timestamp":"Dec 12 10:24:52.123","host":null,"app":"postfix/smtpd","procid":"9","msgid":null,"structured_data":null,"message":"connect from unknown"}"#
    ),
    FormatCase(
        name: "logger --rfc5424 with structured data",
        line:
            #"<131>1 2026-12-02T10:24:52.196358+00:00 vm checkout 13422 ORDER [timeQuality tzKnown="1" isSynced="0"][order@32473 id="O-555" total="129.90"] payment failed: card declined"#,
        expected:
            #"{"rfc":5424,"facility":16,"severity":3,"timestamp":"2026-12-02T10:24:52.196358+00:00","host":"vm","app":"checkout","procid":"13422","msgid":"ORDER","structured_data":{"timeQuality":{"tzKnown":"1","isSynced":"0"},"order@32473":{"id":"O-555","total":"129.90"}},"message":"payment failed: card declined"}"#
    ),
    FormatCase(
        name: "RFC 5424 escapes in values, a repeated name becomes an array",
        line:
            #"<13>1 2026-12-02T10:24:52.216362+00:00 vm shop - - [x@1 v="a\"b\\c\]d" v="second" w="\n"] escapes"#,
        expected:
            #"{"rfc":5424,"facility":1,"severity":5,"timestamp":"2026-12-02T10:24:52.216362+00:00","host":"vm","app":"shop","procid":null,"msgid":null,"structured_data":{"x@1":{"v":["a\"b\\c]d","second"],"w":"\\n"}},"message":"escapes"}"#
    ),
    FormatCase(
        name: "RFC 5424 NILVALUEs everywhere",
        line: "<13>1 - - app - - - nil timestamp and host",
        expected:
            #"{"rfc":5424,"facility":1,"severity":5,"timestamp":null,"host":null,"app":"app","procid":null,"msgid":null,"structured_data":null,"message":"nil timestamp and host"}"#
    ),
    FormatCase(
        name: "RFC 5424 without a message, an element without parameters",
        line: "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473]",
        expected:
            #"{"rfc":5424,"facility":20,"severity":5,"timestamp":"2003-10-11T22:14:15.003Z","host":"mymachine.example.com","app":"evntslog","procid":null,"msgid":"ID47","structured_data":{"exampleSDID@32473":{}},"message":null}"#
    ),
    FormatCase(
        name: "RFC 5424 byte order mark before the message is dropped",
        line: "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \u{FEFF}'su root' failed for lonvick",
        expected:
            #"{"rfc":5424,"facility":4,"severity":2,"timestamp":"2003-10-11T22:14:15.003Z","host":"mymachine.example.com","app":"su","procid":null,"msgid":"ID47","structured_data":null,"message":"'su root' failed for lonvick"}"#
    ),
    FormatCase(
        name: "rsyslog RFC 5424 output keeps the message's leading space",
        line: "<38>1 2026-12-02T10:24:23.744628+00:00 vm sshd 12570 - -  Accepted publickey",
        expected:
            #"{"rfc":5424,"facility":4,"severity":6,"timestamp":"2026-12-02T10:24:23.744628+00:00","host":"vm","app":"sshd","procid":"12570","msgid":null,"structured_data":null,"message":" Accepted publickey"}"#
    ),
    FormatCase(
        name: "rfc=3164 reads a 5424 line as a failure",
        line: "<13>1 - - app - - - x", expected: "%%FAIL malformed_input", options: ["rfc=3164"]),
    FormatCase(
        name: "rfc=5424 wants a PRI",
        line: "Dec  2 10:24:23 vm sshd[1]: x", expected: "%%FAIL malformed_input: expected <PRI> (RFC 5424)",
        options: ["rfc=5424"]),
    FormatCase(name: "PRI over 191", line: "<192>Dec  2 10:24:23 vm x: y", expected: "%%FAIL malformed_input"),
    FormatCase(name: "not syslog", line: "hello world", expected: "%%FAIL malformed_input"),
    FormatCase(name: "month that is not one", line: "Foo  2 10:24:23 vm x: y", expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "SD element not closed", line: #"<13>1 - h a - - [x@1 k="v" hi"#, expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "SD value without quotes", line: "<13>1 - h a - - [x@1 k=v] hi", expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "SD-ID given twice", line: #"<13>1 - h a - - [x@1 k="1"][x@1 k="2"] hi"#,
        expected: "%%FAIL malformed_input: SD-ID x@1 given twice"),
    FormatCase(
        name: "RFC 5424 header field missing", line: "<13>1 2026-12-02T10:24:23Z host",
        expected: "%%FAIL malformed_input"),
    FormatCase(
        name: "RFC 5424 timestamp not RFC 3339", line: "<13>1 yesterday h a - - - x",
        expected: "%%FAIL malformed_input"),
]

struct SyslogFormatTests {
    @Test(arguments: syslogCases)
    func decodes(_ testCase: FormatCase) throws {
        try testCase.check(SyslogFormat.self)
    }

    @Test func invalidUTF8IsADeadLetter() throws {
        let directory = TemporaryDirectory(files: [
            "x.syslog": Array("Dec  2 10:24:23 vm app: caf".utf8) + [0xE9, 0x0A]
        ])
        let run = ingest(["--barrier-every", "0", "\(directory.path)/x.syslog"])
        #expect(run.deadLetterSummaries == ["invalid_utf8 1@0"])
    }

    @Test(arguments: [
        (["rfc=1234"], "format syslog: option rfc: \"1234\" is not one of 3164, 5424, auto"),
        (["delimiter=;"], "format syslog: unknown option \"delimiter\" (options: rfc)"),
    ])
    func badOptionsAreUsageErrors(options: [String], message: String) throws {
        #expect(throws: UsageError(message)) { try SyslogFormat(options: formatOptions(options)) }
    }
}
