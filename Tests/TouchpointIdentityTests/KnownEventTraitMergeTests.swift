import Foundation
import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// An event whose identifiers found its profile, and whose own traits prove another profile to be the same person:
/// the two merge (oldest survives, `identifier` `traits`), within the guards, on crafted pairs.
struct KnownEventTraitMergeTests {
    private let annaAtTheTill = person(
        "pos-1", traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")])
    private let annaLogsIn = person("web-1", second: 60, ids: [("email", "anna@example.com")], traits: [])
    private let annaUpdatesHerProfile = person(
        "web-2", second: 120, ids: [("email", "anna@example.com")],
        traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")], channel: "web")

    @Test func aTraitProfileJoinsTheProfileAnEventsIdentifiersFoundAndTheOlderSurvives() {
        let run = resolve([annaAtTheTill, annaLogsIn, annaUpdatesHerProfile])
        let tillProfile = profileID("event:pos-1")
        #expect(run.profileIDs == [tillProfile, profileID("email:anna@example.com"), tillProfile], "\(run.output)")
        #expect(run.merges.count == 1)
        #expect(run.merges.first?["survivor"] == .string(tillProfile))
        #expect(run.merges.first?["absorbed"] == [.string(profileID("email:anna@example.com"))])
        #expect(run.merges.first?["identifier"] == "traits")
        #expect(run.merges.first?["event"] == "web-2")
        // The merge record comes before the event that caused it; the event was found by its identifiers.
        #expect(run.records.firstIndex { $0["kind"] == "merge" } == 2)
        #expect(run.profiles[2]?["matched_by"]?["rule"] == "identifiers")
        #expect(run.profiles[2]?["matched_on"] == ["email"])
        #expect(run.reviews.isEmpty)
    }

    @Test func whenTheIdentifierProfileIsOlderItSurvives() {
        let run = resolve([annaLogsIn, annaAtTheTill, annaUpdatesHerProfile])
        let emailProfile = profileID("email:anna@example.com")
        #expect(run.profileIDs == [emailProfile, profileID("event:pos-1"), emailProfile], "\(run.output)")
        #expect(run.merges.first?["survivor"] == .string(emailProfile))
        #expect(run.merges.first?["absorbed"] == [.string(profileID("event:pos-1"))])
        // Later, the till's traits alone find the survivor.
        let again = resolve(
            [annaLogsIn, annaAtTheTill, annaUpdatesHerProfile]
                + [
                    person(
                        "pos-2", second: 600,
                        traits: [("name", "Anna Smith"), ("postal_code", "sw1a1aa"), ("country", "GB")])
                ])
        #expect(again.profileIDs[3] == emailProfile)
    }

    @Test func anEventWhoseIdentifiersMergeTwoProfilesBringsAThirdByItsTraits() {
        let call = person("call-1", second: 90, ids: [("phone", "+447700900123")], traits: [], channel: "call_center")
        let both = person(
            "web-2", second: 120, ids: [("email", "anna@example.com"), ("phone", "+447700900123")],
            traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")], channel: "web")
        let run = resolve([annaLogsIn, annaAtTheTill, call, both])
        let emailProfile = profileID("email:anna@example.com")
        #expect(run.merges.count == 1, "\(run.output)")
        #expect(run.merges.first?["survivor"] == .string(emailProfile))
        #expect(
            run.merges.first?["absorbed"] == [
                .string(profileID("event:pos-1")), .string(profileID("phone:+447700900123")),
            ])
        #expect(run.merges.first?["identifier"] == "traits")
        #expect(run.profileIDs[3] == emailProfile)
        #expect(run.profiles[3]?["matched_on"] == ["email", "phone"])
    }

    @Test func twoLoyaltyCardsAreNeverMergedByTraits() {
        let run = resolve([
            person(
                "pos-1", ids: [("loyalty_id", "L-2")],
                traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")]),
            person("pos-2", second: 60, ids: [("loyalty_id", "L-1")], traits: []),
            person(
                "pos-3", second: 120, ids: [("loyalty_id", "L-1")],
                traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")]),
        ])
        #expect(run.merges.isEmpty, "\(run.output)")
        #expect(run.profileIDs[2] == profileID("loyalty_id:L-1"))
    }

    @Test func aVetoedFirstNameOrContradictingBirthDateKeepsTheProfilesApart() {
        let sister = person(
            "pos-1", traits: [("name", "Mia Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")])
        let father = person(
            "call-1", traits: [("name", "Tom Baker"), ("birthday", "1955-01-13"), ("postal_code", "NR15 2FS")],
            channel: "call_center")
        let son = person("web-1", second: 60, ids: [("email", "tom@example.com")], traits: [("birthday", "1985-06-02")])
        let run = resolve([
            sister, annaLogsIn, annaUpdatesHerProfile, father, son,
            person(
                "web-2", second: 120, ids: [("email", "tom@example.com")],
                traits: [("name", "Tom Baker"), ("postal_code", "NR15 2FS")], channel: "web"),
        ])
        #expect(run.merges.isEmpty, "\(run.output)")
    }

    @Test func theIdentifiersThemselvesDoNotCountAsTraitEvidence() {
        // Name alone (13.9) plus the email's local part (11.3) would pass 20; but the email already decided.
        let run = resolve([
            person("tickets-1", ids: [("email", "anna.smith@example.com")], traits: [("name", "Anna Smith")]),
            person("web-1", second: 60, ids: [("email", "anna.smith@work.example")], traits: []),
            person(
                "tickets-2", second: 120, ids: [("email", "anna.smith@work.example")], traits: [("name", "Anna Smith")]
            ),
        ])
        #expect(run.merges.isEmpty, "\(run.output)")
    }

    @Test func aRestartFromCheckpointsMergesAsOneRunDoes() throws {
        let lines = [
            annaAtTheTill, annaLogsIn, annaUpdatesHerProfile,
            person(
                "pos-2", second: 600, traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")]),
        ]
        let whole = resolve(lines)
        let state = try TemporaryDirectory()
        var pieces = ""
        for line in lines {
            let run = resolve([line], arguments: ["--state", state.path, "--commit"])
            #expect(run.status == .success, "\(run.errors)")
            pieces += run.output
        }
        #expect(pieces == whole.output)
        #expect(whole.merges.count == 1)
        #expect(Set(whole.profileIDs).count == 2, "two ids seen, one person: \(whole.output)")
    }

    @Test func withoutMergeOnTraitsNothingMerges() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/identity.json"
        try #"{"matching":{"merge_on_traits":false}}"#.write(toFile: path, atomically: false, encoding: .utf8)
        let run = resolve([annaAtTheTill, annaLogsIn, annaUpdatesHerProfile], arguments: ["--config", path])
        #expect(run.merges.isEmpty)
    }
}
