/// What a path can end in: favourable and unfavourable outcomes, in the order they are written.
package enum PathOutcome: Int, CaseIterable, Sendable {
    case promoter, repeatPurchase, resolvedTicket, detractor, churnRisk, repeatedContacts

    package var name: String {
        ["promoter", "repeat_purchase", "resolved_ticket", "detractor", "churn_risk", "repeated_contacts"][rawValue]
    }

    package var isFavourable: Bool { rawValue < 3 }

    /// churn_risk at or above this is high; the outcome is the crossing, once per stay above it.
    static let highChurnRisk = 0.5

    /// The outcomes `record` is, given whether the profile's churn risk was already high before it.
    static func outcomes(of record: RecordView, wasChurnRiskHigh: Bool) -> [PathOutcome] {
        var outcomes: [PathOutcome] = []
        if record.equals("promoter", at: "score", "nps_class") { outcomes.append(.promoter) }
        if record.equals("purchase", at: "type"), (record.double("customer", "frequency") ?? 0) >= 2 {
            outcomes.append(.repeatPurchase)
        }
        if record.equals("ticket_solved", at: "type") { outcomes.append(.resolvedTicket) }
        if record.equals("detractor", at: "score", "nps_class") { outcomes.append(.detractor) }
        if !wasChurnRiskHigh, (record.double("customer", "churn_risk") ?? 0) >= highChurnRisk {
            outcomes.append(.churnRisk)
        }
        if record.strings("score", "effort_drivers").contains("repeat_contact") {
            outcomes.append(.repeatedContacts)
        }
        return outcomes
    }
}

/// One (segment, path) row: how many outcomes followed the path, and which.
package struct PathRow: Equatable, Sendable {
    package var segment: String
    /// `channel:type` steps, oldest first, before the outcome's own event.
    package var path: [String]
    package var count = 0
    package var outcomes = [Int](repeating: 0, count: PathOutcome.allCases.count)
    package var favourable = 0
    package var unfavourable = 0

    package var favourableShare: Double { count > 0 ? Double(favourable) / Double(count) : 0 }
    package var favourableInterval: Interval? { .wilson(successes: favourable, n: count) }
}

/// The favourable and unfavourable paths per segment, in one pass: a bounded table of (segment, path) rows.
///
/// The path is read from score's `customer.last_touchpoints` (the newest touchpoints, the event's own last), so no
/// history is kept here: the steps before the outcome's event, at most `steps` of them.
package struct PathTable: Sendable {
    package static let steps = 3
    private(set) var rows: [PathKey: PathRow] = [:]
    /// Outcome events whose row did not fit, by segment.
    package private(set) var overflow: [String: Int] = [:]
    var segments: LabelTable
    let capacity: Int

    struct PathKey: Hashable, Sendable {
        var segment: String
        var path: [String]
    }

    init(limits: ReportLimits) {
        capacity = limits.paths
        segments = LabelTable(capacity: limits.labels)
    }

    /// A segment rule's name, else the customer's value tier, so every customer falls in one.
    static func segment(of record: RecordView) -> String {
        if let segment = record.string("customer", "segment") { return segment }
        if let tier = record.string("customer", "tier") { return "tier:" + tier }
        return "unknown"
    }

    mutating func add(_ record: RecordView, outcomes: [PathOutcome]) {
        guard !outcomes.isEmpty, record.node("customer") != nil else { return }
        let segment = segments.intern(Self.segment(of: record))
        let touchpoints = record.strings("customer", "last_touchpoints")
        let path = Array(touchpoints.dropLast().suffix(Self.steps))
        let key = PathKey(segment: segment, path: path)
        if rows[key] == nil && rows.count >= capacity {
            overflow[segment, default: 0] += 1
            return
        }
        var row = rows[key] ?? PathRow(segment: segment, path: path)
        row.count += 1
        for outcome in outcomes { row.outcomes[outcome.rawValue] += 1 }
        if outcomes.contains(where: \.isFavourable) { row.favourable += 1 }
        if outcomes.contains(where: { !$0.isFavourable }) { row.unfavourable += 1 }
        rows[key] = row
    }

    /// Every row: by segment, then count (most first), then path.
    package var sortedRows: [PathRow] {
        rows.values.sorted { a, b in
            if a.segment != b.segment { return a.segment < b.segment }
            if a.count != b.count { return a.count > b.count }
            return a.path.lexicographicallyPrecedes(b.path)
        }
    }
}
