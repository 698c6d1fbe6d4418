import Foundation
import Testing
import TouchpointJSON
import TouchpointTesting

/// A world written by `touchpoint-gen` through the five stages as real processes, with the channel files given to
/// ingest in two opposite orders: every planted incident raises its alert, no near-miss raises the rule it imitates,
/// and nothing else fires.
@Suite(.serialized)
struct PlantedIncidentPipelineTests {
    /// 200 people: every variant of every rule, two near-misses of each, about 10,000 records.
    static let people = "200"
    static let channelFiles = [
        "segment.ndjson", "web.log", "pos.csv", "tickets.ndjson", "calls.csv", "surveys.csv", "social.ndjson",
    ]

    /// Writes the world into a fresh directory with the generator's executable.
    static func generate() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("planted-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        let result = try ChildProcess.run(
            BuiltProducts.executable("touchpoint-gen"),
            ["--out", directory.path, "--people", people, "--seed", "11"])
        #expect(result.status == 0, "stderr:\n\(result.errors)")
        return directory
    }

    /// ingest (the files in this order) | normalize | resolve-identity | score | alert; the alert lines.
    static func alerts(files: [String], in directory: URL) throws -> [JSONValue] {
        // The binaries' directory is $0 and the files are "$@": no path is ever part of the script's text.
        let script =
            "set -o pipefail; \"$0\"/ingest --received 2026-11-01T00:00:00Z \"$@\" | \"$0\"/normalize"
            + " | \"$0\"/resolve-identity | \"$0\"/score | \"$0\"/alert"
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", script, BuiltProducts.directory.path] + files.map { directory.appendingPathComponent($0).path })
        #expect(result.status == 0, "stderr:\n\(result.errors)")
        return result.output.split(separator: "\n").compactMap { line in
            guard line.contains(#""kind":"alert""#) else { return nil }
            return try? JSONParser.parseValue(String(line))
        }
    }

    /// A `planted_alert` or `near_miss` line of the ground truth.
    struct Incident {
        let rule: String
        let person: String
        let references: Set<String>
    }

    struct GroundTruth {
        var personOfRecord: [String: String] = [:]
        var planted: [Incident] = []
        var nearMisses: [Incident] = []

        init(_ directory: URL) throws {
            let text = try String(
                contentsOf: directory.appendingPathComponent("ground-truth.ndjson"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let record = try JSONParser.parseValue(String(line))
                let kind = record["kind"]?.stringValue
                if kind == "truth" {
                    let key = (record["source"]?.stringValue ?? "") + ":" + (record["ref"]?.stringValue ?? "")
                    personOfRecord[key] = record["person"]?.stringValue
                    continue
                }
                guard kind == "planted_alert" || kind == "near_miss" else { continue }
                let incident = Incident(
                    rule: record["rule"]?.stringValue ?? "", person: record["person"]?.stringValue ?? "",
                    references: Set(
                        (record["refs"]?.arrayValue ?? []).map {
                            ($0["source"]?.stringValue ?? "") + ":" + ($0["ref"]?.stringValue ?? "")
                        }))
                if kind == "planted_alert" { planted.append(incident) } else { nearMisses.append(incident) }
            }
        }

        /// The people whose records an alert quotes as evidence.
        func people(of alert: JSONValue) -> Set<String> {
            Set(evidence(of: alert).compactMap { personOfRecord[$0] })
        }

        func evidence(of alert: JSONValue) -> Set<String> {
            Set((alert["evidence"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
        }
    }

    @Test(arguments: [false, true])
    func everyPlantedIncidentAlertsAndNothingElseDoes(reversed: Bool) throws {
        let directory = try Self.generate()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truth = try GroundTruth(directory)
        let rules = [
            "detractor-after-purchase", "repeat-contact", "negative-social-high-reach", "high-value-experience-drop",
            "call-wait-missed-twice", "churn-risk-rising", "complaint-unresolved",
        ]
        #expect(Set(truth.planted.map(\.rule)) == Set(rules))
        #expect(Set(truth.nearMisses.map(\.rule)) == Set(rules))
        let alerts = try Self.alerts(
            files: reversed ? Self.channelFiles.reversed() : Self.channelFiles, in: directory)

        // A planted incident is raised by an alert of its rule whose evidence is records of the incident.
        var unmatched = alerts
        for plant in truth.planted {
            guard
                let index = unmatched.firstIndex(where: { alert in
                    let evidence = truth.evidence(of: alert)
                    return alert["rule"]?.stringValue == plant.rule && !evidence.isEmpty
                        && evidence.isSubset(of: plant.references)
                })
            else {
                Issue.record("planted \(plant.rule) for \(plant.person) (\(plant.references.sorted())) was not raised")
                continue
            }
            #expect(truth.people(of: unmatched[index]) == [plant.person])
            unmatched.remove(at: index)
        }
        for nearMiss in truth.nearMisses {
            let raised = alerts.filter {
                $0["rule"]?.stringValue == nearMiss.rule && truth.people(of: $0).contains(nearMiss.person)
            }
            #expect(raised.isEmpty, "near-miss \(nearMiss.rule) for \(nearMiss.person) raised \(raised)")
        }
        #expect(
            unmatched.isEmpty,
            "alerts nobody planted: \(unmatched.map { "\($0["rule"]?.stringValue ?? "?") \(truth.people(of: $0))" })")
    }
}
