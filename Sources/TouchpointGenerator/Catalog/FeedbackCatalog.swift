/// Free text of survey comments and social posts, grouped by sentiment.
///
/// The alert rules downstream read sentiment from text, so the groups are sharp on purpose: negative texts use
/// strong words ("terrible", "worst", "broken", "never again", "refund", "rude"…), neutral texts use no negative
/// word at all, positive texts use clear praise ("love", "great", "fast", "helpful"). Templates may contain `{p}`
/// (a product name) and `{o}` (an order id); some contain commas, quotes and line breaks so that the CSV and JSON
/// writers are exercised.
package enum FeedbackCatalog {
    /// Survey comments of detractors (NPS 0–6).
    package static let detractorComments: [[UInt8]] = [
        "Terrible experience. The {p} arrived broken and I waited two weeks for a refund.",
        "Never again. Support was rude and the \"express\" delivery took nine days.",
        "Disappointed, the {p} stopped working after a week and nobody answers my emails.",
        "Awful checkout: I was charged twice, then waited 40 minutes on the phone.",
        "The worst delivery I have had this year. Box crushed, {p} broken, still waiting for my refund.",
        "Broken on arrival.\nAsked for a refund, got a voucher instead. Never again.",
        "Terrible service, I called three times about order {o} and nothing happened.",
        "Disappointed. Your so-called \"premium\" {p} feels cheap, and the refund process is a nightmare.",
        "Waited 10 days, item missing from the parcel, refund still pending. Disappointed.",
    ].map(\.bytes)

    /// Survey comments of passives (NPS 7–8): mild, without strong words.
    package static let passiveComments: [[UInt8]] = [
        "It was okay. Delivery took a bit longer than promised.",
        "Decent {p}, a little pricey for what it is.",
        "Fine overall, the instructions could be clearer.",
        "Good product, average service.",
        "The {p} works, packaging was a bit excessive.",
        "Okay experience, nothing special.",
        "Solid, but the app logged me out twice.",
    ].map(\.bytes)

    /// Survey comments of promoters (NPS 9–10).
    package static let promoterComments: [[UInt8]] = [
        "Love the {p}! Fast delivery and great coffee every morning.",
        "Great service, the staff in the store were really helpful.",
        "Fast, friendly and easy. Will buy again.",
        "Excellent quality, the {p} is worth every cent.",
        "Helpful support, they sorted out my question in minutes. Great job!",
        "Love it.\nBest kitchen purchase this year, thank you!",
        "Super fast shipping, great packaging, and the \"quick start\" guide was actually quick.",
        "Great prices, easy returns, lovely team.",
    ].map(\.bytes)

    /// Social posts with clearly negative text.
    package static let negativePosts: [[UInt8]] = [
        "Worst delivery experience ever @larkspurhome, my {p} arrived broken. Never again.",
        "@larkspurhome your support is rude and useless. Still waiting for my refund. Terrible.",
        "Totally disappointed with the {p} from @larkspurhome. Awful quality, broken after a week.",
        "Is @larkspurhome a scam? Paid two weeks ago, no order, no answer. Worst shop ever.",
        "Third call to @larkspurhome today, rude agent, no refund. Terrible service #larkspur",
        "Never again @larkspurhome. The {p} is broken and the return process is awful.",
    ].map(\.bytes)

    /// Social posts with neutral text: questions and plain statements, no negative word.
    package static let neutralPosts: [[UInt8]] = [
        "Anyone tried the {p} from @larkspurhome? Thinking about it for the kitchen.",
        "Just ordered the {p} from @larkspurhome, let's see how it does.",
        "Comparing the {p} with last year's model. Thoughts? #larkspur",
        "@larkspurhome do you ship to Lyon?",
        "Picked up a few things at the Larkspur store today.",
        "Sunday morning coffee, trying a new recipe.",
        "Unboxing the {p} tonight, will report back.",
    ].map(\.bytes)

    /// Social posts with positive text.
    package static let positivePosts: [[UInt8]] = [
        "Love my new {p} from @larkspurhome! Great coffee every morning ☕",
        "Fast delivery and helpful staff at @larkspurhome, thank you!",
        "Best purchase this year: the {p}. Well done @larkspurhome #larkspur",
        "Shout-out to the @larkspurhome team for the great service 🙌",
        "The {p} is fantastic. Highly recommend @larkspurhome",
        "Great coffee, great grinder, great weekend.",
        "Easy return, friendly support. @larkspurhome gets it right.",
    ].map(\.bytes)

    /// The strong negative words of the negative texts; tests check neutral and positive texts contain none.
    package static let negativeWords: [String] = [
        "terrible", "worst", "awful", "broken", "never again", "scam", "disappointed", "rude", "refund", "useless",
        "nightmare", "waited", "waiting",
    ]

    /// Whether a text names the brand (handle, hashtag or name), for `mentions_brand`.
    package static func mentionsBrand(_ text: [UInt8]) -> Bool {
        let needle = Array("arkspur".utf8)
        guard text.count >= needle.count else { return false }
        for start in 0...(text.count - needle.count) where text[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
