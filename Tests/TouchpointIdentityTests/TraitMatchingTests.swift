import Foundation
import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// Probabilistic matching on crafted pairs: what must link despite noise, and what must stay apart.
struct TraitMatchingTests {
    private let anna = person(
        "web-1", ids: [("email", "anna.smith@example.com")],
        traits: [("name", "Anna Smith"), ("birthday", "1985-03-12"), ("postal_code", "SW1A 1AA"), ("country", "GB")],
        channel: "web")

    /// The second event joined the first one's profile by its traits.
    private func expectLinked(_ second: JSONValue, fields expected: [String: String], swapped: Bool = false) {
        let run = resolve([anna, second])
        #expect(run.profileIDs[1] != nil && run.profileIDs[1] == run.profileIDs[0], "\(run.output)")
        let matchedBy = run.profiles[1]?["matched_by"]
        #expect(matchedBy?["rule"] == "traits", "\(run.output)")
        let fields = fieldOrder.compactMap { name in expected[name].map { (key: name, value: JSONValue.string($0)) } }
        #expect(matchedBy?["fields"] == .object(JSONObject(fields)))
        #expect(matchedBy?["swapped"] == (swapped ? .bool(true) : nil))
        #expect(run.merges.isEmpty)
    }

    private let fieldOrder = ["first_name", "last_name", "birth_date", "postcode", "address", "phone", "email_local"]

    @Test func aTypoInTheSurnameStillLinks() {
        expectLinked(
            person("pos-1", traits: [("name", "Anna Smiht"), ("postal_code", "sw1a1aa"), ("country", "GB")]),
            fields: ["first_name": "exact", "last_name": "close", "postcode": "exact"])
    }

    @Test func aNicknameLinks() {
        let william = person(
            "web-1", ids: [("email", "w.jones@example.com")],
            traits: [("first_name", "William"), ("last_name", "Jones"), ("postal_code", "M1 1AE"), ("country", "GB")])
        let bill = person("pos-1", traits: [("name", "Bill Jones"), ("postal_code", "M1 1AE"), ("country", "GB")])
        let run = resolve([william, bill])
        #expect(run.profileIDs[1] == run.profileIDs[0])
        #expect(run.profiles[1]?["matched_by"]?["fields"]?["first_name"] == "nickname")
    }

    @Test func swappedFirstAndLastNameLink() {
        expectLinked(
            person("call-1", traits: [("first_name", "Smith"), ("last_name", "Anna"), ("birthday", "1985-03-12")]),
            fields: ["first_name": "exact", "last_name": "exact", "birth_date": "exact"], swapped: true)
    }

    @Test func transposedDayAndMonthLink() {
        expectLinked(
            person(
                "call-1",
                traits: [
                    ("name", "Anna Smith"), ("birthday", "12/03/1985"), ("postal_code", "SW1A 1AA"), ("country", "GB"),
                ]),
            fields: ["first_name": "exact", "last_name": "exact", "birth_date": "transposed", "postcode": "exact"])
    }

    @Test func aMissingFieldCountsNeitherWay() {
        // No birth date on the till: the name and postcode decide, and birth_date is not among the compared fields.
        let run = resolve([
            anna, person("pos-1", traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")]),
        ])
        #expect(run.profileIDs[1] == run.profileIDs[0])
        let settings = MatchSettings.builtin
        let expected =
            settings.weight(.firstName, .exact) + settings.weight(.lastName, .exact)
            + settings.weight(.postcode, .exact)
        #expect(run.profiles[1]?["matched_by"]?["score"]?.doubleValue == (expected * 100).rounded() / 100)
    }

    @Test func aNameAloneNeitherLinksNorFoundsAProfile() {
        let run = resolve([anna, person("chat-1", traits: [("name", "Anna Smith")], channel: "chat")])
        #expect(run.profileIDs[1] == nil)
        #expect(run.reviews.isEmpty)
    }

    @Test func twinsAtOneAddressStayApartAndGoToReview() {
        let address: [(String, String)] = [
            ("last_name", "Okafor"), ("birthday", "1992-07-04"), ("address", "12 Kings Road"),
            ("postal_code", "SW3 4ND"), ("country", "GB"),
        ]
        let first = person("pos-1", ids: [("loyalty_id", "L-1")], traits: [("first_name", "Chidi")] + address)
        let twin = person("pos-2", traits: [("first_name", "Ngozi")] + address)
        let run = resolve([first, twin])
        #expect(run.profileIDs[1] != nil && run.profileIDs[1] != run.profileIDs[0])
        #expect(run.merges.isEmpty)
        #expect(run.reviews.count == 1)
        let review = run.reviews[0]
        #expect(review["reason"] == "refused_merge")
        #expect(review["profiles"] == .array([.string(run.profileIDs[0]!), .string(run.profileIDs[1]!)]))
        #expect(review["evidence"]?["veto"] == "first_name")
        #expect(review["evidence"]?["fields"]?["first_name"]?["level"] == "disagree")
    }

    @Test func householdMembersWithOtherNamesAndBirthDatesStayApart() {
        let home: [(String, String)] = [("address", "4 Elm Close"), ("postal_code", "LS6 2AB"), ("country", "GB")]
        let lines = [
            person("pos-1", traits: [("name", "Maria Rossi"), ("birthday", "1961-02-10")] + home),
            person("pos-2", traits: [("name", "Marco Rossi"), ("birthday", "1958-11-23")] + home),
            person("pos-3", traits: [("name", "Giulia Rossi"), ("birthday", "1990-05-30")] + home),
        ]
        let run = resolve(lines)
        #expect(Set(run.profileIDs.compactMap { $0 }).count == 3)
        #expect(run.merges.isEmpty)
    }

    @Test func neighboursWithOneSurnameStayApart() {
        let run = resolve([
            person("pos-1", traits: [("name", "Tom Baker"), ("address", "12 Kings Road"), ("postal_code", "SW3 4ND")]),
            person("pos-2", traits: [("name", "Tom Baker"), ("address", "14 Kings Road"), ("postal_code", "SW3 4NE")]),
        ])
        #expect(run.profileIDs[0] != run.profileIDs[1])
    }

    @Test func aDifferentCustomerIDIsNeverJoinedByTraits() {
        let known = person(
            "crm-1", ids: [("customer_id", "C1")],
            traits: [
                ("name", "Anna Smith"), ("birthday", "1985-03-12"), ("postal_code", "SW1A 1AA"), ("country", "GB"),
            ])
        let other = person(
            "crm-2", ids: [("customer_id", "C2")],
            traits: [
                ("name", "Anna Smith"), ("birthday", "1985-03-12"), ("postal_code", "SW1A 1AA"), ("country", "GB"),
            ])
        let run = resolve([known, other])
        #expect(run.profileIDs == [profileID("customer_id:C1"), profileID("customer_id:C2")])
        #expect(run.reviews.map { $0["evidence"]?["guard"] } == ["one_per_profile"])
    }

    @Test func aScoreBetweenTheThresholdsIsAPossibleMatchReview() {
        // First name close, surname close, postcode: about 17, between 14 and 20.
        let run = resolve([
            anna, person("pos-1", traits: [("name", "Ana Smyth"), ("postal_code", "SW1A 1AA"), ("country", "GB")]),
        ])
        #expect(run.profileIDs[1] != nil && run.profileIDs[1] != run.profileIDs[0])
        #expect(run.reviews.count == 1)
        #expect(run.reviews[0]["reason"] == "possible_match")
        #expect(run.reviews[0]["profiles"] == .array([.string(run.profileIDs[0]!), .string(run.profileIDs[1]!)]))
        let score = run.reviews[0]["evidence"]?["score"]?.doubleValue ?? 0
        #expect(score >= 14 && score < 20)
    }

    @Test func identifiersLinkedThroughATraitMatchFindTheProfileLater() {
        let till = person(
            "pos-1", ids: [("phone", "+447700900123")],
            traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")])
        let call = person("call-1", ids: [("phone", "+447700900123")], traits: [], channel: "call_center")
        let run = resolve([anna, till, call])
        #expect(Set(run.profileIDs).count == 1)
        #expect(run.profiles[2]?["matched_by"]?["rule"] == "identifiers")
        #expect(run.profiles[2]?["matched_on"] == ["phone"])
    }

    @Test func matchingCanBeTurnedOffAndRetunedByAConfigFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/identity.json"
        let bill = person("pos-1", traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")])
        try #"{"matching":{"match_threshold":30,"possible_threshold":29}}"#.write(
            toFile: path, atomically: false, encoding: .utf8)
        #expect(
            resolve([anna, bill], arguments: ["--config", path]).profileIDs[1] != resolve([anna, bill]).profileIDs[0])
        try #"{"matching":{"enabled":false}}"#.write(toFile: path, atomically: false, encoding: .utf8)
        let off = resolve([anna, bill], arguments: ["--config", path])
        #expect(off.profileIDs[1] != off.profileIDs[0])
        #expect(off.reviews.isEmpty)
    }

    @Test(arguments: [
        (#"{"matching":{"match_threshold":"high"}}"#, "$.matching.match_threshold"),
        (#"{"matching":{"fields":{"first_name":{"exact":{"m":0.9}}}}}"#, "first_name"),
        (#"{"matching":{"vetoes":["shoe_size"]}}"#, "$.matching.vetoes[0]"),
        (#"{"guards":{"max_identifiers_per_profile":{"fax":2}}}"#, "fax"),
        (#"{"matching":{"possible_threshold":25}}"#, "possible_threshold"),
    ])
    func aBadConfigFileIsAUsageErrorNamingTheProblem(text: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/identity.json"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let run = resolve([anna], arguments: ["--config", path])
        #expect(run.status == .usage)
        #expect(run.errors.contains("identity.json"), "\(run.errors)")
        #expect(run.errors.contains(expected), "\(run.errors)")
    }

    @Test func theBuiltInSettingsAreValidAndDocumentedDefaults() {
        let settings = MatchSettings.builtin
        #expect(settings.matchThreshold == 20 && settings.possibleThreshold == 14)
        #expect(settings.weight(.birthDate, .exact) > settings.weight(.birthDate, .transposed))
        #expect(settings.weight(.firstName, .disagree) < 0)
        #expect(settings.nicknames.areEquivalent("bill", "william"))
        #expect(!settings.nicknames.areEquivalent("bill", "robert"))
    }

    @Test func anEventMatchingTwoProfilesMergesThemIntoTheOlder() {
        let run = resolve([
            person(
                "pos-1", ids: [("loyalty_id", "L-1")], traits: [("name", "Robert Okafor"), ("postal_code", "NR15 2FS")]),
            person(
                "call-1", ids: [("phone", "+447700900123")],
                traits: [("name", "Bob Okafor"), ("birthday", "1955-01-13")]),
            person(
                "web-1", traits: [("name", "Robert Okafor"), ("birthday", "1955-01-13"), ("postal_code", "NR15 2FS")]),
        ])
        #expect(run.merges.count == 1)
        #expect(run.merges[0]["survivor"] == .string(profileID("loyalty_id:L-1")))
        #expect(run.merges[0]["absorbed"] == [.string(profileID("phone:+447700900123"))])
        #expect(run.merges[0]["identifier"] == "traits")
        #expect(run.records.firstIndex { $0["kind"] == "merge" } == 2)
        #expect(run.profileIDs[2] == profileID("loyalty_id:L-1"))
    }

    @Test func profilesWhoseOwnTraitsContradictAreNotMergedByOneEvent() {
        // Father and son of one name: the visit matches each on other fields, but their birth dates differ.
        let run = resolve([
            person(
                "pos-1", ids: [("loyalty_id", "L-1")],
                traits: [("name", "Robert Okafor"), ("birthday", "1955-01-13"), ("postal_code", "NR15 2FS")]),
            person(
                "pos-2", ids: [("phone", "+447700900999")],
                traits: [("name", "Robert Okafor"), ("birthday", "1985-06-02"), ("address", "105 Church Street")]),
            person(
                "web-1",
                traits: [("name", "Robert Okafor"), ("postal_code", "NR15 2FS"), ("address", "105 Church Street")]),
        ])
        #expect(run.merges.isEmpty)
        #expect(run.profileIDs[2] == profileID("phone:+447700900999"))
        #expect(run.reviews.map { $0["evidence"]?["guard"] } == ["contradiction"])
        #expect(run.reviews.map { $0["reason"] } == ["refused_merge"])
        // Without trait merges the other candidate is only a possible match the event did not join.
        let separate = try! TemporaryDirectory()
        let path = separate.path + "/identity.json"
        try! #"{"matching":{"merge_on_traits":false}}"#.write(toFile: path, atomically: false, encoding: .utf8)
        let unmerged = resolve(
            Array(run.records.filter { $0["kind"] == "event" }.map(withoutProfile)), arguments: ["--config", path])
        #expect(unmerged.reviews.map { $0["evidence"]?["guard"] } == ["better_candidate"])
    }
}

/// The comparison helpers on their own.
struct MatchingHelperTests {
    @Test(arguments: [
        ("robert", "R163"), ("rupert", "R163"), ("smith", "S530"), ("smyth", "S530"), ("pfister", "P236"),
        ("tymczak", "T522"), ("ashcraft", "A261"), ("van beethoven", "V513"), ("li", "L000"),
    ])
    func soundexKeys(name: String, expected: String) {
        #expect(PhoneticKey.soundex(name) == expected)
    }

    @Test(arguments: [
        ("martha", "marhta", 0.961), ("dwayne", "duane", 0.84), ("dixon", "dicksonx", 0.813), ("anna", "anna", 1.0),
        ("abc", "xyz", 0.0),
    ])
    func jaroWinklerMatchesThePublishedExamples(lhs: String, rhs: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(lhs, rhs) - expected) < 0.001)
    }

    @Test(arguments: [
        ("1985-03-12", 19_850_312), ("19850312", 19_850_312), ("12.03.1985", 19_850_312), ("03/12/1985", 19_850_312),
        ("25/12/1985", 19_851_225), ("1985-03-12T00:00:00Z", 19_850_312), ("1985-13-01", 0), ("soon", 0),
    ])
    func birthDatesInTheShapesExportsUse(text: String, expected: Int32) {
        #expect(PersonTraits.date(text) == expected)
    }
}
