import TouchpointCore

/// Alerts by owner and rule, and the oldest ones: what is waiting for each department.
///
/// The stream says when an alert was raised, never when it was handled, so every alert counts as open; the oldest
/// are the longest waiting.
package struct AlertQueues: Sendable {
    package struct Listed: Equatable, Sendable {
        package var time: Timestamp
        package var id: String
        package var owner: String
        package var rule: String
        package var severity: String
        package var summary: String
    }

    package var total = 0
    /// By owner, then rule.
    package var counts: [String: [String: Int]] = [:]
    /// The oldest, by time then id, at most `ReportLimits.oldestAlerts`.
    package var oldest: [Listed] = []
    var owners: LabelTable
    var rules: LabelTable
    let listed: Int

    init(limits: ReportLimits) {
        owners = LabelTable(capacity: limits.labels)
        rules = LabelTable(capacity: limits.labels)
        listed = limits.oldestAlerts
    }

    mutating func addAlert(_ record: RecordView) {
        total += 1
        let owner = owners.intern(record.string("owner") ?? "unknown")
        let rule = rules.intern(record.string("rule") ?? "unknown")
        counts[owner, default: [:]][rule, default: 0] += 1
        guard let time = record.time("time") else { return }
        let id = record.string("id") ?? ""
        if oldest.count == listed, let last = oldest.last, (last.time, last.id) <= (time, id) { return }
        let alert = Listed(
            time: time, id: id, owner: owner, rule: rule, severity: record.string("severity") ?? "",
            summary: record.string("summary") ?? "")
        let index = oldest.firstIndex { (time, id) < ($0.time, $0.id) } ?? oldest.endIndex
        oldest.insert(alert, at: index)
        if oldest.count > listed { oldest.removeLast() }
    }
}
