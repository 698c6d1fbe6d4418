import Testing
import TouchpointCore

struct EmailRulesTests {
    /// raw, with provider rules.
    @Test(arguments: [
        ("Anna.Smith+shop@Gmail.com", "annasmith@gmail.com"),
        ("a.n.n.a@googlemail.com", "anna@gmail.com"),
        ("anna+news@fastmail.com", "anna@fastmail.com"),
        ("anna.smith+x@outlook.com", "anna.smith@outlook.com"),
        ("anna+x@hotmail.com", "anna@hotmail.com"),
        ("anna+x@live.com", "anna@live.com"),
        ("anna+x@icloud.com", "anna@icloud.com"),
        ("anna+x@me.com", "anna@me.com"),
        ("anna+x@proton.me", "anna@proton.me"),
        ("anna+x@pm.me", "anna@pm.me"),
        ("anna.smith+x@example.com", "anna.smith+x@example.com"),
        ("anna-x@yahoo.com", "anna-x@yahoo.com"),
        ("anna+x@hotmail.co.uk", "anna+x@hotmail.co.uk"),
    ])
    func providerRulesFoldDocumentedAliases(raw: String, folded: String) {
        #expect(IdentifierRules.email(raw, rules: EmailRules(providerRules: true)) == .value(folded))
    }

    @Test func providerRulesAreOffByDefault() {
        #expect(IdentifierRules.email("Anna.Smith+shop@Gmail.com") == .value("anna.smith+shop@gmail.com"))
        #expect(EmailRules().providerRules == false)
    }

    @Test func aFoldThatLeavesNothingIsInvalid() {
        #expect(IdentifierRules.email("+tag@gmail.com", rules: EmailRules(providerRules: true)) == .invalid)
        #expect(IdentifierRules.email("noemail+1@gmail.com", rules: EmailRules(providerRules: true)) == .absent)
    }
}
