import TouchpointCore
import TouchpointJSON

/// Social media posts (`social.ndjson`): one event per post, channel `social`, type `social_post`, stage `loyalty`.
///
/// - id `social:<post_id>`; time `created_at`.
/// - ids: `social` as `<platform>:<handle>` (lowercased, without `@`).
/// - traits: `name` from `author_name`. text: `text`.
/// - metrics: `followers`, `likes`, `shares` (whole, not negative).
/// - properties: `platform`, `mentions_brand`.
///
/// Every post is `loyalty`, complaints included: the sentiment is score's job, and alert's negative-social rule
/// reads it there.
package struct SocialMapping: ChannelMapping {
    package static let name = "social"
    package static let summary = "social media posts (ndjson): text, author handle and reach"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let nativeID = draft.string("post_id")
            let time = try draft.time("created_at")
            let platform = draft.string("platform")
            let handle = draft.string("handle")
            draft.socialIdentifier(platform: platform, handle: handle, field: "handle")
            draft.trait("name", field: "author_name")
            draft.metric("followers", from: "followers", in: 0...1e12)
            draft.metric("likes", from: "likes", in: 0...1e12)
            draft.metric("shares", from: "shares", in: 0...1e12)
            draft.property("platform", platform.map { .string(IdentifierRules.trim($0).lowercased()) })
            draft.keep("mentions_brand")
            let text = draft.string("text")
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nativeID, time: time, channel: "social", type: "social_post",
                stage: JourneyStage.loyalty, text: text)
        }
    }
}
