import Testing
import TouchpointCore

struct IdentifierRulesTests {
    @Test(arguments: [
        ("anna@example.com", IdentifierRules.Normalized.value("anna@example.com")),
        ("  Anna.Smith@Example.COM ", .value("anna.smith@example.com")),
        ("ANNA@EXAMPLE.ORG\t", .value("anna@example.org")),
        // No-break spaces (U+00A0) pasted from a web form, at either end.
        ("\u{A0}anna@example.com", .value("anna@example.com")),
        ("anna@example.com\u{A0}", .value("anna@example.com")),
        ("\u{A0} anna@example.com \u{A0}", .value("anna@example.com")),
        ("", .absent),
        ("   ", .absent),
        ("-", .absent),
        ("N/A", .absent),
        ("null", .absent),
        ("unknown", .absent),
        ("test@example.com", .absent),
        ("Test@Example.com", .absent),
        ("anna.example.com", .invalid),
        ("anna@", .invalid),
        ("@example.com", .invalid),
        ("a@b@c", .invalid),
        ("anna smith@example.com", .invalid),
    ])
    func email(raw: String, expected: IdentifierRules.Normalized) {
        #expect(IdentifierRules.email(raw) == expected)
    }

    @Test(arguments: [
        ("(555) 010-2345", IdentifierRules.Normalized.value("+15550102345")),
        ("555.010.2345", .value("+15550102345")),
        ("+1 555 010 2345", .value("+15550102345")),
        ("5550102345", .value("+15550102345")),
        ("1-555-010-2345", .value("+15550102345")),
        ("555-010-2345 ext. 12", .value("+15550102345")),
        ("555-010-2345x12", .value("+15550102345")),
        ("+44 20 7946 0000", .value("+442079460000")),
        ("0044 20 7946 0000", .value("+442079460000")),
        ("+1 (555) 010-23", .invalid),
        ("010-2345", .invalid),
        ("555-0102-34567", .invalid),
        ("call me", .invalid),
        ("0000000000", .absent),
        ("000-000-0000", .absent),
        ("", .absent),
        ("n/a", .absent),
        ("555#0102345", .invalid),
    ])
    func phoneWithDefaultCountryOne(raw: String, expected: IdentifierRules.Normalized) {
        #expect(IdentifierRules.phone(raw) == expected)
    }

    @Test(arguments: [
        ("020 7946 0000", IdentifierRules.Normalized.value("+442079460000")),
        ("20 7946 0000", .value("+442079460000")),
        ("+1 555 010 2345", .value("+15550102345")),
        ("0044 20 7946 0000", .value("+442079460000")),
    ])
    func phoneWithDefaultCountry44(raw: String, expected: IdentifierRules.Normalized) {
        #expect(IdentifierRules.phone(raw, defaultCountryCode: "44") == expected)
    }

    @Test(arguments: [
        ("twitter", "@anna_smith", IdentifierRules.Normalized.value("twitter:anna_smith")),
        ("Twitter", " @Anna_Smith ", .value("twitter:anna_smith")),
        ("instagram", "patricia.foster44", .value("instagram:patricia.foster44")),
        ("twitter", "@", .absent),
        ("twitter", "", .absent),
        ("twitter", "anonymous", .absent),
        ("", "@anna", .invalid),
        ("twitter", "anna smith", .invalid),
    ])
    func social(platform: String, handle: String, expected: IdentifierRules.Normalized) {
        #expect(IdentifierRules.social(platform: platform, handle: handle) == expected)
    }

    @Test(arguments: [
        ("C100234", IdentifierRules.Normalized.value("C100234")),
        (" L-0004521 ", .value("L-0004521")),
        ("c100234", .value("c100234")),
        ("", .absent),
        ("-", .absent),
        ("undefined", .absent),
        ("None", .absent),
    ])
    func plainIdentifiersKeepTheirCase(raw: String, expected: IdentifierRules.Normalized) {
        #expect(IdentifierRules.plain(raw) == expected)
    }
}
