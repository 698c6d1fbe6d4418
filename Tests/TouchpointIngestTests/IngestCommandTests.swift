import Glibc
import Testing
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// A sink whose reader has gone away.
private final class ClosedSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) { throw .downstreamClosed }
}

struct IngestCommandTests {
    @Test func recordEnvelopeHasTheVocabularyShape() {
        let directory = TemporaryDirectory(texts: ["pos.csv": "transaction_id,total\nTX-1,129.90\n"])
        let run = ingest(["--barrier-every", "0", "--received", "2026-11-01T00:00:00Z", "\(directory.path)/pos.csv"])
        #expect(run.status == .success)
        #expect(
            run.output.map(JSONWriter.string) == [
                #"{"kind":"record","source":{"name":"pos","format":"csv","file":"\#(directory.path)/pos.csv","line":2,"offset":21},"received":"2026-11-01T00:00:00.000Z","data":{"transaction_id":"TX-1","total":"129.90"}}"#
            ])
        // The envelope is exactly what Core's IngestRecord reads and writes.
        let record = try? IngestRecord(run.output[0])
        #expect(record?.source.name == "pos")
        #expect(record.map { JSONWriter.string($0.jsonValue) } == JSONWriter.string(run.output[0]))
    }

    @Test func relativePathsResolveAgainstTheWorkingDirectoryAndAreKeptAsGiven() {
        let directory = TemporaryDirectory(texts: ["tickets.ndjson": "{\"ticket_id\":\"T-1\"}\n"])
        let run = ingest(["--barrier-every", "0", "tickets.ndjson"], workingDirectory: directory.path)
        #expect(
            run.records.first?["source"] == [
                "name": "tickets", "format": "ndjson", "file": "tickets.ndjson", "line": 1, "offset": 0,
            ])
    }

    @Test func sourceAndFormatApplyToTheFilesAfterThem() {
        let directory = TemporaryDirectory(texts: [
            "a.csv": "x\n1\n", "b.txt": "{\"y\":2}\n", "c.txt": "{\"z\":3}\n", "d.log": "",
        ])
        let path = directory.path
        let run = ingest([
            "--barrier-every", "0", "\(path)/a.csv", "--source", "feed", "--format", "ndjson", "\(path)/b.txt",
            "\(path)/c.txt",
        ])
        #expect(run.status == .success)
        #expect(
            run.records.map { text($0["source"]?["name"]) + " " + text($0["source"]?["format"]) } == [
                #""a" "csv""#, #""feed" "ndjson""#, #""feed" "ndjson""#,
            ])
    }

    @Test(arguments: [
        ("web.log", "web", "clf"), ("pos.csv", "pos", "csv"), ("x.jsonl", "x", "ndjson"), ("x.json", "x", "ndjson"),
        ("web.log.1", "web", "clf"), ("dir/segment.ndjson", "segment", "ndjson"), ("POS.CSV", "POS", "csv"),
    ])
    func defaultsComeFromTheFileName(file: String, source: String, format: String) {
        let contents = [
            "clf": #"1.2.3.4 - - [02/Oct/2026:14:33:10 +0000] "GET / HTTP/1.1" 200 1"#, "csv": "a\n1", "ndjson": "{}",
        ]
        let directory = TemporaryDirectory(texts: [:])
        mkdir("\(directory.path)/dir", 0o700)
        directory.write(file, Array((contents[format]! + "\n").utf8))
        defer {
            unlink("\(directory.path)/\(file)")
            rmdir("\(directory.path)/dir")
        }
        let run = ingest(["--barrier-every", "0", file], workingDirectory: directory.path)
        #expect(run.status == .success)
        #expect(run.records.first?["source"]?["name"] == .string(source))
        #expect(run.records.first?["source"]?["format"] == .string(format))
    }

    @Test func stdinDefaultsToNDJSONFromSourceStdinWithoutAFile() {
        let run = ingest(["--barrier-every", "0"], stdin: "{\"a\":1}\n")
        #expect(run.records.first?["source"] == ["name": "stdin", "format": "ndjson", "line": 1, "offset": 0])
        let named = ingest(["--barrier-every", "0", "--source", "pos", "--format", "csv", "-"], stdin: "a\n1\n")
        #expect(named.records.first?["source"] == ["name": "pos", "format": "csv", "line": 2, "offset": 2])
    }

    @Test func receivedIsTheInjectedClockUnlessFixed() {
        var memory = StageIO.memory(input: "{}\n{}\n")
        var calls: Int64 = 0
        memory.io.now = {
            calls += 1
            return Timestamp(milliseconds: 1_790_000_000_000 + calls)
        }
        #expect(IngestCommand.run(["ingest", "--barrier-every", "0", "--received", "now"], io: memory.io) == .success)
        let received = memory.output.text.split(separator: "\n").compactMap {
            try? JSONParser.parseValue(String($0))["received"]?.stringValue
        }
        #expect(received == ["2026-09-21T14:13:20.001Z", "2026-09-21T14:13:20.002Z"])
    }

    @Test func provenanceOffsetsAreExactAcrossChunkBoundaries() {
        let input = "{\"a\":1}\r\n\n{\"b\":2}\n" + String(repeating: "{\"c\":3}\n", count: 3)
        for chunkSize in [1, 2, 5, .max] {
            let run = ingest(["--barrier-every", "0"], stdin: input, chunkSize: chunkSize)
            #expect(run.positions == ["1@0", "3@10", "4@18", "5@26", "6@34"])
        }
    }

    @Test func barriersEveryNRecordsAndAtEachFileEnd() {
        let directory = TemporaryDirectory(texts: [
            "a.ndjson": "{}\n{}\n{}\nbad\n{}\n", "b.csv": "x\n1\n\"open\n",
        ])
        let run = ingest(["--barrier-every", "2", "a.ndjson", "b.csv"], workingDirectory: directory.path)
        let kinds = run.output.map {
            ($0["kind"]?.stringValue ?? "?") + ($0["id"].map { " \(JSONWriter.string($0))" } ?? "")
        }
        // The stream opens with barrier 1 (nothing read). a: records 1, 2 -> barrier 2; record 3 + dead letter ->
        // barrier 3; record 5 and end of file -> barrier 4. b: record, then a dead letter for the open quote at end
        // of file -> barrier 5 (count 2); end of file: same positions, but b is now done -> barrier 6.
        #expect(
            kinds == [
                "barrier 1", "record", "record", "barrier 2", "record", "barrier 3", "record", "barrier 4", "record",
                "barrier 5", "barrier 6",
            ])
        let positions = run.barriers.map { barrier in
            (barrier["positions"]?.arrayValue ?? []).map { "\($0["source"]?.stringValue ?? "?")@\(text($0["offset"]))" }
        }
        #expect(positions == [[], ["a@6"], ["a@13"], ["a@16"], ["a@16", "b@10"], ["a@16", "b@10"]])
        let statuses = run.barriers.map { barrier in
            (barrier["sources"]?.arrayValue ?? []).map { $0["status"]?.stringValue ?? "?" }
        }
        #expect(
            statuses == [
                ["pending", "pending"], ["reading", "pending"], ["reading", "pending"], ["done", "pending"],
                ["done", "reading"], ["done", "done"],
            ])
        let first = run.barriers[1]["positions"]?.arrayValue?.first
        #expect(first?["file"] == "a.ndjson")
        #expect(first?["device"]?.intValue != nil)
        #expect(first?["inode"]?.intValue != nil)
    }

    @Test func barrierOffsetExcludesARecordStillBeingAssembled() {
        // Stop requested after the first line of a record spanning lines: the barrier points at its start.
        let directory = TemporaryDirectory(texts: ["s.csv": "a\n1\n\"x\ny\"\n"])
        var memory = StageIO.memory(input: "")
        memory.io.workingDirectory = directory.path
        var checks = 0
        memory.io.isStopRequested = {
            checks += 1
            return checks > 3
        }
        let status = IngestCommand.run(["ingest", "--received", "2026-11-01T00:00:00Z", "s.csv"], io: memory.io)
        #expect(status == .success)
        let lines = memory.output.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.last?.contains(#""offset":4,"line":2}"#) == true)
    }

    @Test func barrierEveryZeroMeansNoBarriers() {
        let run = ingest(["--barrier-every", "0"], stdin: "{}\n{}\n")
        #expect(run.barriers.isEmpty)
        let defaultRun = ingest([], stdin: "{}\n")
        #expect(defaultRun.barriers.map { $0["id"] } == [1, 2])
    }

    @Test func anUnreadableFileIsReportedAndTheOthersAreStillRead() {
        let directory = TemporaryDirectory(texts: ["a.ndjson": "{\"a\":1}\n", "c.ndjson": "{\"c\":3}\n"])
        let run = ingest(
            ["--barrier-every", "0", "a.ndjson", "missing.ndjson", "c.ndjson"], workingDirectory: directory.path)
        #expect(run.status == .failure)
        #expect(run.data == [#"{"a":1}"#, #"{"c":3}"#])
        #expect(run.diagnostics.first == "ingest: error: missing.ndjson: No such file or directory")
    }

    @Test func aDirectoryIsAReadErrorNamedByItsPath() {
        let directory = TemporaryDirectory(texts: [:])
        mkdir("\(directory.path)/sub.ndjson", 0o700)
        defer { rmdir("\(directory.path)/sub.ndjson") }
        let run = ingest(["--barrier-every", "0", "sub.ndjson"], workingDirectory: directory.path)
        #expect(run.status == .failure)
        #expect(run.diagnostics.first == "ingest: error: sub.ndjson: Is a directory")
    }

    @Test(arguments: [
        (
            ["--format", "xml"],
            "ingest: error: --format: unknown format \"xml\" (known: ndjson, csv, tsv, clf, syslog, logfmt)"
        ),
        (["data.txt"], "ingest: error: data.txt: cannot tell the format from the file name; give --format"),
        (
            ["--received", "yesterday"],
            "ingest: error: --received: \"yesterday\" is not an RFC 3339 timestamp or \"now\""
        ),
        (
            ["--barrier-every", "-1"],
            "ingest: error: --barrier-every: \"-1\" is not a whole number from 0 to 1000000000"
        ),
        (["-", "-"], "ingest: error: -: stdin given twice"),
        (["--bogus"], "ingest: error: --bogus: unknown option (see --help)"),
        (
            ["--follow"],
            "ingest: error: --follow: name the files to follow; stdin cannot be followed (it ends when its writer does)"
        ),
        (
            ["--follow", "a.ndjson", "-"],
            "ingest: error: --follow: name the files to follow; stdin cannot be followed (it ends when its writer does)"
        ),
        (["--poll", "a.ndjson"], "ingest: error: --poll: only with --follow"),
        (
            ["--listen-public", "a.ndjson"],
            "ingest: error: --listen-public: only with --listen (or a sources file entry that listens)"
        ),
        (["--follow", "logs/*"], "ingest: error: logs/*: cannot tell the format from the pattern; give --format"),
    ])
    func usageErrorsExit2BeforeReading(arguments: [String], message: String) {
        let run = ingest(arguments, stdin: "{}\n")
        #expect(run.status == .usage)
        #expect(run.output.isEmpty)
        #expect(run.diagnostics == [message])
    }

    @Test func overLongLinesAreDeadLettersWithTheirLength() {
        let run = ingest(
            ["--barrier-every", "0", "--max-line-bytes", "16"], stdin: "{\"a\":\"0123456789abcdef\"}\n{}\n")
        #expect(run.data == ["{}"])
        #expect(run.deadLetterSummaries == ["line_too_long 1@0"])
        #expect(run.deadLetters.first?["input_length"] == 24)
    }

    @Test func countsReconcileAndDeadLettersCanGoToAFile() {
        let directory = TemporaryDirectory(texts: [:])
        let run = ingest(
            ["--barrier-every", "0", "--dead-letters", "dead.ndjson"], stdin: "{}\nbad\n\n{}\n",
            workingDirectory: directory.path)
        #expect(
            run.diagnostics == [
                "ingest: note: counts: in=3 out=2 dead_lettered=1 filtered=0 written=2 blank_lines=1 (invalid_json=1)"
            ])
        let descriptor = open("\(directory.path)/dead.ndjson", O_RDONLY)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &buffer, buffer.count)
        close(descriptor)
        unlink("\(directory.path)/dead.ndjson")
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).contains(#""reason":"invalid_json""#))
    }

    @Test func quietLeavesStderrEmpty() {
        let run = ingest(["--quiet"], stdin: "{}\n")
        #expect(run.errors.isEmpty)
    }

    @Test func downstreamClosedIsAQuietSuccessThatStillCounts() {
        let errors = MemorySink()
        let io = StageIO(
            input: MemorySource(String(repeating: "{}\n", count: 100_000)), output: ClosedSink(), errors: errors)
        #expect(IngestCommand.run(["ingest"], io: io) == .success)
        #expect(errors.text.hasPrefix("ingest: note: counts: in="))
        #expect(!errors.text.contains("error"))
    }

    @Test func aStopRequestEndsBetweenRecordsWithABarrier() {
        var memory = StageIO.memory(input: "{}\n{}\n{}\n")
        var checks = 0
        memory.io.isStopRequested = {
            checks += 1
            return checks > 2
        }
        #expect(IngestCommand.run(["ingest", "--received", "2026-11-01T00:00:00Z"], io: memory.io) == .success)
        let lines = memory.output.text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(
            lines.last
                == #"{"kind":"barrier","id":2,"positions":[{"source":"stdin","offset":6,"line":2}],"sources":[{"name":"stdin","status":"reading"}]}"#
        )
    }

    @Test func helpFormatsListsEveryRegisteredFormat() {
        let memory = StageIO.memory(input: "")
        #expect(IngestCommand.run(["ingest", "--help-formats"], io: memory.io) == .success)
        let formatLines = memory.output.text.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(formatLines.map { String($0.split(separator: " ")[0]) } == FormatRegistry.all.map { $0.name })
    }

    @Test func docsFormatsHoldsTheHelpFormatsTextVerbatim() throws {
        let memory = StageIO.memory(input: "")
        _ = IngestCommand.run(["ingest", "--help-formats"], io: memory.io)
        let docs = try BuiltProducts.readRepositoryFile("docs/FORMATS.md")
        #expect(docs.contains(memory.output.text), "docs/FORMATS.md must contain the output of ingest --help-formats")
        for format in FormatRegistry.all {
            #expect(docs.contains("\n## \(format.name)\n"), "docs/FORMATS.md has no section for \(format.name)")
            for option in format.options {
                #expect(
                    docs.contains("`\(option.name)="),
                    "docs/FORMATS.md does not document \(format.name)'s \(option.name)")
            }
        }
    }

    @Test func helpAndVersion() {
        let help = StageIO.memory(input: "")
        #expect(IngestCommand.run(["ingest", "--help"], io: help.io) == .success)
        #expect(help.output.text.hasPrefix("ingest: read raw channel files"))
        let version = StageIO.memory(input: "")
        #expect(IngestCommand.run(["ingest", "--version"], io: version.io) == .success)
        #expect(version.output.text == "ingest \(TouchpointVersion.current)\n")
    }
}
