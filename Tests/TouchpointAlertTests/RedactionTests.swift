import Testing
import TouchpointAlert
import TouchpointCore
import TouchpointJSON

@Suite struct RedactionTests {
    @Test(arguments: [
        ("mail anna.smith+shop@example.co.uk now", "mail [email] now"),
        ("call me on +44 20 7946 0958.", "call me on [phone]."),
        ("(555) 010-0042 or 5550100042", "[phone] or [phone]"),
        ("thanks @larkspurhome!", "thanks [handle]!"),
        (
            "Order O-72913610 and ticket T-100002 on 2026-10-01T10:00",
            "Order O-72913610 and ticket T-100002 on 2026-10-01T10:00"
        ),
        (
            "NPS 3, 20 h after a purchase of 129.90 EUR reaching 48,200",
            "NPS 3, 20 h after a purchase of 129.90 EUR reaching 48,200"
        ),
        ("an email address @ nowhere", "an email address @ nowhere"),
    ])
    func masksContactDetails(text: String, expected: String) {
        #expect(Redaction.redact(text) == expected)
    }

    @Test func masksThePersonsOwnNameAsWholeWords() {
        #expect(
            Redaction.redact("Hi, Anna SMITH here (not Annabel)", names: ["Anna Smith"])
                == "Hi, [name] [name] here (not Annabel)")
    }

    @Test func redactedAlertsCarryNoContactDetailsOrIdentifiers() {
        var post = post("social:1", followers: 48_200, label: "negative").objectValue!
        post["text"] = "Anna here: reach me at anna@example.com or +1 555 010 0042"
        post["traits"] = ["name": "Anna Smith"]
        let plain = alert([.object(post)]).alerts[0]
        #expect(plain["summary"]?.stringValue?.contains("twitter:anna_smith") == true)
        let redacted = alert([.object(post)], arguments: ["--redact"]).alerts[0]
        #expect(redacted["summary"] == "Negative post (sentiment -0.76) reaching 48,200 followers by [redacted]")
        #expect(redacted["evidence"]?.arrayValue?.first?["excerpt"] == "[name] here: reach me at [email] or [phone]")
        #expect(redacted["id"] == plain["id"])
    }
}
