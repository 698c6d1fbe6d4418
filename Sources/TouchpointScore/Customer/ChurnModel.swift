import Glibc
import TouchpointCore

/// A customer's risk of leaving, in [0, 1]: a logistic model over signals that the customer-experience
/// literature ties to defection, with weights from the settings (`churn_model`) so a brand can refit them on its own
/// churned customers.
///
/// risk = 1 / (1 + e^−z), z = intercept + experience_index × index / 100 + recency_days × min(recency, cap)
/// + recent_detractor × (a detractor answer in the detractor window ? 1 : 0) + contacts_7d × contacts
/// + open_issues × open issues. An absent index (no experience yet) or recency (no purchase) counts as 0. With the
/// built-in weights a customer with nothing against them is at 0.08, a recent detractor with an index of −60 at
/// 0.55, and the same customer with three contacts in the week at 0.88.
package struct ChurnModel: Sendable, Equatable {
    package var intercept: Double
    package var experienceIndex: Double
    package var recencyDays: Double
    package var recencyDaysCap: Double
    package var recentDetractor: Double
    package var contacts: Double
    package var openIssues: Double

    package init(
        intercept: Double, experienceIndex: Double, recencyDays: Double, recencyDaysCap: Double,
        recentDetractor: Double, contacts: Double, openIssues: Double
    ) {
        self.intercept = intercept
        self.experienceIndex = experienceIndex
        self.recencyDays = recencyDays
        self.recencyDaysCap = recencyDaysCap
        self.recentDetractor = recentDetractor
        self.contacts = contacts
        self.openIssues = openIssues
    }

    package func risk(
        experienceIndex index: Double?, recencyDays recency: Int?, hasRecentDetractor: Bool, contacts7Days: Int,
        openIssues open: Int
    ) -> Double {
        var z = intercept
        z += experienceIndex * (index ?? 0) / 100
        z += recencyDays * min(Double(recency ?? 0), recencyDaysCap)
        z += hasRecentDetractor ? recentDetractor : 0
        z += contacts * Double(contacts7Days)
        z += openIssues * Double(open)
        return 1 / (1 + exp(-z))
    }

    private static let keys = [
        "intercept", "experience_index", "recency_days", "recency_days_cap", "recent_detractor", "contacts_7d",
        "open_issues",
    ]

    init(_ value: ConfigValue, over defaults: ChurnModel?) throws(ConfigError) {
        try value.checkKeys(Self.keys)
        let reader = Reader(value)
        let range = -100.0...100.0
        intercept = try reader.number("intercept", in: range, defaults?.intercept)
        experienceIndex = try reader.number("experience_index", in: range, defaults?.experienceIndex)
        recencyDays = try reader.number("recency_days", in: range, defaults?.recencyDays)
        recencyDaysCap = try reader.number("recency_days_cap", in: 0...36_500, defaults?.recencyDaysCap)
        recentDetractor = try reader.number("recent_detractor", in: range, defaults?.recentDetractor)
        contacts = try reader.number("contacts_7d", in: range, defaults?.contacts)
        openIssues = try reader.number("open_issues", in: range, defaults?.openIssues)
    }
}
