/// Emails the shop sends: weekly marketing campaigns and the transactional mails around orders and surveys.
package enum CampaignCatalog {
    /// One email campaign: `campaign_name` and `email_subject` of the Segment email events.
    package struct Campaign: Sendable {
        package let name: [UInt8]
        package let subject: [UInt8]
    }

    /// Marketing campaigns, one sent each week in this order (wrapping around).
    package static let marketing: [Campaign] = [
        campaign("weekly_picks", "This week's picks for your kitchen"),
        campaign("coffee_week", "Coffee Week: 20% off grinders"),
        campaign("autumn_sale", "Autumn sale starts now"),
        campaign("new_arrivals", "New in: the Espresso Machine X2"),
        campaign("loyalty_rewards", "Your loyalty points are waiting"),
    ]

    /// Sent right after a web or app order.
    package static let orderConfirmation = campaign("order_confirmation", "Your order is confirmed")
    /// Sent just before a survey is answered.
    package static let surveyInvite = campaign("survey_invite", "How did we do? Two minutes of your time")

    private static func campaign(_ name: String, _ subject: String) -> Campaign {
        Campaign(name: name.bytes, subject: subject.bytes)
    }
}
