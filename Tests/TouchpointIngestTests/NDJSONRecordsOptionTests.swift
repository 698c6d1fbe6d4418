import Testing
import TouchpointJSON

/// `--format-option records=PATH`: a JSON document holding an array of records (a webhook body, an API page).
struct NDJSONRecordsOptionTests {
    @Test func anArrayAtThePathIsOneRecordPerElementAndABarrierNeverFallsBetweenThem() {
        let stdin = """
            [{"a":1},{"a":2},{"a":3}]
            {"tickets":[{"t":1},{"t":2}],"next_page":null}
            {"not":"an array"}
            []

            """
        let run = ingest(
            ["--format", "ndjson", "--format-option", "records=.", "--barrier-every", "2", "-"], stdin: stdin)
        #expect(run.status == .success)
        #expect(
            run.data == [
                #"{"a":1}"#, #"{"a":2}"#, #"{"a":3}"#, #"{"tickets":[{"t":1},{"t":2}],"next_page":null}"#,
                #"{"not":"an array"}"#,
            ])
        #expect(run.positions == ["1@0", "1@0", "1@0", "2@26", "3@73"])
        // Every barrier comes after the last record of a line, never between the three of line 1.
        let kinds = run.output.compactMap { $0["kind"]?.stringValue }
        #expect(
            kinds == ["barrier", "record", "record", "record", "barrier", "record", "record", "barrier", "barrier"])
        #expect(run.errors.contains("counts: in=5 out=5"), "\(run.errors)")
    }

    @Test func aMemberPathReadsAnAPIPage() {
        let stdin = #"{"tickets":[{"t":1},{"t":2}],"next_page":null}"# + "\n"
        let run = ingest(["--format", "ndjson", "--format-option", "records=tickets", "-"], stdin: stdin)
        #expect(run.data == [#"{"t":1}"#, #"{"t":2}"#])
    }

    @Test(arguments: ["", "a..b", ".x"])
    func aPathThatIsNoPathIsAUsageError(path: String) {
        let run = ingest(["--format", "ndjson", "--format-option", "records=" + path, "-"], stdin: "")
        #expect(run.status == .usage)
    }
}
