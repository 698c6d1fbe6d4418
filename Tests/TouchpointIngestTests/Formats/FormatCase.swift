import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON

/// One line of a line-oriented format and what ingest must make of it: the data as JSON text, or `%%FAIL <reason>`
/// for a dead letter (optionally `%%FAIL <reason>: <detail>`).
struct FormatCase: CustomTestStringConvertible, Sendable {
    let name: String
    let line: String
    let expected: String
    /// `KEY=VALUE` format options.
    var options: [String] = []

    var testDescription: String { name }

    /// Decodes the line with `format` at several read chunk sizes and checks the outcome.
    func check(_ format: any RecordFormat.Type) throws {
        for chunkSize in [1, 7, .max] {
            let run = try ingest(
                stdin: line + "\n", format: format.init(options: formatOptions(options)), chunkSize: chunkSize)
            #expect(run.status == .success)
            if expected.hasPrefix("%%FAIL ") {
                let failure = expected.dropFirst(7)
                let reason = failure.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                #expect(run.data.isEmpty, "chunk size \(chunkSize)")
                #expect(run.deadLetterSummaries == ["\(reason) 1@0"], "chunk size \(chunkSize)")
                #expect(run.deadLetters.first?["input"] == .string(line))
                if let colon = failure.firstIndex(of: ":") {
                    let detail = failure[failure.index(after: colon)...].drop { $0 == " " }
                    #expect(run.deadLetters.first?["detail"] == .string(String(detail)))
                }
            } else {
                #expect(run.data == [expected], "chunk size \(chunkSize)")
                #expect(run.deadLetters.isEmpty, "chunk size \(chunkSize)")
            }
        }
    }
}
