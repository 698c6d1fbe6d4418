import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

struct TSVFormatTests {
    /// Input, then each record's data; the rules are csv's (CSVFormatTests), so these check the tab and the wiring.
    @Test(arguments: [
        ("id\tcomment\nR-1\tfast, friendly\n", [#"{"id":"R-1","comment":"fast, friendly"}"#]),
        ("a\tb\n\"tab\there\"\t\"two\nlines\"\n", [#"{"a":"tab\there","b":"two\nlines"}"#]),
        ("a\tb\n1\t\n\t2\n", [#"{"a":"1","b":""}"#, #"{"a":"","b":"2"}"#]),
        ("a\tb\nx\\ty\t\\N\n", [#"{"a":"x\\ty","b":"\\N"}"#]),
    ])
    func decodes(input: String, data: [String]) {
        for chunkSize in [1, 5, .max] {
            let run = ingest(["--format", "tsv", "--barrier-every", "0"], stdin: input, chunkSize: chunkSize)
            #expect(run.data == data, "chunk size \(chunkSize)")
            #expect(run.deadLetters.isEmpty)
        }
    }

    @Test func aRowWithTheWrongWidthIsADeadLetter() {
        let run = ingest(["--format", "tsv", "--barrier-every", "0"], stdin: "a\tb\n1\t2\t3\n")
        #expect(run.deadLetterSummaries == ["malformed_input 2@4"])
        #expect(run.deadLetters.first?["source"]?["format"] == "tsv")
    }

    @Test func headerOptionsButNoDelimiter() throws {
        let run = try ingest(
            stdin: "1\t2\n", format: TSVFormat(options: formatOptions(["header=false", "columns=x,y"])))
        #expect(run.data == [#"{"x":"1","y":"2"}"#])
        #expect(throws: UsageError(#"format tsv: unknown option "delimiter" (options: header, columns)"#)) {
            try TSVFormat(options: formatOptions(["delimiter=,"]))
        }
    }

    @Test func tsvFilesAreFoundByExtension() {
        let directory = TemporaryDirectory(texts: ["export.tsv": "a\tb\n1\t2\n"])
        let run = ingest(["--barrier-every", "0", "export.tsv"], workingDirectory: directory.path)
        #expect(run.records.first?["source"]?["format"] == "tsv")
        #expect(run.records.first?["source"]?["name"] == "export")
    }
}
