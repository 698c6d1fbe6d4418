import Glibc
import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

@Suite struct IdentityResolverTests {
    @Test func newProfileIsNamedAfterItsFirstIdentifier() {
        let run = resolve([event("e1", ids: ["email": " Anna@Example.COM ", "phone": "+15550102345"])])
        #expect(run.status == .success)
        #expect(
            run.profiles == [
                [
                    "id": .string(profileID("email:anna@example.com")), "matched_on": [], "is_new": true,
                    "matched_by": ["rule": "new"],
                ]
            ])
    }

    @Test func aKnownIdentifierAttaches() {
        let run = resolve([
            event("e1", ids: ["email": "anna@example.com"]),
            event("e2", second: 1, ids: ["email": "ANNA@example.com", "device_id": "d-1"]),
            event("e3", second: 2, ids: ["device_id": "d-1"]),
        ])
        let id = JSONValue.string(profileID("email:anna@example.com"))
        #expect(
            run.profiles == [
                ["id": id, "matched_on": [], "is_new": true, "matched_by": ["rule": "new"]],
                ["id": id, "matched_on": ["email"], "is_new": false, "matched_by": ["rule": "identifiers"]],
                ["id": id, "matched_on": ["device_id"], "is_new": false, "matched_by": ["rule": "identifiers"]],
            ])
        #expect(run.merges.isEmpty)
    }

    @Test func linkingTwoProfilesMergesIntoTheOlderAndAnnouncesItFirst() {
        let run = resolve([
            event("e1", second: 50, ids: ["email": "anna@example.com"]),
            event("e2", second: 10, ids: ["phone": "+15550102345"]),
            event("e3", second: 20, ids: ["phone": "+15550102345", "email": "anna@example.com"]),
            event("e4", second: 30, ids: ["phone": "+15550102345"]),
        ])
        let survivor = profileID("email:anna@example.com")
        let absorbed = profileID("phone:+15550102345")
        #expect(run.records.map { $0["kind"]!.stringValue! } == ["event", "event", "merge", "event", "event"])
        let merge = run.records[2]
        #expect(merge["survivor"] == .string(survivor))
        #expect(merge["absorbed"] == [.string(absorbed)])
        #expect(merge["identifier"] == "phone")
        #expect(merge["event"] == "e3")
        #expect(merge["time"] == "2026-10-01T00:00:20.000Z")
        #expect(merge["id"] == .string("m-" + StableHash.hex(survivor, absorbed, "e3")))
        #expect(
            run.profiles[2] == [
                "id": .string(survivor), "matched_on": ["email", "phone"], "is_new": false,
                "matched_by": ["rule": "identifiers"],
            ])
        // The absorbed profile's identifiers keep redirecting to the survivor.
        #expect(
            run.profiles[3] == [
                "id": .string(survivor), "matched_on": ["phone"], "is_new": false,
                "matched_by": ["rule": "identifiers"],
            ])
    }

    @Test func oneEventCanMergeSeveralProfiles() {
        let run = resolve([
            event("e1", ids: ["email": "anna@example.com"]),
            event("e2", ids: ["phone": "+15550102345"]),
            event("e3", ids: ["device_id": "d-1"]),
            event("e4", ids: ["device_id": "d-1", "phone": "+15550102345", "email": "anna@example.com"]),
        ])
        #expect(run.merges.count == 1)
        #expect(
            run.merges[0]["absorbed"] == [
                .string(profileID("phone:+15550102345")), .string(profileID("device_id:d-1")),
            ])
        #expect(run.merges[0]["identifier"] == "phone")
    }

    @Test func twoCustomerIDsNeverMerge() {
        let run = resolve([
            event("e1", ids: ["customer_id": "C1", "phone": "+15550100000"]),
            event("e2", ids: ["customer_id": "C2", "phone": "+15550100000"]),
            event("e3", ids: ["phone": "+15550100000"]),
        ])
        #expect(run.merges.isEmpty)
        #expect(
            run.profiles[1]
                == [
                    "id": .string(profileID("customer_id:C2")), "matched_on": [], "is_new": true,
                    "matched_by": ["rule": "new"],
                    "conflicts": ["phone"],
                ])
        // The phone stayed with the profile that had it first.
        #expect(run.profiles[2]?["id"] == .string(profileID("customer_id:C1")))
    }

    @Test func theHighestPriorityIdentifierKeepsTheEvent() {
        let run = resolve([
            event("e1", ids: ["customer_id": "C1", "email": "family@example.com"]),
            event("e2", ids: ["customer_id": "C2"]),
            event("e3", ids: ["customer_id": "C2", "email": "family@example.com"]),
            event("e4", ids: ["loyalty_id": "L1", "customer_id": "C1"]),
            event("e5", ids: ["loyalty_id": "L2", "customer_id": "C1"]),
        ])
        #expect(run.merges.isEmpty)
        #expect(
            run.profiles[2]
                == [
                    "id": .string(profileID("customer_id:C2")), "matched_on": ["customer_id"], "is_new": false,
                    "matched_by": ["rule": "identifiers"],
                    "conflicts": ["email"],
                ])
        // A second loyalty id is not linked to a profile that has one.
        #expect(
            run.profiles[4]
                == [
                    "id": .string(profileID("customer_id:C1")), "matched_on": ["customer_id"], "is_new": false,
                    "matched_by": ["rule": "identifiers"],
                    "conflicts": ["loyalty_id"],
                ])
    }

    @Test func profilesWithDifferentLoyaltyIDsDoNotMergeThroughAnEmail() {
        let run = resolve([
            event("e1", ids: ["loyalty_id": "L1"]),
            event("e2", ids: ["loyalty_id": "L2", "email": "shared@example.com"]),
            event("e3", ids: ["loyalty_id": "L1", "email": "shared@example.com"]),
        ])
        #expect(run.merges.isEmpty)
        #expect(run.profiles[2]?["id"] == .string(profileID("loyalty_id:L1")))
        #expect(run.profiles[2]?["conflicts"] == ["email"])
    }

    @Test(arguments: [(limit: 3, profilesBeforeGeneric: 4), (limit: 1, profilesBeforeGeneric: 2)])
    func anIdentifierRefusedOnTooManyProfilesBecomesGeneric(limit: Int, profilesBeforeGeneric: Int) {
        let storePhone = "+15550109999"
        var lines = (1...profilesBeforeGeneric).map {
            event("e\($0)", ids: ["customer_id": "C\($0)", "phone": storePhone])
        }
        lines.append(event("walk-in", ids: ["phone": storePhone]))
        let run = resolve(lines, arguments: ["--max-profiles-per-identifier", String(limit)])
        #expect(run.profiles.last! == nil)
        // One profile fewer and the phone still matches.
        let before = resolve(
            Array(lines.prefix(profilesBeforeGeneric - 1)) + [lines.last!],
            arguments: ["--max-profiles-per-identifier", String(limit)])
        #expect(before.profiles.last!?["id"] == .string(profileID("customer_id:C1")))
    }

    @Test(arguments: [
        ["email": "test@example.com"], ["email": "noreply@shop.example"], ["email": "no-at-sign"],
        ["phone": "0000000000"],
        ["phone": "+11111111111"], ["customer_id": "null"], ["customer_id": "-1"], ["anonymous_id": "anonymous"],
        ["social": "twitter:"], ["customer_id": "  "], ["order_id": "O-1"],
    ])
    func eventsWithoutAUsableIdentifierPassUnchanged(ids: [String: String]) {
        let line = JSONWriter.string(event("e1", ids: ids)) + "\n"
        let run = resolve(text: line)
        #expect(run.output == line)
    }

    @Test func anOrderIDDoesNotLinkProfiles() {
        let run = resolve([
            event("e1", ids: ["email": "a@example.com", "order_id": "O-1"]),
            event("e2", ids: ["email": "b@example.com", "order_id": "O-1"]),
        ])
        #expect(run.profiles[0]?["id"] != run.profiles[1]?["id"])
    }

    @Test func otherKindsAndBarriersPassThroughByteForByte() {
        let text = """
            {"kind":"record","source":{"name":"pos"},"data":{"a":"1"}}
            {"kind":"barrier","id":3,"positions":[]}
            {"kind":"merge", "id":"m-1"}

            """
        #expect(resolve(text: text).output == text)
    }

    @Test func anInvalidEventIsADeadLetter() {
        let run = resolve(text: "{\"kind\":\"event\",\"id\":\"e1\"}\n")
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("\"reason\":\"invalid_record\""))
        #expect(run.status == .success)
    }

    @Test func outputIsDeterministic() {
        let lines = (0..<200).map { index in
            event(
                "e\(index)", second: Int64(index),
                ids: index % 3 == 0
                    ? ["email": "u\(index % 17)@example.com", "phone": "+1555010\(1000 + index % 11)"]
                    : ["phone": "+1555010\(1000 + index % 11)", "device_id": "d\(index % 23)"])
        }
        let first = resolve(lines)
        #expect(first.output == resolve(lines).output)
        #expect(!first.merges.isEmpty)
    }

    @Test func committedStateSurvivesARestart() throws {
        let directory = try TemporaryDirectory()
        let state = ["--state", directory.path, "--commit"]
        let first = resolve([event("e1", ids: ["email": "anna@example.com"])], arguments: state)
        #expect(first.status == .success)
        let second = resolve(
            [event("e2", ids: ["email": "anna@example.com", "phone": "+15550102345"])], arguments: state)
        #expect(
            second.profiles == [
                [
                    "id": .string(profileID("email:anna@example.com")), "matched_on": ["email"], "is_new": false,
                    "matched_by": ["rule": "identifiers"],
                ]
            ])
        let third = resolve([event("e3", ids: ["phone": "+15550102345"])], arguments: state)
        #expect(third.profiles[0]?["id"] == .string(profileID("email:anna@example.com")))
        #expect(third.errors.contains("state: restored barrier 2"))
    }

    @Test func stateThatWasNeverCommittedIsDiscardedWithAWarning() throws {
        let directory = try TemporaryDirectory()
        _ = resolve([event("e1", ids: ["email": "anna@example.com"])], arguments: ["--state", directory.path])
        let lines = [barrier(1), event("e2", ids: ["email": "anna@example.com"])]
        _ = resolve(lines, arguments: ["--state", directory.path])
        let run = resolve([event("e3", ids: ["email": "anna@example.com"])], arguments: ["--state", directory.path])
        #expect(run.profiles[0]?["is_new"] == true)
        #expect(run.errors.contains("never committed; discarded"))
    }

    @Test func aDamagedSnapshotStopsTheStageNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        directory.write("committed", Array(#"{"barrier":1}"#.utf8))
        directory.write("resolve-identity/snapshot-000000000001.state", Array("TPS1 not a snapshot".utf8))
        let run = resolve([event("e1", ids: ["email": "anna@example.com"])], arguments: ["--state", directory.path])
        #expect(run.status == .failure)
        #expect(run.errors.contains("snapshot-000000000001.state: not a snapshot, or damaged (checksum)"))
    }

    @Test func theProfileIsAppendedAndEverythingElseIsKeptByteForByte() {
        let line = """
            {"kind":"event","id":"e1","time":"2026-10-01T00:00:00Z","channel":"web","type":"page_view","stage":"research","ids":{"email":"a@example.com"},"properties":{"price":1.50,"note":"caf\\u00e9"},"x_custom":[1, 2] }\t
            """
        let run = resolve(text: line + "\n")
        let profile =
            #"{"id":"\#(profileID("email:a@example.com"))","matched_on":[],"is_new":true,"matched_by":{"rule":"new"}}"#
        let expected = line.dropLast(3) + #","profile":"# + profile + "}"
        #expect(run.output == expected + "\n")
    }

    @Test func aProfileFromAnEarlierRunIsReplacedInPlace() {
        var object = event("e1", ids: ["email": "a@example.com"]).objectValue!
        object["profile"] = ["id": "p-old", "matched_on": [], "is_new": true]
        object["score"] = ["experience": 5]
        let run = resolve([.object(object)])
        #expect(run.records[0].objectValue?.keys.suffix(2) == ["profile", "score"])
        #expect(run.profiles[0]?["id"] == .string(profileID("email:a@example.com")))
    }
}

/// A barrier record as ingest writes it.
private func barrier(_ id: Int) -> JSONValue {
    ["kind": "barrier", "id": .int(id), "positions": [], "sources": [["name": "x", "status": "reading"]]]
}
