import Foundation
import Glibc
import Testing
import TouchpointJSON
import TouchpointTesting

/// `touchpoint run --status-dir DIR --metrics-listen 127.0.0.1:0` on real stages: `touchpoint status DIR` shows
/// every stage's figures, and both DIR/touchpoint.prom and a scrape of the port parse with the Prometheus project's
/// own Python parser (prometheus_client, which .ci/run installs) into the same figures.
@Suite(.serialized)
struct StatusAndMetricsTests {
    static func statusValue(_ directory: TemporaryDirectory) -> JSONValue? {
        directory.bytes("st/status.json").flatMap { try? JSONParser.parseValue($0) }
    }

    static func stage(_ status: JSONValue?, _ name: String) -> JSONValue? {
        status?["stages"]?.arrayValue?.first { $0["stage"]?.stringValue == name }
    }

    /// Every sample of the metrics file as `name{labels} value`, parsed by prometheus_client.
    static func parsedMetrics(_ path: String) throws -> [String] {
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for sample in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                    print(f"{sample.name}{{{labels}}} {sample.value:g}")
            """
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path])
        try #require(result.status == 0, "prometheus_client could not parse it (.ci/run installs it): \(result.errors)")
        return result.output.split(separator: "\n").map(String.init)
    }

    /// A scrape of `url` by Python's HTTP client, parsed by prometheus_client like the file: the Content-Type line
    /// first, then the samples, then the status another path gets.
    static func scrapedMetrics(_ url: String) throws -> (contentType: String, samples: [String], otherPath: String) {
        let script = """
            import sys, urllib.request, urllib.error
            from prometheus_client.parser import text_string_to_metric_families
            with urllib.request.urlopen(sys.argv[1], timeout=60) as response:
                print(response.status, response.headers["Content-Type"])
                text = response.read().decode("utf-8")
            for family in text_string_to_metric_families(text):
                for sample in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                    print(f"{sample.name}{{{labels}}} {sample.value:g}")
            try:
                urllib.request.urlopen(sys.argv[1].replace("/metrics", "/status"), timeout=60)
                print("other 200")
            except urllib.error.HTTPError as error:
                print("other", error.code)
            """
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, url])
        try #require(result.status == 0, "the scrape failed: \(result.errors)")
        var lines = result.output.split(separator: "\n").map(String.init)
        let contentType = lines.isEmpty ? "" : lines.removeFirst()
        let otherPath = lines.popLast() ?? ""
        return (contentType, lines, otherPath)
    }

    @Test func statusAndMetricsShowEveryStageAsItRunsAndAfterItEnds() throws {
        let directory = try TemporaryDirectory()
        let sample = BuiltProducts.repository.appendingPathComponent("pipelines/sample/segment.ndjson").path
        try directory.write("segment.ndjson", try String(contentsOfFile: sample, encoding: .utf8))
        try directory.write(
            "main.pipeline", "ingest --follow --state state segment.ndjson\nnormalize --state state --commit\n")
        let child = try ChildProcess(
            BuiltProducts.executable("touchpoint"),
            [
                "run", directory.path + "/main.pipeline", "--status-dir", directory.path + "/st", "--output",
                directory.path + "/out.ndjson", "--metrics-listen", "127.0.0.1:0",
            ], isInputNull: true)
        // A failed `#require` must not leave the following pipeline running after the test.
        defer {
            if child.process.isRunning {
                child.signal(SIGTERM)
                child.finish(seconds: 10)
            }
        }
        // The sample is read at once; then the stages sit idle, following, and keep reporting.
        let lines = sampleLineCount(sample)
        // Caught up: ingest has read every line, and normalize every line ingest wrote (records and barriers).
        let isCaughtUp = child.waitUntil(seconds: 60) { _ in
            let status = Self.statusValue(directory)
            let written = Self.stage(status, "ingest")?["written"]?.intValue
            return Self.stage(status, "ingest")?["in"]?.intValue == lines
                && Self.stage(status, "normalize")?["in"]?.intValue == written
        }
        #expect(isCaughtUp, "\(String(decoding: directory.bytes("st/status.json") ?? [], as: UTF8.self))")
        let running = try ChildProcess.run(BuiltProducts.executable("touchpoint"), ["status", directory.path + "/st"])
        #expect(running.status == 0, "\(running.errors)")
        let rows = running.output.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("touchpoint: pid \(child.process.processIdentifier), pipeline ") == true)
        #expect(rows.contains { $0.hasPrefix("ingest ") && $0.contains(" running ") && $0.contains(" \(lines) ") })
        #expect(rows.contains { $0.hasPrefix("normalize ") && $0.contains(" running ") }, "\(running.output)")

        let metrics = try Self.parsedMetrics(directory.path + "/st/touchpoint.prom")
        let status = Self.statusValue(directory)
        #expect(metrics.contains("touchpoint_stage_up{stage=ingest} 1"), "\(metrics)")
        #expect(metrics.contains("touchpoint_stage_records_in_total{stage=ingest} \(lines)"), "\(metrics)")
        let ingestWritten = Self.stage(status, "ingest")?["written"]?.intValue ?? -1
        #expect(metrics.contains("touchpoint_stage_lines_written_total{stage=ingest} \(ingestWritten)"))
        #expect(metrics.contains("touchpoint_restarts_total{} 0"))

        // The port serves the file's text: written at the same moments, so a scrape between two equal reads of the
        // file is that file (a rewrite in between, which changes the figures, is tried again).
        let serving = "touchpoint: note: serving metrics on "
        let url = try #require(
            child.errors.split(separator: "\n").first { $0.contains(serving) }.map {
                String($0.components(separatedBy: serving)[1])
            }, "\(child.errors)")
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/metrics"), "\(url)")
        var scrape = try Self.scrapedMetrics(url)
        var isCompared = false
        for _ in 0..<10 where !isCompared {
            let before = try Self.parsedMetrics(directory.path + "/st/touchpoint.prom")
            scrape = try Self.scrapedMetrics(url)
            if before == (try Self.parsedMetrics(directory.path + "/st/touchpoint.prom")) {
                #expect(scrape.samples == before)
                isCompared = true
            }
        }
        #expect(isCompared, "the file changed between every two reads")
        #expect(scrape.contentType == "200 text/plain; version=0.0.4; charset=utf-8")
        #expect(scrape.samples.contains("touchpoint_stage_records_in_total{stage=ingest} \(lines)"))
        #expect(scrape.otherPath == "other 404")

        child.signal(SIGTERM)
        #expect(child.finish().status == 0, "\(child.errors)")
        let ended = try ChildProcess.run(BuiltProducts.executable("touchpoint"), ["status", directory.path + "/st"])
        #expect(ended.output.contains("exited with status 0"), "\(ended.output)")
        let final = Self.statusValue(directory)
        // The closing counts are the final figures: the same as the stages' own count notes.
        for stage in ["ingest", "normalize"] {
            let note = child.errors.split(separator: "\n").first {
                $0.contains("Z \(stage): note: counts: in=")
            }
            let counted = note.flatMap { $0.split(separator: " ").first { $0.hasPrefix("in=") } }
            #expect(
                counted == "in=\(Self.stage(final, stage)?["in"]?.intValue ?? -1)", "\(stage): \(String(note ?? ""))")
        }
        #expect(final?["committed_barrier"]?.intValue == Self.stage(final, "normalize")?["barrier"]?.intValue)
        #expect(!child.errors.contains(": status: "), "status lines must not reach the log")
    }

    private func sampleLineCount(_ path: String) -> Int {
        (FileManager.default.contents(atPath: path) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
