import Testing
import TouchpointCore

struct LoyaltyTests {
    @Test(arguments: [
        ("LC 1234-5678", IdentifierRules.Normalized.value("LC12345678")),
        ("lc12345678", .value("LC12345678")),
        (" 6034 5512 0098 ", .value("603455120098")),
        ("NECT.AR.9821", .value("NECTAR9821")),
        ("", .absent),
        ("n/a", .absent),
        ("none", .absent),
        ("0000 0000", .absent),
        ("1234-5678-90", .absent),
        ("XXXXXXXX", .absent),
        ("LC/1234", .invalid),
        ("LC 1234\n", .value("LC1234")),
        ("LC 12\n34", .invalid),
    ])
    func cardsAreCompactAndUppercase(raw: String, expected: IdentifierRules.Normalized) {
        #expect(IdentifierRules.loyalty(raw) == expected, "\(raw)")
    }
}
