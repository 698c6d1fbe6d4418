import Testing
import TouchpointGenerator

/// The sentiment groups of the text catalog are sharp: negative texts always carry a strong negative word, the
/// others never do (the negative-social rule and the planted detractors depend on it).
@Suite struct FeedbackCatalogTests {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func negativeTextsCarryAStrongNegativeWord() {
        for text in (FeedbackCatalog.negativePosts + FeedbackCatalog.detractorComments).map(Self.text) {
            #expect(RuleSimulator.isNegative(text), "\(text)")
        }
    }

    @Test func otherTextsCarryNone() {
        let others =
            FeedbackCatalog.neutralPosts + FeedbackCatalog.positivePosts + FeedbackCatalog.passiveComments
            + FeedbackCatalog.promoterComments
        for text in others.map(Self.text) {
            #expect(!RuleSimulator.isNegative(text), "\(text)")
            for word in FeedbackCatalog.negativeWords { #expect(!text.lowercased().contains(word), "\(text)") }
        }
    }

    @Test func productNamesAreNeutral() {
        for product in ProductCatalog.products {
            #expect(!RuleSimulator.isNegative(Self.text(product.name)))
        }
    }

    @Test func brandMentionsAreDetected() {
        #expect(FeedbackCatalog.mentionsBrand(Array("Love it @larkspurhome".utf8)))
        #expect(FeedbackCatalog.mentionsBrand(Array("at the Larkspur store".utf8)))
        #expect(!FeedbackCatalog.mentionsBrand(Array("Sunday morning coffee".utf8)))
    }
}
