/// A small English sentiment lexicon for customer feedback: word -> weight from -4 (worst) to +4 (best), plus
/// the negators and intensifiers `SentimentAnalyzer` understands.
///
/// Weights follow the scale of VADER's human-rated lexicon, trimmed to words that matter in retail feedback
/// (delivery, support, returns, product quality). Words are lowercase; inflections are listed explicitly rather
/// than stemmed, so every match is visible in this file. A richer lexicon (or a model) is a later issue and only
/// replaces these tables.
package enum SentimentLexicon {
    /// Word weights.
    package static let weights: [String: Double] = [
        // Negative
        "abysmal": -3.4, "angry": -2.8, "annoyed": -2.2, "annoying": -2.2, "appalling": -3.3, "awful": -3.2,
        "bad": -2.5, "broke": -2.0, "broken": -2.3, "careless": -2.0, "cancelled": -1.2, "cheated": -3.0,
        "complaint": -2.0, "confused": -1.5, "confusing": -1.8, "crap": -3.0, "damaged": -2.3, "dead": -1.8,
        "defective": -2.5, "delay": -1.5, "delayed": -1.6, "difficult": -1.6, "dirty": -2.0, "disappointed": -2.5,
        "disappointing": -2.4, "disaster": -3.1, "disgusting": -3.2, "dislike": -2.0, "dreadful": -3.1,
        "expensive": -1.2, "fail": -2.4, "failed": -2.3, "faulty": -2.4, "frustrated": -2.4, "frustrating": -2.4,
        "furious": -3.3, "garbage": -3.0, "hate": -3.0, "hated": -3.0, "horrible": -3.3, "ignored": -2.2,
        "incompetent": -2.9, "issue": -1.0, "issues": -1.0, "junk": -2.7, "late": -1.5, "lied": -2.8,
        "lost": -1.8, "mess": -2.0, "mistake": -1.8, "missing": -1.6, "nightmare": -3.2, "overcharged": -2.6,
        "overpriced": -2.0, "pathetic": -3.0, "poor": -2.1, "poorly": -2.1, "problem": -1.5, "problems": -1.6,
        "refused": -2.0, "ridiculous": -2.5, "rude": -2.8, "sad": -2.1, "scam": -3.3, "slow": -1.5,
        "sorry": -0.5, "stuck": -1.6, "terrible": -3.4, "torn": -1.8, "ugly": -2.3, "unacceptable": -3.0,
        "unhappy": -2.4, "unhelpful": -2.2, "unreliable": -2.3, "upset": -2.3, "useless": -2.8, "waited": -1.0,
        "waiting": -1.0, "waste": -2.4, "wasted": -2.4, "worse": -2.3, "worst": -3.5, "wrong": -2.0,
        // Positive
        "amazing": 3.1, "awesome": 3.1, "beautiful": 2.9, "best": 3.2, "brilliant": 3.1, "comfortable": 1.8,
        "delighted": 3.0, "easy": 1.9, "efficient": 2.0, "enjoy": 2.2, "enjoyed": 2.3, "excellent": 3.2,
        "fantastic": 3.3, "fast": 1.6, "fine": 0.8, "fixed": 1.2, "friendly": 2.2, "glad": 2.0, "good": 1.9,
        "great": 3.1, "happy": 2.7, "helpful": 2.2, "impressed": 2.5, "kind": 2.0, "love": 3.2, "loved": 3.0,
        "lovely": 2.8, "nice": 1.8, "ok": 0.6, "okay": 0.6, "perfect": 3.0, "perfectly": 2.8, "pleasant": 2.3,
        "pleased": 2.3, "polite": 2.0, "professional": 1.9, "quick": 1.6, "quickly": 1.5, "recommend": 2.0,
        "reliable": 2.0, "resolved": 1.8, "satisfied": 2.2, "smooth": 1.5, "solved": 1.8, "superb": 3.2,
        "thank": 1.5, "thanks": 1.6, "useful": 1.9, "wonderful": 3.1,
    ]

    /// Words that flip the sentiment of the next `negationReach` words; any word ending in "n't" is one too.
    package static let negators: Set<String> = [
        "not", "never", "no", "nothing", "nobody", "none", "neither", "nor", "cannot", "without",
    ]

    /// How many following words a negator reaches.
    package static let negationReach = 3

    /// What a negated weight is multiplied by: flipped and damped ("not bad" is mildly good, not "great").
    package static let negationFactor = -0.75

    /// Words that strengthen the next word, with their multiplier.
    package static let intensifiers: [String: Double] = [
        "very": 1.5, "really": 1.5, "so": 1.4, "extremely": 1.8, "super": 1.5, "totally": 1.5, "absolutely": 1.6,
        "incredibly": 1.7, "completely": 1.5,
    ]

    /// Words that shift weight to what follows ("nice shoes but awful delivery").
    package static let contrasts: Set<String> = ["but", "however", "although", "though"]
}
