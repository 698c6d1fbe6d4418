import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// docs/CONTRACT.md's tables for the `profile` member and its `matched_by` against what the stage writes.
struct ProfileSchemaTests {
    @Test func everyShapeOfProfileMatchesTheTables() throws {
        let schema = try ContractSchema()
        let traits: [(String, String)] = [
            ("first_name", "Smith"), ("last_name", "Anna"), ("birthday", "1985-03-12"), ("postal_code", "SW1A 1AA"),
            ("country", "GB"),
        ]
        let run = resolve([
            person(
                "e1", ids: [("customer_id", "C1"), ("email", "family@example.com")],
                traits: [("name", "Anna Smith"), ("birthday", "1985-03-12")]),
            person("e2", ids: [("customer_id", "C2"), ("email", "family@example.com")], traits: []),
            person("e3", traits: traits),
        ])
        let profiles = run.profiles.compactMap { $0 }
        #expect(profiles.count == 3)
        #expect(profiles[1]["conflicts"] != nil)
        #expect(profiles[2]["matched_by"]?["swapped"] == true)
        for profile in profiles {
            #expect(schema.violations(of: profile, kind: "profile").isEmpty, "\(profile)")
            #expect(schema.violations(of: profile["matched_by"]!, kind: "matched_by").isEmpty, "\(profile)")
        }
        for review in run.reviews {
            #expect(schema.violations(of: review, kind: "review").isEmpty, "\(review)")
        }
        #expect(!run.reviews.isEmpty)
    }
}
