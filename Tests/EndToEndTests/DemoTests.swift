import Foundation
import Testing
import TouchpointJSON
import TouchpointTesting

/// The bundled sample through all five stages as real processes: the issue's definition of done.
@Suite(.serialized)
struct DemoTests {
    static let pipelines = BuiltProducts.repository.appendingPathComponent("pipelines")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("golden/demo-decisions.ndjson")

    /// Runs the demo pipeline file's stages as a bash pipeline of the built binaries, in pipelines/.
    static func runPipeline() throws -> (status: Int32, output: String, errors: String) {
        let stages = try String(contentsOf: pipelines.appendingPathComponent("demo.pipeline"), encoding: .utf8)
            .replacingOccurrences(of: "\\\n", with: " ")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(stages.count == 5)
        // Each stage line is a fixture of ours without quotes; bash gets it as text, the binaries' directory as $0.
        let script = "set -o pipefail; cd \"$1\"; " + stages.map { "\"$0\"/\($0)" }.joined(separator: " | ")
        return try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", script, BuiltProducts.directory.path, pipelines.path])
    }

    static func records(_ output: String) -> [JSONValue] {
        output.split(separator: "\n").compactMap { try? JSONParser.parseValue(String($0)) }
    }

    @Test func demoRaisesExactlyThePlantedAlerts() throws {
        let result = try Self.runPipeline()
        #expect(result.status == 0, "stderr:\n\(result.errors)")
        let alerts = Self.records(result.output).filter { $0["kind"] == "alert" }
        let truth = Self.records(
            try String(contentsOf: Self.pipelines.appendingPathComponent("sample/ground-truth.ndjson"), encoding: .utf8)
        )
        let planted = truth.filter { $0["kind"] == "planted_alert" }
        #expect(!planted.isEmpty)
        #expect(alerts.count == planted.count, "alerts: \(alerts.map { $0["rule"] ?? nil })")
        var unmatched = alerts
        for plant in planted {
            let rule = plant["rule"]?.stringValue ?? ""
            let refs = Set(
                (plant["refs"]?.arrayValue ?? []).map {
                    "\($0["source"]?.stringValue ?? ""):\($0["ref"]?.stringValue ?? "")"
                })
            // The alert's evidence is records of the incident: all of them for the detractor, contact and post
            // rules, the record whose figures crossed or missed for the others (which, can depend on arrival order).
            guard
                let index = unmatched.firstIndex(where: { alert in
                    let evidence = Set((alert["evidence"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
                    return alert["rule"]?.stringValue == rule && !evidence.isEmpty && evidence.isSubset(of: refs)
                })
            else {
                Issue.record(
                    "planted \(rule) for \(plant["person"]?.stringValue ?? "?") with \(refs.sorted()) was not raised")
                continue
            }
            unmatched.remove(at: index)
        }
        #expect(unmatched.isEmpty, "alerts nobody planted: \(unmatched)")
    }

    @Test func decisionsMatchTheGoldenFileAndEveryEventMatchesTheContract() throws {
        let result = try Self.runPipeline()
        #expect(result.status == 0)
        let records = Self.records(result.output)
        #expect(records.count == result.output.split(separator: "\n").count, "every output line is JSON")
        // The full output is megabytes; the golden file holds the decisions: merges, alerts, and per-kind counts.
        var kinds: [String: Int] = [:]
        var decisions = ""
        for (record, line) in zip(records, result.output.split(separator: "\n")) {
            let kind = record["kind"]?.stringValue ?? "?"
            kinds[kind, default: 0] += 1
            if kind == "merge" || kind == "alert" { decisions += line + "\n" }
        }
        decisions +=
            JSONWriter.string(.object(JSONObject(kinds.keys.sorted().map { (key: $0, value: .int(kinds[$0]!)) })))
            + "\n"
        if let difference = GoldenFile.check(decisions, against: Self.golden) { Issue.record("\(difference)") }

        let schema = try ContractSchema()
        var violations: [String] = []
        for record in records where record["kind"] == "event" {
            violations += schema.violations(of: record).map { "\(record["id"]?.stringValue ?? "?"): \($0)" }
        }
        #expect(violations.isEmpty, "\(violations.prefix(10))")
        for stage in ["ingest", "normalize", "resolve-identity", "score", "alert"] {
            #expect(result.errors.contains("\(stage): note: counts: "), "no counts from \(stage)")
        }
        #expect(!result.errors.contains("do not reconcile"))
    }

    @Test func twoRunsAreByteIdentical() throws {
        let first = try Self.runPipeline()
        let second = try Self.runPipeline()
        #expect(first.output == second.output)
        #expect(first.output.count > 1_000_000)
        let demoFirst = try ChildProcess.run(BuiltProducts.executable("touchpoint"), ["demo"])
        let demoSecond = try ChildProcess.run(BuiltProducts.executable("touchpoint"), ["demo"])
        #expect(demoFirst.status == 0, "stderr:\n\(demoFirst.errors)")
        #expect(demoFirst.output == demoSecond.output)
        #expect(demoFirst.output.contains("detractor-after-purchase"))
    }
}
