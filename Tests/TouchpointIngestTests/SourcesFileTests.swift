import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// `--sources FILE`: a deployment's feeds in one JSON file, read exactly as the same flags would be.
struct SourcesFileTests {
    static let accessLine =
        #"203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /p/1 HTTP/1.1" 200 512 "-" "Mozilla/5.0""# + "\n"

    static func deployment() -> TemporaryDirectory {
        TemporaryDirectory(texts: [
            "deploy/logs/shop.log": accessLine + accessLine,
            "deploy/exports/tickets-2.json": #"{"tickets":[{"t":3}]}"# + "\n",
            "deploy/exports/tickets-1.json": #"{"tickets":[{"t":1},{"t":2}]}"# + "\n",
            "deploy/pos.txt": "S1;9.90\n",
            "deploy/sources.json": """
            {"sources": [
              {"name": "web", "format": "clf", "files": ["logs/shop.log"]},
              {"name": "tickets", "format": "ndjson", "options": {"records": "tickets"},
               "files": ["exports/tickets-*.json"]},
              {"name": "tills", "format": "csv", "options": {"delimiter": ";", "columns": ["store", "amount"],
               "header": false}, "files": ["pos.txt"]}
            ]}
            """,
        ])
    }

    @Test func eachEntryReadsLikeItsFlagsWithPathsRelativeToTheFile() throws {
        let directory = Self.deployment()
        let fromFile = ingest(["--sources", "deploy/sources.json"], workingDirectory: directory.path)
        #expect(fromFile.status == .success, "\(fromFile.errors)")
        let fromFlags = ingest(
            [
                "--source", "web", "--format", "clf", "deploy/logs/shop.log",
                "--source", "tickets", "--format", "ndjson", "--format-option", "records=tickets",
                "deploy/exports/tickets-1.json", "deploy/exports/tickets-2.json",
                "--source", "tills", "--format", "csv", "--format-option", "delimiter=;",
                "--format-option", "columns=store,amount", "--format-option", "header=false", "deploy/pos.txt",
            ], workingDirectory: directory.path)
        #expect(fromFile.lines == fromFlags.lines)
        let sources = fromFile.records.map { "\(text($0["source"]?["name"])) \(text($0["source"]?["file"]))" }
        #expect(
            sources == [
                #""web" "deploy/logs/shop.log""#, #""web" "deploy/logs/shop.log""#,
                #""tickets" "deploy/exports/tickets-1.json""#, #""tickets" "deploy/exports/tickets-1.json""#,
                #""tickets" "deploy/exports/tickets-2.json""#, #""tills" "deploy/pos.txt""#,
            ])
        #expect(fromFile.data.suffix(4) == [#"{"t":1}"#, #"{"t":2}"#, #"{"t":3}"#, #"{"store":"S1","amount":"9.90"}"#])
    }

    /// pipelines/sources.json is the demo's file list as a sources file, and reads exactly as the demo does.
    @Test func theBundledSourcesFileReadsLikeTheDemosFileList() {
        let pipelines = BuiltProducts.repository.appendingPathComponent("pipelines").path
        let fromFile = ingest(["--sources", "sources.json"], workingDirectory: pipelines)
        let fromFlags = ingest(
            [
                "sample/segment.ndjson", "sample/web.log", "sample/pos.csv", "sample/tickets.ndjson",
                "sample/calls.csv", "sample/surveys.csv", "sample/social.ndjson",
            ], workingDirectory: pipelines)
        #expect(fromFile.status == .success)
        #expect(fromFile.records.count > 1000)
        #expect(fromFile.lines == fromFlags.lines)
    }

    @Test func aPatternThatMatchesNoFileIsNamedAndFailsTheRunButTheRestIsRead() throws {
        let directory = Self.deployment()
        try directory.write(
            "deploy/sources.json",
            #"{"sources":[{"format":"clf","files":["logs/*.log","gone/*.log"]}]}"#)
        let run = ingest(["--sources", "deploy/sources.json"], workingDirectory: directory.path)
        #expect(run.status == .failure)
        #expect(run.records.count == 2)
        #expect(run.diagnostics.contains("ingest: error: deploy/gone/*.log: no file matches the pattern"))
    }

    @Test func aQuotedPatternOnTheCommandLineIsMatchedToo() {
        let directory = Self.deployment()
        let run = ingest(["deploy/exports/tickets-*.json"], workingDirectory: directory.path)
        #expect(run.status == .success)
        #expect(run.records.map { text($0["source"]?["name"]) } == [#""tickets-1""#, #""tickets-2""#])
    }

    @Test(arguments: [
        (#"{"sources":[{"format":"clf","files":["a.log"],"path":"x"}]}"#, #"$.sources[0].path: unknown key "path""#),
        (#"{"sources":[{"format":"xml","files":["a.log"]}]}"#, "$.sources[0].format: "),
        (#"{"sources":[{"format":"clf","files":[]}]}"#, "$.sources[0].files: names no file"),
        (#"{"sources":[{"format":"clf"}]}"#, #"$.sources[0]: missing "files" or "listen""#),
        (#"{"sources":[{"format":"syslog","listen":"tcp://192.0.2.1:514"}]}"#, "loopback"),
        (#"{"sources":[]}"#, "$.sources: lists no source"),
        (#"{"sources":[{"format":"csv","options":{"delimiter":{}},"files":["a.csv"]}]}"#, "delimiter: expected"),
        (#"{"sources":[{"format":"csv","options":{"nope":"1"},"files":["a.csv"]}]}"#, #"unknown option "nope""#),
        (#"{"sources":[{"files":["a.unknown"]}]}"#, "cannot tell the format"),
    ])
    func aMistakeIsAUsageErrorThatSaysWhere(file: String, message: String) throws {
        let directory = TemporaryDirectory(texts: ["sources.json": file])
        let run = ingest(["--sources", "sources.json"], workingDirectory: directory.path)
        #expect(run.status == .usage)
        #expect(run.records.isEmpty)
        #expect(run.errors.contains(message), "\(run.errors)")
        if message.hasPrefix("$") { #expect(run.errors.contains("sources.json:1:"), "\(run.errors)") }
    }

    @Test func aMissingSourcesFileIsAUsageError() {
        let directory = TemporaryDirectory(texts: [:])
        let run = ingest(["--sources", "none.json"], workingDirectory: directory.path)
        #expect(run.status == .usage)
        #expect(run.errors.contains("none.json: no such file"), "\(run.errors)")
    }
}
