import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

struct NDJSONFormatTests {
    /// Input line, then the data as JSON text or `%%FAIL <reason>`.
    @Test(arguments: [
        (#"{"a": 1, "b" : [true, null, "x"]}"#, #"{"a":1,"b":[true,null,"x"]}"#),
        (
            #"  {"n":1.50,"big":12345678901234567890,"e":"\u00e9\n"}  "#,
            #"{"n":1.50,"big":12345678901234567890,"e":"\u00e9\n"}"#
        ),
        ("[1,2]", "[1,2]"),
        (#""just a string""#, #""just a string""#),
        ("{\"a\":1", "%%FAIL invalid_json"),
        ("not json", "%%FAIL invalid_json"),
        (#"{"a":1} {"b":2}"#, "%%FAIL invalid_json"),
        (#"{"a":"\x"}"#, "%%FAIL invalid_json"),
    ])
    func decodes(line: String, expected: String) {
        let run = ingest(["--barrier-every", "0"], stdin: line + "\n")
        if expected.hasPrefix("%%FAIL ") {
            #expect(run.data.isEmpty)
            #expect(run.deadLetterSummaries == ["\(expected.dropFirst(7)) 1@0"])
            #expect(run.deadLetters.first?["input"] == .string(line))
            #expect(run.deadLetters.first?["stage"] == "ingest")
        } else {
            #expect(run.data == [expected])
        }
    }

    @Test func invalidUTF8KeepsTheOriginalBytes() {
        let directory = TemporaryDirectory(files: [
            "x.ndjson": Array("{\"a\":\"".utf8) + [0xFF] + Array("\"}\n{}\n".utf8)
        ])
        let run = ingest(["--barrier-every", "0", "\(directory.path)/x.ndjson"])
        #expect(run.data == ["{}"])
        #expect(run.deadLetterSummaries == ["invalid_utf8 1@0"])
        #expect(run.deadLetters.first?["input_base64"] == "eyJhIjoi/yJ9")
    }

    @Test func blankLinesAreCountedApart() {
        let run = ingest(["--barrier-every", "0"], stdin: "{}\n\n \t\n{}\n")
        #expect(run.records.count == 2)
        #expect(run.positions == ["1@0", "4@7"])
        #expect(
            run.diagnostics.last
                == "ingest: note: counts: in=2 out=2 dead_lettered=0 filtered=0 written=2 blank_lines=2")
    }
}
