import TouchpointCore

/// The built-in alert rules: the only list of them (docs/RULES.md is generated from it; a test checks).
///
/// A new rule of an existing kind is one entry here plus tests that it fires and does not; a new kind of rule is
/// a new type under Rules/.
package enum BuiltinRules {
    package static let all: [RuleDefinition] = [
        RuleDefinition(
            id: "detractor-after-purchase",
            description: "A survey answer with NPS 0–6 within 48 hours after a purchase by the same profile.",
            owner: "customer_care", severity: .high,
            rationale: """
                A detractor right after buying is the moment a relationship turns: the purchase is fresh, the \
                customer can still be won back (or will tell others). Care should call before the review is written.
                """,
            example: """
                A POS sale of 129.90 EUR on Oct 2 at 14:00 and a survey answer with NPS 3 on Oct 3 at 10:00 from \
                the same customer (in either arrival order): "NPS 3, 20 h after a purchase of 129.90 EUR".
                """,
            summary: SummaryTemplate(
                "NPS {survey.nps}, {gap} after a purchase[ of {purchase.amount:money} {purchase.currency}]"),
            logic: PairWithinWindowRule(
                first: .type(in: ["purchase"]), named: "purchase",
                then: .all([.type(in: ["survey_response"]), .metric("nps", in: 0...6)]), named: "survey",
                within: .hours(48))),
        RuleDefinition(
            id: "repeat-contact",
            description: "Three or more support contacts (tickets or calls) by the same profile within any 7 days.",
            owner: "support", severity: .medium,
            rationale: """
                Customers hate repeating themselves: a third contact in a week means the first two did not solve \
                the problem, and effort predicts churn better than satisfaction does.
                """,
            example: """
                Tickets on Oct 3 and Oct 5 and a call on Oct 7 from the same customer, whichever channel's export \
                arrives last: "3 contacts in 4 days".
                """,
            summary: SummaryTemplate("{count} contacts in {span}"),
            logic: CountWithinWindowRule(
                3, of: .type(in: ["support_ticket", "call"]), named: "contact", within: .days(7))),
        RuleDefinition(
            id: "negative-social-high-reach",
            description: "A negative or very negative social post by an author with 10,000 or more followers.",
            owner: "social_care", severity: .high,
            rationale: """
                One well-placed negative post can damage the brand; answered fast and in public, it can show care \
                instead. Reach, not the author's identity, makes it urgent, so it fires for unknown authors too.
                """,
            example: """
                A post "Worst delivery ever, still waiting after two weeks" by an account with 48,200 followers: \
                "Negative post (sentiment -0.76) reaching 48,200 followers by twitter:anna_smith".
                """,
            summary: SummaryTemplate(
                "Negative post (sentiment {post.sentiment}) reaching {post.followers:count} followers[ by {post.social}]"
            ),
            logic: SingleEventRule(
                .all([
                    .type(in: ["social_post"]), .score("sentiment_label", in: ["negative", "very_negative"]),
                    .metricAtLeast("followers", 10_000),
                ]), named: "post")),
    ]

    /// The rule with this id, if there is one.
    package static func rule(_ id: String) -> RuleDefinition? { all.first { $0.id == id } }
}
