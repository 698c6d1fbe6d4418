import Testing
import TouchpointAlert
import TouchpointCore
import TouchpointJSON

@Suite struct RuleCatalogTests {
    @Test func docsRulesMatchesListRules() throws {
        let memory = StageIO.memory(input: "")
        #expect(AlertCommand.run(["alert", "--list-rules"], io: memory.io) == .success)
        let root = "/" + "\(#filePath)".split(separator: "/").dropLast(3).joined(separator: "/")
        let documented = try DurableFile.read(root + "/docs/RULES.md").map { String(decoding: $0, as: UTF8.self) }
        #expect(documented == memory.output.text, "regenerate with: alert --list-rules > docs/RULES.md")
    }

    @Test func theBuiltInRulesFileCompilesAndEveryRuleIsDocumented() throws {
        let rules = try RuleSet().rules
        #expect(
            rules.map(\.id) == [
                "detractor-after-purchase", "repeat-contact", "high-value-experience-drop",
                "negative-social-high-reach", "complaint-unresolved", "call-wait-missed-twice", "churn-risk-rising",
                "brand-anomaly",
            ])
        for rule in rules {
            #expect(!rule.description.isEmpty && !rule.rationale.isEmpty && !rule.example.isEmpty)
            #expect(!rule.nextStep.isEmpty && rule.origin == "builtin:rules/cx.json")
        }
        #expect(Set(rules.map(\.logic.kindName)) == ["sequence", "count", "crossing", "single", "absence"])
    }

    @Test(
        arguments: [
            ("{count} contacts in {span}", ["count": "3", "span": "4 days"], "3 contacts in 4 days"),
            ("a[ b {missing}] c", [:], "a c"),
            ("a[ b {count}] c", ["count": "2"], "a b 2 c"),
            ("x {missing} y", [:], "x ? y"),
        ] as [(String, [String: String], String)])
    func summaryTemplates(template: String, values: [String: String], expected: String) {
        #expect(SummaryTemplate(template).render(Incident(evidence: [], values: values)) == expected)
    }

    @Test(
        arguments: [
            (0.5, "1 min"), (59.0, "59 min"), (60.0, "1 h"), (20 * 60.0, "20 h"), (47.4 * 60, "47 h"),
            (48 * 60.0, "48 h"), (49 * 60.0, "2 days"),
            (4 * 24 * 60.0, "4 days"),
        ] as [(Double, String)])
    func spans(minutes: Double, expected: String) {
        #expect(spanText(Duration(milliseconds: Int64(minutes * 60_000))) == expected)
    }
}
