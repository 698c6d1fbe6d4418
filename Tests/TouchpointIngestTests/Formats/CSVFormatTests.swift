import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// One CSV input and what ingest must make of it: each record's data, each record's `line@offset`, and each dead
/// letter as `reason line@offset`.
struct CSVCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let data: [String]
    var positions: [String]? = nil
    var deadLetters: [String] = []

    var testDescription: String { name }
}

let csvCases: [CSVCase] = [
    CSVCase(
        name: "plain rows in header order, all strings",
        input: "id,total,note\nTX-1,129.90,\nTX-2,5,x\n",
        data: [#"{"id":"TX-1","total":"129.90","note":""}"#, #"{"id":"TX-2","total":"5","note":"x"}"#],
        positions: ["2@14", "3@27"]),
    CSVCase(
        name: "quoted commas and doubled quotes",
        input: "id,comment\nR-1,\"Great, \"\"fast\"\" service\"\n",
        data: [#"{"id":"R-1","comment":"Great, \"fast\" service"}"#]),
    CSVCase(
        name: "embedded newline: one record, position of its first line",
        input: "id,comment\nR-1,\"first\nsecond\"\nR-2,after\n",
        data: [#"{"id":"R-1","comment":"first\nsecond"}"#, #"{"id":"R-2","comment":"after"}"#],
        positions: ["2@11", "4@30"]),
    CSVCase(
        name: "blank line inside a quoted field is content",
        input: "id,comment\nR-1,\"a\n\nb\"\n",
        data: [#"{"id":"R-1","comment":"a\n\nb"}"#]),
    CSVCase(
        name: "CRLF line ends, embedded CRLF becomes LF",
        input: "id,comment\r\nR-1,\"a\r\nb\"\r\nR-2,c\r\n",
        data: [#"{"id":"R-1","comment":"a\nb"}"#, #"{"id":"R-2","comment":"c"}"#],
        positions: ["2@12", "4@24"]),
    CSVCase(
        name: "byte order mark dropped from the header",
        input: "\u{FEFF}id,name\nC1,Anna\n",
        data: [#"{"id":"C1","name":"Anna"}"#],
        positions: ["2@11"]),
    CSVCase(
        name: "column count mismatch is a dead letter, the rest goes on",
        input: "a,b\n1,2,3\n4\n5,6\n",
        data: [#"{"a":"5","b":"6"}"#],
        deadLetters: ["malformed_input 2@4", "malformed_input 3@10"]),
    CSVCase(
        name: "text after a closing quote",
        input: "a,b\n\"x\"y,2\n3,4\n",
        data: [#"{"a":"3","b":"4"}"#],
        deadLetters: ["malformed_input 2@4"]),
    CSVCase(
        name: "unterminated quote at end of file",
        input: "a,b\n1,2\n3,\"open\nmore\n",
        data: [#"{"a":"1","b":"2"}"#],
        deadLetters: ["malformed_input 3@8"]),
    CSVCase(
        name: "quote inside an unquoted field is literal",
        input: "a,b\n5\" screen,ok\n",
        data: [#"{"a":"5\" screen","b":"ok"}"#]),
    CSVCase(
        name: "empty fields, trailing empty field, quoted empty field",
        input: "a,b,c\n,,\n\"\",x,\n",
        data: [#"{"a":"","b":"","c":""}"#, #"{"a":"","b":"x","c":""}"#]),
    CSVCase(
        name: "blank lines between rows are not records",
        input: "a\n\n1\n   \n2\n",
        data: [#"{"a":"1"}"#, #"{"a":"2"}"#],
        positions: ["3@3", "5@9"]),
    CSVCase(
        name: "empty and repeated header names get distinct keys",
        input: "id,,id\n1,2,3\n",
        data: [#"{"id":"1","column_2":"2","id_2":"3"}"#]),
    CSVCase(
        name: "header only: no records",
        input: "a,b\n",
        data: []),
    CSVCase(
        name: "control characters and backslashes are escaped in JSON",
        input: "a\n\"tab\there \\ back\"\n",
        data: [#"{"a":"tab\there \\ back"}"#]),
    CSVCase(
        name: "no newline at end of file",
        input: "a,b\n1,2",
        data: [#"{"a":"1","b":"2"}"#]),
]

struct CSVFormatTests {
    @Test(arguments: csvCases)
    func decodes(_ testCase: CSVCase) {
        for chunkSize in [1, 3, .max] {
            let run = ingest(["--format", "csv", "--barrier-every", "0"], stdin: testCase.input, chunkSize: chunkSize)
            #expect(run.status == .success)
            #expect(run.data == testCase.data, "chunk size \(chunkSize)")
            if let positions = testCase.positions { #expect(run.positions == positions) }
            #expect(run.deadLetterSummaries == testCase.deadLetters)
        }
    }

    @Test func invalidUTF8FieldIsADeadLetterWithBase64Input() {
        let directory = TemporaryDirectory(files: [
            "bad.csv": Array("a,b\n".utf8) + [0x31, 0x2C, 0xFF, 0x0A] + Array("2,3\n".utf8)
        ])
        let run = ingest(["--barrier-every", "0", "\(directory.path)/bad.csv"])
        #expect(run.data == [#"{"a":"2","b":"3"}"#])
        #expect(run.deadLetterSummaries == ["invalid_utf8 2@4"])
        #expect(run.deadLetters.first?["input_base64"] == "MSz/")
        #expect(run.deadLetters.first?["detail"] == "field 2 is not valid UTF-8")
    }

    @Test func aRecordSpanningLinesIsBoundedByMaxLineBytes() {
        let input = "a,b\n1,\"" + String(repeating: "x\n", count: 40) + "\n2,3\n"
        let run = ingest(["--format", "csv", "--barrier-every", "0", "--max-line-bytes", "32"], stdin: input)
        #expect(run.deadLetterSummaries.first == "line_too_long 2@4")
        #expect(run.status == .success)
    }

    @Test func deadLetterOfARecordSpanningLinesHoldsAllItsLines() {
        let run = ingest(["--format", "csv", "--barrier-every", "0"], stdin: "a,b\n1,\"x\ny\"z\n")
        #expect(run.deadLetters.first?["input"] == "1,\"x\ny\"z")
        #expect(run.deadLetters.first?["source"]?["format"] == "csv")
    }
}

/// CSV input read with format options, and each record's data (dead letters as `reason line@offset`).
struct CSVOptionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let options: [String]
    let input: String
    let data: [String]
    var deadLetters: [String] = []

    var testDescription: String { name }
}

let csvOptionCases: [CSVOptionCase] = [
    CSVOptionCase(
        name: "semicolon delimiter (European spreadsheet export), commas are content",
        options: ["delimiter=;"], input: "id;total\nTX-1;129,90\nTX-2;\"5;6\"\n",
        data: [#"{"id":"TX-1","total":"129,90"}"#, #"{"id":"TX-2","total":"5;6"}"#]),
    CSVOptionCase(
        name: "delimiter=tab", options: ["delimiter=tab"], input: "a\tb\n1\t2,3\n",
        data: [#"{"a":"1","b":"2,3"}"#]),
    CSVOptionCase(
        name: "pipe delimiter", options: ["delimiter=|"], input: "a|b\n1|2\n", data: [#"{"a":"1","b":"2"}"#]),
    CSVOptionCase(
        name: "no header, named columns: every line is a row", options: ["header=false", "columns=id,total"],
        input: "TX-1,129.90\nTX-2,5\nTX-3\n",
        data: [#"{"id":"TX-1","total":"129.90"}"#, #"{"id":"TX-2","total":"5"}"#],
        deadLetters: ["malformed_input 3@19"]),
    CSVOptionCase(
        name: "no header, no columns: positional names, any width", options: ["header=false"],
        input: "a,b\nc\nd,e,f\n",
        data: [
            #"{"column_1":"a","column_2":"b"}"#, #"{"column_1":"c"}"#,
            #"{"column_1":"d","column_2":"e","column_3":"f"}"#,
        ]),
    CSVOptionCase(
        name: "columns with empty and repeated names", options: ["header=false", "columns=id,,id"],
        input: "1,2,3\n", data: [#"{"id":"1","column_2":"2","id_2":"3"}"#]),
]

struct CSVOptionTests {
    @Test(arguments: csvOptionCases)
    func decodes(_ testCase: CSVOptionCase) throws {
        for chunkSize in [1, 3, .max] {
            let format = try CSVFormat(options: formatOptions(testCase.options))
            let run = try ingest(stdin: testCase.input, format: format, chunkSize: chunkSize)
            #expect(run.data == testCase.data, "chunk size \(chunkSize)")
            #expect(run.deadLetterSummaries == testCase.deadLetters)
        }
    }

    @Test(arguments: [
        (
            ["delimiter=ab"],
            #"format csv: option delimiter: "ab" is not one ASCII character (other than a quote) or tab"#
        ),
        (
            ["delimiter=\""],
            #"format csv: option delimiter: """ is not one ASCII character (other than a quote) or tab"#
        ),
        (["header=no"], #"format csv: option header: "no" is not true or false"#),
        (["columns=a,b"], "format csv: option columns: needs header=false (the header names them)"),
        (["quote=none"], #"format csv: unknown option "quote" (options: delimiter, header, columns)"#),
    ])
    func badOptionsAreUsageErrors(options: [String], message: String) throws {
        #expect(throws: UsageError(message)) { try CSVFormat(options: formatOptions(options)) }
    }
}
