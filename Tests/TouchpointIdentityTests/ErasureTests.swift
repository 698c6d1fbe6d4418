import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// `forget` records: the person's identifiers, traits and links leave the state, and the request goes downstream
/// naming every profile id they had (contract §5).
struct ErasureTests {
    private func forget(_ identifier: String, id: String = "erase-1") -> JSONValue {
        ["kind": "forget", "id": .string(id), "identifier": .string(identifier)]
    }

    private let merged = [
        event("e1", second: 0, ids: ["email": "anna@example.com"]),
        event("e2", second: 1, ids: ["phone": "+15550102345"]),
        event("e3", second: 2, ids: ["email": "anna@example.com", "phone": "+15550102345"]),
    ]

    @Test func forgettingByAnyIdentifierNamesEveryProfileAndErasesThem() {
        let run = resolve(
            merged + [forget("phone:+15550102345")] + [event("e4", second: 3, ids: ["email": "anna@example.com"])])
        let forgets = run.records(ofKind: "forget")
        #expect(forgets.count == 1)
        #expect(
            forgets[0]["profiles"] == [
                .string(profileID("email:anna@example.com")), .string(profileID("phone:+15550102345")),
            ])
        // The email is unknown again: a new profile, whose id is not the erased one.
        #expect(run.profiles[3]?["is_new"] == true)
        #expect(run.profileIDs[3] != profileID("email:anna@example.com"))
    }

    @Test func theForgetRecordKeepsItsPlaceAndShape() {
        // The identifier is read as events carry it (trimmed, an email lowercased) and written back as given.
        let run = resolve(merged + [forget("email: ANNA@example.com")])
        let profiles: JSONValue = [
            .string(profileID("email:anna@example.com")), .string(profileID("phone:+15550102345")),
        ]
        #expect(
            run.records.last
                == ["kind": "forget", "id": "erase-1", "identifier": "email: ANNA@example.com", "profiles": profiles])
    }

    @Test func anUnknownIdentifierIsForwardedWithNoProfiles() {
        let run = resolve(merged + [forget("email:someone@example.com"), forget("fax:123", id: "erase-2")])
        #expect(run.records(ofKind: "forget").map { $0["profiles"] } == [[], []])
    }

    @Test func aMalformedRequestIsADeadLetter() {
        let run = resolve([["kind": "forget", "id": "erase-1", "identifier": "no colon"]])
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("\"reason\":\"invalid_record\""))
    }

    @Test func traitsAreForgottenToo() {
        let traits: [(String, String)] = [
            ("name", "Anna Smith"), ("birthday", "1985-03-12"), ("postal_code", "SW1A 1AA"), ("country", "GB"),
        ]
        let known = person("web-1", ids: [("email", "anna@example.com")], traits: traits)
        let till = person("pos-1", traits: traits)
        let before = resolve([known, till])
        #expect(before.profileIDs[1] == before.profileIDs[0])
        let after = resolve([known, forget("email:anna@example.com"), till])
        #expect(after.profiles[1]?["matched_by"]?["rule"] == "new")
        #expect(after.profileIDs[1] != after.profileIDs[0])
    }

    @Test func erasureSurvivesARestartFromState() throws {
        let directory = try TemporaryDirectory()
        let state = ["--state", directory.path, "--commit"]
        #expect(resolve(merged + [forget("email:anna@example.com")], arguments: state).status == .success)
        let later = resolve([event("e5", ids: ["phone": "+15550102345"])], arguments: state)
        #expect(later.profiles[0]?["is_new"] == true)
        #expect(later.profileIDs[0] != profileID("phone:+15550102345"))
        #expect(later.errors.contains("state: restored"))
    }
}
