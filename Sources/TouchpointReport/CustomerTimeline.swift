import TouchpointCore

/// One customer's events and alerts, for `--customer PROFILE_ID`: the single customer view as a page.
///
/// Merges are followed both ways: a profile absorbed into the chosen one, and the survivor the chosen one was
/// absorbed into, are the same person.
package struct CustomerTimeline: Sendable {
    package struct Entry: Equatable, Sendable {
        package var time: Timestamp
        package var id: String
        package var what: String
        package var channel: String
        package var stage: String
        package var detail: String
    }

    package let customer: String
    package var profiles: Set<String>
    package var entries: [Entry] = []
    package var dropped = 0
    /// The customer's state after their newest event (`customer` member), as key and text.
    package var state: [(key: String, value: String)] = []
    private var stateTime = Timestamp(milliseconds: .min)
    let capacity: Int

    init(customer: String, limits: ReportLimits) {
        self.customer = customer
        profiles = [customer]
        capacity = limits.timelineEvents
    }

    mutating func addMerge(survivor: String, absorbed: [String]) {
        if profiles.contains(survivor) || absorbed.contains(where: profiles.contains) {
            profiles.insert(survivor)
            profiles.formUnion(absorbed)
        }
    }

    mutating func addEvent(_ record: RecordView, time: Timestamp, profile: String) {
        guard profiles.contains(profile) else { return }
        var detail: [String] = []
        if let nps = record.double("metrics", "nps") { detail.append("NPS \(NumberText.fixed(nps, 0))") }
        if let csat = record.double("metrics", "csat") { detail.append("CSAT \(NumberText.fixed(csat, 0))") }
        if let ces = record.double("metrics", "ces") { detail.append("CES \(NumberText.fixed(ces, 0))") }
        if let amount = record.double("metrics", "amount") {
            detail.append(NumberText.fixed(amount, 2) + (record.string("metrics", "currency").map { " " + $0 } ?? ""))
        }
        if let label = record.string("score", "sentiment_label") { detail.append("sentiment " + label) }
        for (measure, outcome) in record.stringMembers("score", "expectations") {
            detail.append("\(measure) \(outcome)")
        }
        append(
            Entry(
                time: time, id: record.string("id") ?? "", what: record.string("type") ?? "event",
                channel: record.string("channel") ?? "", stage: record.string("stage") ?? "",
                detail: detail.joined(separator: "; ")))
        if time >= stateTime, let customer = record.node("customer") {
            stateTime = time
            state = record.document.members(of: customer).compactMap { member in
                let document = record.document
                switch document.type(of: member.value) {
                case .string: return (member.key, document.string(member.value) ?? "")
                case .number: return (member.key, document.number(member.value)?.description ?? "")
                default: return nil
                }
            }
        }
    }

    mutating func addAlert(_ record: RecordView, time: Timestamp) {
        guard let profile = record.string("profile"), profiles.contains(profile) else { return }
        append(
            Entry(
                time: time, id: record.string("id") ?? "", what: "alert " + (record.string("rule") ?? ""),
                channel: record.string("owner") ?? "", stage: record.string("severity") ?? "",
                detail: record.string("summary") ?? ""))
    }

    /// Keeps the newest `capacity` entries by time then id.
    private mutating func append(_ entry: Entry) {
        let index = entries.firstIndex { (entry.time, entry.id) < ($0.time, $0.id) } ?? entries.endIndex
        entries.insert(entry, at: index)
        if entries.count > capacity {
            entries.removeFirst()
            dropped += 1
        }
    }
}
