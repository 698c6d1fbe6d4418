import Testing
import TouchpointScore

@Suite struct SentimentTests {
    @Test(arguments: [
        ("", SentimentLabel.neutral),
        ("The parcel arrived on Tuesday.", .neutral),
        ("I love these shoes", .veryPositive),
        ("good", .positive),
        ("terrible service", .veryNegative),
        ("bad", .negative),
        ("not good", .negative),
        ("isn't great", .negative),
        ("never helpful", .negative),
        ("not bad at all", .positive),
        ("no problem, thanks", .positive),
        ("The staff was not very friendly", .negative),
        ("Nice shoes but the delivery was awful", .veryNegative),
        ("Slow delivery but excellent, friendly staff", .veryPositive),
        ("Worst delivery ever, still waiting after two weeks", .veryNegative),
        ("Don’t buy here, useless support", .veryNegative),
    ])
    func labels(text: String, expected: SentimentLabel) {
        #expect(SentimentLabel(score: SentimentAnalyzer.score(text)) == expected)
    }

    @Test(arguments: [
        ("very good", "good"), ("extremely bad", "bad"), ("really happy", "happy"), ("so rude", "rude"),
        ("good!!!", "good"), ("awful!", "awful"),
    ])
    func intensifiersAndExclamationsStrengthen(strong: String, plain: String) {
        #expect(abs(SentimentAnalyzer.score(strong)) > abs(SentimentAnalyzer.score(plain)))
        #expect(SentimentAnalyzer.score(strong).sign == SentimentAnalyzer.score(plain).sign)
    }

    @Test(arguments: ["not", "never", "no", "don't", "can't", "won't"])
    func negatorsFlipWithinThreeWords(negator: String) {
        #expect(SentimentAnalyzer.score("\(negator) good") < 0)
        #expect(SentimentAnalyzer.score("\(negator) the staff good") < 0)
        #expect(SentimentAnalyzer.score("\(negator) bad, good") > 0.15)
        #expect(SentimentAnalyzer.score("\(negator) one two three good") > 0)
    }

    @Test(arguments: ["terrible terrible terrible awful worst!!!!", "love love love perfect best!!!!"])
    func scoresStayWithinOne(text: String) {
        #expect(abs(SentimentAnalyzer.score(text)) <= 1)
    }

    @Test(arguments: [
        (-1.0, SentimentLabel.veryNegative), (-0.6, .veryNegative), (-0.59, .negative), (-0.16, .negative),
        (-0.15, .neutral), (0, .neutral), (0.15, .neutral), (0.16, .positive), (0.59, .positive),
        (0.6, .veryPositive), (1, .veryPositive),
    ])
    func labelThresholds(score: Double, expected: SentimentLabel) {
        #expect(SentimentLabel(score: score) == expected)
    }
}

@Suite struct SentimentRuleTests {
    @Test(arguments: [
        "isnt good", "dont like it", "wont recommend", "kind of disappointing", "a bit slow",
        "Charged twice, no refund, no apology. Avoid!!", "my parcel never arrived", "on hold for an hour",
        "Great product but the delivery was awful", "😡", ":(", "thanks for nothing",
    ])
    func negative(text: String) {
        #expect(SentimentAnalyzer.score(text) < -0.15, "\(text)")
    }

    @Test(arguments: [
        "cant fault them", "not bad at all", "loooove it", "sooo good", "😍", ":)", "<3", "over the moon",
        "The delivery was slow but the staff were excellent",
    ])
    func positive(text: String) {
        #expect(SentimentAnalyzer.score(text) > 0.15, "\(text)")
    }

    @Test func chargedTwiceIsStronglyNegative() {
        #expect(SentimentAnalyzer.score("Honestly shocked… Charged twice, no refund, no apology. Avoid!!") <= -0.6)
    }

    @Test func dampenersWeakenAndCapitalsAndExclamationsStrengthen() {
        let plain = SentimentAnalyzer.score("disappointing")
        #expect(abs(SentimentAnalyzer.score("kind of disappointing")) < abs(plain))
        #expect(
            abs(SentimentAnalyzer.score("the service was TERRIBLE"))
                > abs(SentimentAnalyzer.score("the service was terrible")))
        #expect(SentimentAnalyzer.score("good!!") > SentimentAnalyzer.score("good"))
        #expect(SentimentAnalyzer.score("good?") < SentimentAnalyzer.score("good"))
    }

    @Test func negationStopsAtPunctuationAndContrast() {
        #expect(SentimentAnalyzer.score("not late, good") > 0.15)
        #expect(SentimentAnalyzer.score("no idea but good") > 0.15)
    }

    @Test func neutralTextScoresZero() {
        #expect(SentimentAnalyzer.score("Can I change the delivery address for order #55120?") == 0)
        #expect(SentimentAnalyzer.score("https://example.com/a:b") == 0)
    }

    /// Linear time: a 1 MB word is read once, never copied or looked up (no timing assertion).
    @Test func megabyteWordFinishesAndScoresZero() {
        #expect(SentimentAnalyzer.score(String(repeating: "a", count: 1 << 20)) == 0)
        #expect(SentimentAnalyzer.score("good " + String(repeating: "x", count: 1 << 20) + " good") > 0)
    }
}
