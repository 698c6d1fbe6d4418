import TouchpointCore

/// Support contacts per channel and the effort drivers score marked on events (`score.effort_drivers`).
///
/// The drivers are counted as score wrote them, one per event that carries them, on the event's channel: the
/// report recomputes none of them (score's `EffortDriver` is the one definition). A support contact is a
/// support-stage event that opens or carries a conversation (a ticket, a call, a chat, a post; a ticket's later
/// updates are not new contacts), or any event score marked `repeat_contact` or `channel_hop`, so the repeat share
/// of the contacts never passes 100%.
package struct EffortFigures: Sendable {
    package struct ChannelEffort: Equatable, Sendable {
        package var contacts = 0
        /// Events marked with each driver, by index in `EffortFigures.driverNames`.
        package var drivers: [Int] = []

        package var repeats: Int { count(of: 0) }

        package func count(of driver: Int) -> Int { driver < drivers.count ? drivers[driver] : 0 }

        mutating func add(driver: Int) {
            if drivers.count <= driver { drivers += repeatElement(0, count: driver + 1 - drivers.count) }
            drivers[driver] += 1
        }
    }

    /// The drivers of docs/CONTRACT.md in their order, always shown; a name score writes beyond them is added after.
    static let knownDrivers = ["repeat_contact", "channel_hop", "transfer", "abandoned_call", "repeated_information"]
    static let notContacts: Set<String> = ["ticket_updated", "ticket_solved", "ticket_deleted"]

    /// Every channel together.
    package var total = ChannelEffort()
    /// By channel name.
    package var channels: [String: ChannelEffort] = [:]
    var channelNames: LabelTable
    var drivers: LabelTable

    init(limits: ReportLimits) {
        channelNames = LabelTable(capacity: limits.labels)
        drivers = LabelTable(capacity: limits.labels, seed: Self.knownDrivers)
    }

    /// Driver names, by index: the known ones first, in the contract's order.
    package var driverNames: [String] { drivers.names }

    static func isContact(_ record: RecordView) -> Bool {
        guard record.equals("support", at: "stage"), let type = record.string("type") else { return false }
        return !notContacts.contains(type)
    }

    /// Counts one event: as a contact when it is one, and each driver score marked on it.
    mutating func add(_ record: RecordView) {
        let marked = record.strings("score", "effort_drivers")
        let isContact = Self.isContact(record) || marked.contains { $0 == "repeat_contact" || $0 == "channel_hop" }
        guard isContact || !marked.isEmpty else { return }
        let channel = channelNames.intern(record.string("channel") ?? "unknown")
        var figures = channels[channel] ?? ChannelEffort()
        if isContact {
            figures.contacts += 1
            total.contacts += 1
        }
        for (index, name) in marked.enumerated() where !marked[..<index].contains(name) {
            let driver = drivers.index(of: name)
            figures.add(driver: driver)
            total.add(driver: driver)
        }
        channels[channel] = figures
    }
}
