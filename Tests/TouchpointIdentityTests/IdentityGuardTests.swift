import Foundation
import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// The over-merge guards that the settings file configures, and the review records a refusal writes.
struct IdentityGuardTests {
    @Test(arguments: [
        ["phone": "1234567890"], ["phone": "+12345678901"], ["phone": "+19876543210"], ["customer_id": "000000"],
        ["email": "noemail@shop.example"], ["email": "test@shop.example"], ["email": "anna@noemail.com"],
        ["loyalty_id": "NULL"], ["anonymous_id": "Anonymous"], ["device_id": "00000000-0000-0000-0000-000000000000"],
        ["customer_id": "-1"],
    ])
    func junkValuesNeverLinkStrangers(ids: [String: String]) {
        let run = resolve([
            event("e1", ids: ids.merging(["email": "one@example.com"]) { junk, _ in junk }),
            event("e2", ids: ids.merging(["email": "two@example.com"]) { junk, _ in junk }),
        ])
        #expect(run.merges.isEmpty)
        #expect(run.profileIDs.count == 2 && run.profileIDs[0] != run.profileIDs[1] || run.profileIDs == [nil, nil])
    }

    @Test func aTypeCapLeavesTheNextIdentifierUnlinkedAndSaysSo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/identity.json"
        try #"{"guards":{"max_identifiers_per_profile":{"email":2}}}"#.write(
            toFile: path, atomically: false, encoding: .utf8)
        let run = resolve(
            [
                event("e1", ids: ["customer_id": "C1", "email": "a@example.com"]),
                event("e2", ids: ["customer_id": "C1", "email": "b@example.com"]),
                event("e3", ids: ["customer_id": "C1", "email": "c@example.com"]),
                event("e4", ids: ["email": "c@example.com"]),
            ], arguments: ["--config", path])
        #expect(run.profiles[2]?["conflicts"] == ["email"])
        #expect(run.profiles[1]?["conflicts"] == nil)
        // The third email was not linked, so alone it starts a profile of its own.
        #expect(run.profileIDs[3] == profileID("email:c@example.com"))
        // Without the file, five emails fit.
        let defaults = resolve([
            event("e1", ids: ["customer_id": "C1", "email": "a@example.com"]),
            event("e2", ids: ["customer_id": "C1", "email": "b@example.com"]),
            event("e3", ids: ["customer_id": "C1", "email": "c@example.com"]),
        ])
        #expect(defaults.profiles[2]?["conflicts"] == nil)
    }

    @Test func theProfilesPerIdentifierLimitIsSetPerType() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/identity.json"
        try #"{"guards":{"max_profiles_per_identifier":{"phone":1}}}"#.write(
            toFile: path, atomically: false, encoding: .utf8)
        let storePhone = "+15550109999"
        let lines = [
            event("e1", ids: ["customer_id": "C1", "phone": storePhone]),
            event("e2", ids: ["customer_id": "C2", "phone": storePhone]),
            event("walk-in", ids: ["phone": storePhone]),
        ]
        // Two profiles in refusals: past a phone's limit of 1, while the default 3 still links.
        #expect(resolve(lines, arguments: ["--config", path]).profileIDs[2] == nil)
        #expect(resolve(lines).profileIDs[2] == profileID("customer_id:C1"))
    }

    @Test func aMergeRefusedByAGuardIsWrittenForReview() {
        let run = resolve([
            event("e1", second: 0, ids: ["customer_id": "C1", "email": "family@example.com"]),
            event("e2", second: 1, ids: ["customer_id": "C2", "email": "family@example.com"]),
        ])
        #expect(run.reviews.count == 1)
        let review = run.reviews[0]
        #expect(review["reason"] == "refused_merge")
        #expect(review["event"] == "e2")
        #expect(review["profiles"] == [.string(profileID("customer_id:C1")), .string(profileID("customer_id:C2"))])
        #expect(review["evidence"] == ["guard": "one_per_profile", "identifier": "email"])
        // Written right after the event that raised it, with an id a replay gives again.
        #expect(run.records.last?["kind"] == "review")
        #expect(
            review["id"] == resolve(run.records.filter { $0["kind"] == "event" }.map(withoutProfile)).reviews[0]["id"])
    }

    @Test func aRefusalSeenAgainIsNotReviewedAgain() {
        let run = resolve([
            event("e1", second: 0, ids: ["customer_id": "C1", "email": "family@example.com"]),
            event("e2", second: 1, ids: ["customer_id": "C2", "email": "family@example.com"]),
            event("e3", second: 2, ids: ["customer_id": "C2", "email": "family@example.com"]),
            event("e4", second: 3, ids: ["customer_id": "C3", "email": "family@example.com"]),
        ])
        #expect(run.reviews.map { $0["event"] } == ["e2", "e4"])
        #expect(run.profiles[2]?["conflicts"] == ["email"])
    }

    private var familyEmail: [JSONValue] {
        [
            event("e1", second: 0, ids: ["customer_id": "C1", "email": "family@example.com"]),
            event("e2", second: 1, ids: ["customer_id": "C2", "email": "family@example.com"]),
        ]
    }

    @Test func reviewsGoToTheirOwnFileWhenAskedCreated0600() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/reviews.ndjson"
        let run = resolve(familyEmail, arguments: ["--review", path])
        #expect(run.status == .success, "\(run.errors)")
        #expect(run.reviews.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == JSONWriter.string(resolve(familyEmail).reviews[0]) + "\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // Appended to, never truncated: a second run adds its reviews after the first's.
        _ = resolve(familyEmail, arguments: ["--review", path])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text + text)
    }

    @Test func aReviewFileThatIsASymbolicLinkIsRefused() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path + "/elsewhere"
        let path = directory.path + "/reviews.ndjson"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        let run = resolve(familyEmail, arguments: ["--review", path])
        #expect(run.status == .failure)
        #expect(run.errors.contains("reviews.ndjson"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
