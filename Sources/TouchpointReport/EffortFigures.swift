import TouchpointCore

/// Repeat contacts and channel hops among support contacts.
///
/// A support contact is a support-stage event that opens or carries a conversation (a ticket, a call, a chat, a
/// post); a ticket's later updates are not new contacts. It is a repeat contact when score counts two or more
/// contacts in the 7 days up to it (`customer.contacts_7d`), and a hop when the profile's previous contact, within
/// those 7 days, was on another channel: the customer had to try again elsewhere.
package struct EffortFigures: Sendable {
    package struct ChannelEffort: Equatable, Sendable {
        package var contacts = 0
        package var repeats = 0
        /// Hops that arrived on this channel.
        package var hopsIn = 0
    }

    static let hopWindow = Duration.days(7)
    static let notContacts: Set<String> = ["ticket_updated", "ticket_solved", "ticket_deleted"]

    package var contacts = 0
    package var repeats = 0
    package var hops = 0
    /// By channel name.
    package var channels: [String: ChannelEffort] = [:]
    /// By "from → to".
    package var hopPairs: [String: Int] = [:]
    var channelNames: LabelTable

    init(limits: ReportLimits) { channelNames = LabelTable(capacity: limits.labels) }

    static func isContact(_ record: RecordView) -> Bool {
        guard record.equals("support", at: "stage"), let type = record.string("type") else { return false }
        return !notContacts.contains(type)
    }

    /// Counts one support contact; `profile` is the profile's state when it is followed.
    mutating func addContact(_ record: RecordView, time: Timestamp, profile: inout ProfileState?) {
        let channel = channelNames.intern(record.string("channel") ?? "unknown")
        contacts += 1
        channels[channel, default: ChannelEffort()].contacts += 1
        if (record.double("customer", "contacts_7d") ?? 0) >= 2 {
            repeats += 1
            channels[channel, default: ChannelEffort()].repeats += 1
        }
        guard var state = profile else { return }
        let channelIndex = channelNames.index(of: channel)
        if state.lastContactChannel >= 0, state.lastContactChannel != channelIndex,
            time - state.lastContactTime <= Self.hopWindow, time >= state.lastContactTime
        {
            hops += 1
            channels[channel, default: ChannelEffort()].hopsIn += 1
            hopPairs[channelNames.names[state.lastContactChannel] + " → " + channel, default: 0] += 1
        }
        if time >= state.lastContactTime {
            state.lastContactTime = time
            state.lastContactChannel = channelIndex
        }
        profile = state
    }
}
