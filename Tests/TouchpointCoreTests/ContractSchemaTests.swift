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
}
