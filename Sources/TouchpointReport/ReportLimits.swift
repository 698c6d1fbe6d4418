/// The bounds that keep one pass over a month of a large shop's events in a fixed amount of memory.
///
/// What goes past a bound is counted, and the page says so, instead of growing a table.
package struct ReportLimits: Sendable {
    /// Profiles whose funnel and churn state is followed; events of profiles past it count as not followed.
    package var profiles = 200_000
    /// Distinct (segment, path) rows of the path table; outcomes after other paths are counted apart.
    package var paths = 20_000
    /// Weeks shown; events in other weeks are counted apart.
    package var weeks = 260
    /// Distinct values of an open set (channels, measures, owners, rules, segments) kept apart; the rest is "other".
    package var labels = 64
    /// Oldest alerts listed.
    package var oldestAlerts = 10
    /// Events on one customer's timeline (the newest are kept).
    package var timelineEvents = 500
    /// Below this many answers a figure is marked thin.
    package var minimumSample = 30

    package init() {}
}

/// Small ordinal numbers for the values of an open set, capped: past the cap a value maps to "other".
struct LabelTable {
    static let other = "other"
    private(set) var names: [String] = []
    private var indices: [String: Int] = [:]
    let capacity: Int

    init(capacity: Int, seed: [String] = []) {
        self.capacity = max(capacity, seed.count + 1)
        for name in seed { _ = index(of: name) }
    }

    /// `name`, or "other" once the table is full.
    mutating func intern(_ name: String) -> String { names[index(of: name)] }

    mutating func index(of name: String) -> Int {
        if let index = indices[name] { return index }
        let key = names.count + 1 < capacity ? name : Self.other
        if let index = indices[key] { return index }
        indices[key] = names.count
        names.append(key)
        return names.count - 1
    }
}
