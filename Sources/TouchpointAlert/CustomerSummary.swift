import TouchpointCore
import TouchpointJSON

/// What an alert says about the customer: the figures of score's `customer` state that help the owner judge
/// (tier, experience index, churn risk, contacts, open issues) and the profile's recent journey.
package enum CustomerSummary {
    /// The members of score's `customer` an alert quotes, in this order, when present.
    package static let quotedMembers = [
        "tier", "experience_index", "churn_risk", "contacts_7d", "open_issues", "stage",
    ]

    /// The summary, or nil when nothing is known; the journey is the profile's last events up to `time`.
    package static func make(customer: [UInt8]?, journey kept: [JourneyStep], through time: Timestamp) -> JSONObject? {
        let journey = kept.filter { $0.time <= time }.suffix(JourneyStep.listed)
        var object = JSONObject()
        if let customer, let value = try? JSONParser.parseValue(customer) {
            for name in quotedMembers {
                if let member = value[name], !member.isNull { object.append(name, member) }
            }
        }
        if !journey.isEmpty { object.append("journey", .array(journey.map(\.jsonValue))) }
        return object.isEmpty ? nil : object
    }
}

/// One event of a profile's recent journey, as an alert lists it.
package struct JourneyStep: Equatable, Sendable {
    /// How many of a profile's latest events an alert lists.
    package static let listed = 5
    /// How many alert keeps, so that an alert decided later (at a watermark) can list the ones before it.
    package static let kept = 16

    package var time: Timestamp
    package var channel: String
    package var type: String

    package var jsonValue: JSONValue {
        ["time": .string(time.description), "channel": .string(channel), "type": .string(type)]
    }
}
