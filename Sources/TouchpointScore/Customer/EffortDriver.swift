import TouchpointCore

/// What a contact's behaviour says about the customer's effort, beside what they answer: the drivers customer-effort
/// research finds behind high effort are contacting again about a problem, switching channels to get it solved,
/// being transferred, giving up in a queue, and being asked for the same information again (docs/stages/score.md,
/// "Effort from behaviour"). Any one makes the event's `effort` `high`; the event lists them as
/// `score.effort_drivers`, in this order.
package enum EffortDriver: String, CaseIterable, Sendable {
    /// A support contact with another one (another ticket or call) in the contact window before it.
    case repeatContact = "repeat_contact"
    /// A support contact on another channel than a support contact in the contact window before it.
    case channelHop = "channel_hop"
    /// A call passed on to another agent or queue: `metrics.transfers` of 1 or more, or
    /// `properties.transferred_to`.
    case transfer
    /// A call the customer hung up on before reaching an agent: `properties.abandoned` true.
    case abandonedCall = "abandoned_call"
    /// The customer says they had to give the same information again: the event's `text` holds one of the
    /// settings' `repeated_information` phrases (`RepeatedInformation`).
    case repeatedInformation = "repeated_information"

    /// The drivers one event shows: its own (`transfer`, `abandoned_call`, `repeated_information`) and `contact`,
    /// those its profile's state showed (`CustomerState.contactDrivers`). In `allCases` order; most events show none
    /// and allocate nothing.
    static func drivers(
        of event: Event, transferredTo: Bool, abandoned: Bool, contact: Set<EffortDriver>, settings: ScoreSettings
    ) -> [EffortDriver] {
        var found = contact
        if (event.metrics["transfers"]?.doubleValue ?? 0) >= 1 || transferredTo { found.insert(.transfer) }
        if abandoned { found.insert(.abandonedCall) }
        if settings.repeatedInformation.isShown(by: event) { found.insert(.repeatedInformation) }
        return found.isEmpty ? [] : allCases.filter(found.contains)
    }
}

extension CustomerState {
    /// `repeat_contact` and `channel_hop` for a support contact, against the contacts and touchpoints the state
    /// holds (its newest few, so a contact further back than `last_touchpoints` events is not seen as a hop); none
    /// for another event.
    func contactDrivers(of event: Event, settings: ScoreSettings) -> Set<EffortDriver> {
        guard settings.contactTypes.contains(event.type) else { return [] }
        let start = event.time - settings.contactWindow
        let entity = Moment(time: event.time, id: event.entity ?? event.id).key
        var found: Set<EffortDriver> = []
        if contacts.contains(where: { $0.key != entity && $0.time >= start && $0.time <= event.time }) {
            found.insert(.repeatContact)
        }
        let own = Moment(time: event.time, id: event.id)
        for touchpoint in touchpoints where touchpoint.moment != own {
            guard touchpoint.moment.time >= start, touchpoint.moment.time <= event.time,
                let colon = touchpoint.name.firstIndex(of: ":")
            else { continue }
            let channel = touchpoint.name[..<colon]
            let type = touchpoint.name[touchpoint.name.index(after: colon)...]
            if channel != event.channel && settings.contactTypes.contains(String(type)) {
                found.insert(.channelHop)
                break
            }
        }
        return found
    }
}
