import TouchpointCore
import TouchpointJSON

/// Survey responses (`surveys.csv`): one event per response, channel `survey`, type `survey_response`.
///
/// - id `surveys:<response_id>`; time `submitted_at`.
/// - stage from `survey`: `post_purchase` -> purchase, `post_support` -> support, `relationship` (or any other) ->
///   loyalty.
/// - ids: `email`, `customer_id`.
/// - metrics: `nps` (whole, 0–10), `csat` (whole, 1–5), `ces` (whole, 1–7); an empty answer is left out, an
///   out-of-range or non-numeric one goes to `properties.invalid_fields`.
/// - text: `comment`. properties: `survey`.
package struct SurveysMapping: ChannelMapping {
    package static let name = "surveys"
    package static let summary = "survey responses (csv): NPS, CSAT, CES and comment"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let nativeID = draft.string("response_id")
            let time = try draft.time("submitted_at")
            let survey = draft.string("survey")
            let stage: String
            switch survey.map({ IdentifierRules.trim($0).lowercased() }) {
            case "post_purchase": stage = JourneyStage.purchase
            case "post_support": stage = JourneyStage.support
            default: stage = JourneyStage.loyalty
            }
            draft.identifier("email", field: "email")
            draft.identifier("customer_id", field: "customer_id")
            draft.metric("nps", from: "nps", in: 0...10)
            draft.metric("csat", from: "csat", in: 1...5)
            draft.metric("ces", from: "ces", in: 1...7)
            draft.property("survey", survey.map(JSONValue.string))
            let comment = draft.string("comment").map(IdentifierRules.trim)
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nativeID, time: time, channel: "survey", type: "survey_response",
                stage: stage, text: comment)
        }
    }
}
