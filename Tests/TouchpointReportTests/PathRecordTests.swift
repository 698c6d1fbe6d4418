import Foundation
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointReport
import TouchpointTesting

/// `touchpoint paths`: the records match docs/CONTRACT.md, come sorted, and count what the input holds.
@Suite struct PathRecordTests {
    static func paths(_ input: String) -> [JSONValue] {
        let (io, output, _) = StageIO.memory(input: input)
        #expect(ReportCommand.run(["paths", "-"], io: io) == .success)
        return output.text.split(separator: "\n").compactMap { try? JSONParser.parseValue(String($0)) }
    }

    @Test func recordsMatchTheContractTable() throws {
        let schema = try ContractSchema()
        #expect(schema.fieldsByKind["path"]?.map(\.name) == PathRecord.fieldNames)
        let records = Self.paths(ReportPageTests.stream.text)
        #expect(!records.isEmpty)
        for record in records {
            #expect(
                schema.violations(of: record, kind: "path").isEmpty, "\(schema.violations(of: record, kind: "path"))")
        }
    }

    @Test func recordsAreSortedAndCountTheOutcomes() throws {
        let stream = ReportPageTests.stream
        let records = Self.paths(stream.text)
        let keys = records.map {
            (
                $0["segment"]!.stringValue!, -$0["count"]!.intValue!,
                $0["path"]!.arrayValue!.compactMap(\.stringValue).joined(separator: "\u{1}")
            )
        }
        #expect(
            keys.map { "\($0)" }
                == keys.sorted { a, b in
                    a.0 != b.0 ? a.0 < b.0 : a.1 != b.1 ? a.1 < b.1 : a.2 < b.2
                }.map { "\($0)" })
        // Promoter and detractor answers need no history: count them per segment and path straight from the input.
        var promoters: [String: Int] = [:]
        var detractors: [String: Int] = [:]
        for event in stream.events {
            guard let customer = event["customer"]?.objectValue else { continue }
            let segment = customer["segment"]?.stringValue ?? "tier:" + customer["tier"]!.stringValue!
            let steps = (customer["last_touchpoints"]?.arrayValue ?? []).compactMap(\.stringValue).dropLast().suffix(3)
            let key = segment + " " + steps.joined(separator: ",")
            switch event["score"]?["nps_class"]?.stringValue {
            case "promoter"?: promoters[key, default: 0] += 1
            case "detractor"?: detractors[key, default: 0] += 1
            default: break
            }
        }
        var seenPromoters: [String: Int] = [:]
        var seenDetractors: [String: Int] = [:]
        for record in records {
            let path = record["path"]!.arrayValue!.compactMap(\.stringValue).joined(separator: ",")
            let key = record["segment"]!.stringValue! + " " + path
            if let count = record["outcomes"]?["promoter"]?.intValue { seenPromoters[key] = count }
            if let count = record["outcomes"]?["detractor"]?.intValue { seenDetractors[key] = count }
            let total = record["count"]!.intValue!
            let rate = record["favourable_rate"]!.doubleValue!
            #expect(rate >= 0 && rate <= 1 && total > 0)
        }
        #expect(seenPromoters == promoters)
        #expect(seenDetractors == detractors)
    }

    @Test func theSameInputGivesTheSameRecords() {
        let text = ReportPageTests.stream.text
        #expect(JSONWriter.string(.array(Self.paths(text))) == JSONWriter.string(.array(Self.paths(text))))
    }
}
