import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// docs/CONTRACT.md and `Event` must describe the same event.
struct ContractSchemaTests {
    @Test func documentedFieldsAreTheCodesFieldsInWireOrder() throws {
        let schema = try ContractSchema()
        #expect(schema.eventFields.map(\.name) == Event.fieldNames)
    }

    @Test func aFullyPopulatedEventMatchesTheTable() throws {
        let schema = try ContractSchema()
        var event = Event(
            id: "pos:TX-1", time: Timestamp(milliseconds: 1_790_000_000_000),
            received: Timestamp(milliseconds: 1_790_000_100_000),
            source: SourceReference(name: "pos", format: "csv", file: "pos.csv", line: 2, offset: 97),
            channel: "store", type: "purchase", stage: "purchase", ids: JSONObject([("email", "a@example.com")]),
            traits: JSONObject([("name", "Anna")]), text: "thanks", metrics: JSONObject([("amount", 12)]),
            properties: JSONObject([("store_id", "S-1")]))
        event.profile = JSONObject([("id", "p-1")])
        event.score = JSONObject([("experience", 10)])
        event.customer = JSONObject([("events", 1)])
        #expect(schema.violations(of: event.jsonValue).isEmpty)
        #expect(try Event(event.jsonValue) == event)
    }

    @Test func theSchemaCatchesWhatItShould() throws {
        let schema = try ContractSchema()
        let bad: JSONValue = ["kind": "event", "id": 7, "extra": true]
        let problems = schema.violations(of: bad)
        #expect(problems.contains("field \"id\" is number, documented as string"))
        #expect(problems.contains("missing required field \"time\""))
        #expect(problems.contains("undocumented field \"extra\""))
    }

    @Test func aRecordSourceMatchesItsTableForFilesAndForSockets() throws {
        let schema = try ContractSchema()
        #expect(schema.fieldsByKind["record_source"]?.map(\.name) == SourceReference.fieldNames)
        let file = SourceReference(name: "pos", format: "csv", file: "pos.csv", line: 2, offset: 97)
        let socket = SourceReference(
            name: "shop", format: "syslog", listener: "tcp://127.0.0.1:5140", peer: "127.0.0.1:51324", connection: 3,
            line: 12, offset: 1804)
        for source in [file, socket] {
            #expect(schema.violations(of: source.jsonValue, kind: "record_source").isEmpty)
            guard case .object(let object) = source.jsonValue else { continue }
            #expect(SourceReference(object) == source)
            // The byte writer and the value writer agree.
            var written: [UInt8] = []
            source.write(into: &written)
            #expect(String(decoding: written, as: UTF8.self) == JSONWriter.string(source.jsonValue))
        }
    }

    @Test func everyControlAndIdentityKindMatchesItsTable() throws {
        let schema = try ContractSchema()
        let time = Timestamp(milliseconds: 1_790_000_000_000)
        let position = SourcePosition(
            source: "pos", file: "pos.csv", device: 1, inode: 2, fingerprint: "00ff", fingerprintBytes: 10, offset: 9,
            line: 1)
        let records: [(kind: String, names: [String], value: JSONValue)] = [
            (
                "barrier", Barrier.fieldNames,
                Barrier(id: 3, positions: [position], sources: [SourceProgress(name: "pos", status: .done)]).jsonValue
            ),
            ("watermark", WatermarkRecord.fieldNames, WatermarkRecord(time: time, isFinal: true).jsonValue),
            (
                "forget", ForgetRecord.fieldNames,
                ForgetRecord(id: "erase-1", identifier: "email:a@b.c", time: time, profiles: ["p-1"]).jsonValue
            ),
            (
                "review", ReviewRecord.fieldNames,
                ReviewRecord(
                    time: time, reason: "possible_match", event: "e1", profiles: ["p-1", "p-2"],
                    evidence: JSONObject([("score", 7)])
                ).jsonValue
            ),
            (
                "aggregate", AggregateRecord.fieldNames,
                AggregateRecord(
                    windowStart: time, windowEnd: time + .hours(1), group: JSONObject([("channel", "social")]),
                    figures: JSONObject([("volume", 3)]), flags: ["thin"]
                ).jsonValue
            ),
        ]
        for record in records {
            #expect(schema.fieldsByKind[record.kind]?.map(\.name) == record.names, "\(record.kind)")
            #expect(schema.violations(of: record.value, kind: record.kind).isEmpty, "\(record.kind)")
        }
        #expect(try Barrier(records[0].value) == Barrier(records[0].value))
        #expect(try ForgetRecord(records[2].value).profiles == ["p-1"])
    }
}
