import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

/// Effort from behaviour (docs/stages/score.md, "Effort"): a contact that repeats one in the window, one that hops
/// channels, a transferred call and an abandoned one are high effort whatever the customer answered.
@Suite struct EffortDriverTests {
    private func drivers(_ run: StageRun) -> [String: [String]] {
        Dictionary(
            uniqueKeysWithValues: run.events.map { event in
                (
                    event["id"]!.stringValue!,
                    event["score"]?["effort_drivers"]?.arrayValue?.compactMap { $0.stringValue } ?? []
                )
            })
    }

    private func call(_ id: String, hours: Double, properties: JSONObject = JSONObject(), metrics: JSONValue = [:])
        -> JSONValue
    {
        var call = event(id, hours: hours, type: "call", stage: "support", metrics: metrics, channel: "call_center")
        call.properties = properties
        return call.jsonValue
    }

    @Test func aSecondContactInTheWindowIsARepeatAndAHopWhenOnAnotherChannel() {
        let run = score([
            event("t1", hours: 0, type: "support_ticket", stage: "support", channel: "email", entity: "z:1").jsonValue,
            event("t1-upd", hours: 5, type: "ticket_updated", stage: "support", channel: "email", entity: "z:1")
                .jsonValue,
            call("c1", hours: 30),
            call("c2", hours: 40),
            call("c3", hours: 24 * 12),
        ])
        #expect(
            drivers(run) == [
                "t1": [], "t1-upd": [], "c1": ["repeat_contact", "channel_hop"],
                "c2": ["repeat_contact", "channel_hop"],
                "c3": [],
            ])
        let c2 = run.events.first { $0["id"] == "c2" }
        #expect(c2?["score"]?["effort"] == "high")
    }

    @Test func updatesOfOneTicketAreNotRepeatContacts() {
        let run = score([
            event("t1", hours: 0, type: "support_ticket", stage: "support", channel: "email", entity: "z:1").jsonValue,
            event("t1-again", hours: 3, type: "support_ticket", stage: "support", channel: "email", entity: "z:1")
                .jsonValue,
        ])
        #expect(drivers(run) == ["t1": [], "t1-again": []])
    }

    @Test func transfersAndAbandonedCallsAreReadOffTheCall() {
        let run = score([
            call("moved", hours: 0, metrics: ["transfers": 2]),
            call("routed", hours: 200, properties: JSONObject([("transferred_to", "+442071838750")])),
            call("dropped", hours: 400, properties: JSONObject([("abandoned", true)])),
            call("answered", hours: 600, properties: JSONObject([("abandoned", false)]), metrics: ["transfers": 0]),
        ])
        #expect(
            drivers(run) == [
                "moved": ["transfer"], "routed": ["transfer"], "dropped": ["abandoned_call"], "answered": [],
            ])
        #expect(run.events.first { $0["id"] == "answered" }?["score"]?["effort"] == nil)
    }

    @Test func aProfileLessContactHasOnlyItsOwnDrivers() {
        var lone = event("c1", hours: 0, type: "call", stage: "support", profile: nil, channel: "call_center")
        lone.metrics = JSONObject([("transfers", 1)])
        let run = score([
            event("t0", hours: 0, type: "support_ticket", stage: "support", profile: nil, channel: "email").jsonValue,
            lone.jsonValue,
        ])
        #expect(drivers(run) == ["t0": [], "c1": ["transfer"]])
    }
}

/// "Asked for the same information twice" (docs/stages/score.md, "Effort from behaviour"): the text of a contact,
/// chat, survey comment or post holds one of the built-in phrases (Builtin/effort/repeated-information.json), or one a
/// user's settings add.
@Suite struct RepeatedInformationTests {
    private func isShown(_ text: String, type: String = "support_ticket", settings: ScoreSettings = .builtin) -> Bool {
        settings.repeatedInformation.isShown(by: event("e", type: type, stage: "support", text: text))
    }

    @Test(arguments: [
        "Hi, I had to REPEAT my order number to three different agents.",
        "I have explained it three times now!!",
        "As I told you already, the parcel never came.",
        "They asked me again for my postcode, for the fourth time.",
        "Every agent asks the same questions",
        "gave my details twice and still nothing",
        "Why do I have to start from scratch every time I call?",
        "I’ve already explained this to your colleague",
        "third time i’m explaining this",
        "third time im explaining this",
        "Told\u{00A0}you   already",
        "I had to repeat\nmyself",
        "Asked for my email address again 😡",
        "how many times do I have to tell you",
        // A cancelling phrase reaches only a few words, and not past a sentence break.
        "I didn't have to wait at all, but then they asked me again for my postcode",
        "I never had to. Then they asked me again for it",
    ])
    func aPhraseShowsTheDriver(text: String) {
        #expect(isShown(text), "\(text)")
    }

    @Test(arguments: [
        "I didn't have to repeat myself, the agent knew everything.",
        "Never had to give my details twice, great service",
        "I did not have to, thankfully, explain it again",
        "I DIDNT HAVE TO REPEAT MYSELF",
        "Please repeat the order, same size",
        "What was my order number again?",
        "told you. already",
        "I had to repeat\n\nmyself",
        "the untold you already know",
        "repeated myselfie",
        "",
    ])
    func otherTextDoesNotShowIt(text: String) {
        #expect(!isShown(text), "\(text)")
    }

    @Test func onlyTheListedTypesAreRead() {
        let text = "I told you already"
        #expect(isShown(text, type: "chat_message") && isShown(text, type: "survey_response"))
        #expect(isShown(text, type: "call") && isShown(text, type: "social_post"))
        // A ticket's updates send its text again: the ticket was marked once, on its first event.
        #expect(!isShown(text, type: "ticket_updated") && !isShown(text, type: "page_view"))
    }

    @Test func aMegabyteOfTextIsReadInOnePass() {
        // Linear in the text: one table step a byte. Only the result is checked, never the time.
        let filler = String(repeating: "the parcel was late and nobody answered my emails, ", count: 20_000)
        #expect(filler.utf8.count > 1_000_000)
        #expect(!isShown(filler))
        #expect(isShown(filler + "and then they asked me again for my order number"))
        #expect(isShown("I didn't have to " + filler + " explain it again"))
        #expect(!isShown(String(repeating: "a", count: 1_048_576)))
        #expect(!isShown(String(repeating: "told you ", count: 200_000)))
    }

    @Test func theScannerFindsOverlappingAndRestartedPhrases() throws {
        let scanner = PhraseScanner(
            phrases: try ["asked me again", "me again for my", "told you already"].map(PhraseScanner.Phrase.init),
            cancelling: try ["never had to"].map(PhraseScanner.Phrase.init), reach: 1)
        #expect(scanner.containsPhrase(in: "they asked me again for my name"))
        #expect(scanner.containsPhrase(in: "i told told you already"))
        #expect(scanner.containsPhrase(in: "told you told you already"))
        #expect(!scanner.containsPhrase(in: "told you told me already"))
        #expect(!scanner.containsPhrase(in: "i never had to give me again for my"))
        #expect(scanner.containsPhrase(in: "i never had to, really, give me again for my"))
        #expect(scanner.containsPhrase(in: "i never had to wait long, but asked me again"))
        #expect(!PhraseScanner(phrases: [], cancelling: [], reach: 3).containsPhrase(in: "told you already"))
    }

    @Test func theDriverIsOnTheEventAndMakesEffortHigh() {
        let run = score([
            event("t", type: "support_ticket", stage: "support", text: "I told you already!", channel: "email")
                .jsonValue,
            event("s", hours: 1, type: "survey_response", stage: "loyalty", text: "Great, no need to repeat myself")
                .jsonValue,
        ])
        #expect(run.events[0]["score"]?["effort_drivers"] == ["repeated_information"])
        #expect(run.events[0]["score"]?["effort"] == "high")
        #expect(run.events[1]["score"]?["effort_drivers"] == nil)
    }

    private func settings(_ text: String) throws -> ScoreSettings {
        try ScoreSettings(file: ConfigFile(text: text, path: "score.json"))
    }

    @Test func settingsAddToReplaceAndTuneTheList() throws {
        let added = try settings(#"{"repeated_information": {"add_phrases": ["nochmal erklären", "same runaround"]}}"#)
        #expect(isShown("Ich musste alles NOCHMAL erklären.", settings: added))
        #expect(isShown("I told you already", settings: added))
        let replaced = try settings(#"{"repeated_information": {"phrases": ["same runaround"]}}"#)
        #expect(isShown("The same  runaround again", settings: replaced))
        #expect(!isShown("I told you already", settings: replaced))
        let calls = try settings(#"{"repeated_information": {"types": ["call"]}}"#)
        #expect(isShown("told you already", type: "call", settings: calls))
        #expect(!isShown("told you already", settings: calls))
        let strict = try settings(#"{"repeated_information": {"not_after_words": 0}}"#)
        #expect(isShown("I did not have to, thankfully, explain it again", settings: strict))
        #expect(!isShown("I did not have to explain it again", settings: strict))
        let none = try settings(#"{"repeated_information": {"phrases": []}}"#)
        #expect(!isShown("I told you already", settings: none))
        #expect(ScoreSettings.builtin.repeatedInformation.phrases.count > 300)
    }

    @Test func theDocumentedSettingsExampleReadsAndWorks() throws {
        let page = try String(
            contentsOf: BuiltProducts.repository.appendingPathComponent("docs/stages/score.md"), encoding: .utf8)
        let section = try #require(page.components(separatedBy: "**Asked for the same information again.**").last)
        let example = try #require(
            section.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        let documented = try settings(example)
        #expect(isShown("Ich musste alles nochmal erklären.", settings: documented))
        #expect(isShown("Same runaround, different agent", settings: documented))
        #expect(documented.repeatedInformation.scanner.reach == 2)
    }

    @Test func checkReportsEachBadEntryByItsPath() throws {
        let file = try ConfigFile(
            text:
                #"{"repeated_information": {"phrases": ["fine phrase", 3, "told you. already", "!!!", "Fine  Phrase"], "add_phrases": "x", "not_after_words": 11, "typos": []}}"#,
            path: "score.json")
        let found = ScoreSettings.problems(in: file).map(\.description)
        #expect(found.count == 7, "\(found)")
        let expected = [
            "$.repeated_information.phrases[1]: expected a string",
            "$.repeated_information.phrases[2]: \"told you. already\" has a sentence break",
            "$.repeated_information.phrases[3]: \"!!!\" has no word",
            "$.repeated_information.phrases[4]: \"Fine  Phrase\" is listed twice",
            "$.repeated_information.add_phrases: expected an array",
            "$.repeated_information.not_after_words: 11 is outside 0...10",
            "$.repeated_information.typos: unknown key",
        ]
        for message in expected { #expect(found.contains { $0.contains(message) }, "\(message) in \(found)") }
        let directory = TemporaryDirectory(texts: ["bad.json": #"{"repeated_information": {"phrases": [1, "a. b"]}}"#])
        let check = StageRun("score", ScoreCommand.run, text: "", arguments: ["--check", directory.path + "/bad.json"])
        #expect(check.status == .usage)
        #expect(check.errors.contains("bad.json:1:39: $.repeated_information.phrases[0]: expected a string"))
        #expect(check.errors.contains("$.repeated_information.phrases[1]: \"a. b\" has a sentence break"))
    }

    @Test func theDocsListEveryDriver() throws {
        let contract = try String(
            contentsOf: BuiltProducts.repository.appendingPathComponent("docs/CONTRACT.md"), encoding: .utf8)
        let row = try #require(contract.split(separator: "\n").first { $0.hasPrefix("| `effort_drivers` |") })
        let listed = row.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(Array(listed.dropFirst()) == EffortDriver.allCases.map(\.rawValue))
        let page = try String(
            contentsOf: BuiltProducts.repository.appendingPathComponent("docs/stages/score.md"), encoding: .utf8)
        let undocumented = EffortDriver.allCases.filter { !page.contains("| `\($0.rawValue)` |") }
        #expect(undocumented.isEmpty, "not in the driver table of docs/stages/score.md")
    }
}
