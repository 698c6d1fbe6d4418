import TouchpointCore

/// The word lists `SentimentAnalyzer` reads: word and phrase weights from -4 (worst) to +4 (best), negators,
/// intensifiers, dampeners, contrast words, emoji and emoticons, and the rules' factors.
///
/// The built-in lexicon is three files under `Builtin/sentiment/`, written by the team: `lexicon.json` (everyday,
/// review, social and customer-service words with their inflections listed explicitly, plus multi-word phrases
/// and idioms such as "never arrived" or "over the moon"), `rules.json` and `emoji.json`. Words are lowercase
/// ASCII with apostrophes (`don't`) and their apostrophe-less forms (`dont`) where people type them.
package struct SentimentLexicon: Sendable {
    /// What a multi-word entry does when its words appear in a row.
    package enum PhraseEffect: Sendable, Equatable {
        /// A sentiment phrase or idiom with its weight.
        case weight(Double)
        /// A dampener ("kind of", "a bit") multiplying the next sentiment word.
        case multiplier(Double)
    }

    /// A multi-word entry: its words after the first, and its effect.
    package struct Phrase: Sendable {
        package var rest: [String]
        package var effect: PhraseEffect
    }

    package var words: [String: Double] = [:]
    /// Phrases by first word, longest first, so the longest match wins.
    package var phrases: [String: [Phrase]] = [:]
    package var negators: Set<String> = []
    /// Single-word intensifiers and dampeners with their multipliers.
    package var multipliers: [String: Double] = [:]
    package var contrasts: Set<String> = []
    /// Emoji by their scalars without variation selectors, and ASCII emoticons as typed.
    package var emoji: [String: Double] = [:]
    package var emoticons: [String: Double] = [:]
    /// Every word the lists know, to choose between an elongated word's candidate spellings.
    package var known: Set<String> = []
    package var negationReach = 3
    package var negationFactor = -0.75
    package var contrastBefore = 0.5
    package var contrastAfter = 1.5
    package var capsFactor = 1.4
    package var elongationFactor = 1.2
    package var exclamationStep = 0.25
    package var exclamationMax = 3
    package var questionFactor = 0.8
    /// `α` in `s / sqrt(s² + α)`, which maps a raw sum to (-1, 1).
    package var normalization = 15.0

    /// The lexicon shipped with Touchpoint.
    package static let builtin: SentimentLexicon = {
        do {
            var roots: [ConfigValue] = []
            for name in ["lexicon.json", "rules.json", "emoji.json"] {
                guard let file = BuiltinFiles.all.first(where: { $0.path == "sentiment/" + name }) else {
                    fatalError("the built-in sentiment file \(name) is missing from Builtin/sentiment")
                }
                roots.append(try ConfigFile(text: file.text, path: "builtin:" + file.path).root)
            }
            return try SentimentLexicon(lexicon: roots[0], rules: roots[1], emoji: roots[2])
        } catch {
            fatalError("the built-in sentiment lexicon is invalid: \(error)")
        }
    }()

    /// Reads the three files; wrong types are errors naming the path.
    package init(lexicon: ConfigValue, rules: ConfigValue, emoji emojiFile: ConfigValue) throws(ConfigError) {
        for (word, value) in try lexicon.required("words").members() { words[word] = try value.number() }
        for (phrase, value) in try lexicon.required("phrases").members() {
            addPhrase(phrase, .weight(try value.number()))
        }
        for value in try rules.required("negators").array() { negators.insert(try value.string()) }
        for (word, value) in try rules.required("intensifiers").members() { multipliers[word] = try value.number() }
        for (phrase, value) in try rules.required("dampeners").members() {
            addPhrase(phrase, .multiplier(try value.number()))
        }
        for value in try rules.required("contrasts").array() { contrasts.insert(try value.string()) }
        negationReach = try rules.required("negation_reach").integer(in: 0...10)
        negationFactor = try rules.required("negation_factor").number(in: -2...0)
        contrastBefore = try rules.required("contrast_before").number(in: 0...1)
        contrastAfter = try rules.required("contrast_after").number(in: 1...3)
        capsFactor = try rules.required("caps_factor").number(in: 1...3)
        elongationFactor = try rules.required("elongation_factor").number(in: 1...3)
        exclamationStep = try rules.required("exclamation_step").number(in: 0...2)
        exclamationMax = try rules.required("exclamation_max").integer(in: 0...10)
        questionFactor = try rules.required("question_factor").number(in: 0...1)
        normalization = try rules.required("normalization").number(in: 0.1...100)
        for (scalars, value) in try emojiFile.required("emoji").members() { emoji[scalars] = try value.number() }
        for (text, value) in try emojiFile.required("emoticons").members() { emoticons[text] = try value.number() }
        known = Set(words.keys).union(phrases.keys).union(negators).union(multipliers.keys).union(contrasts)
        for key in phrases.keys { phrases[key]?.sort { $0.rest.count > $1.rest.count } }
    }

    private mutating func addPhrase(_ text: String, _ effect: PhraseEffect) {
        let parts = text.split(separator: " ").map(String.init)
        guard let first = parts.first else { return }
        if parts.count == 1 {
            if case .weight(let weight) = effect { words[first] = weight }
            if case .multiplier(let factor) = effect { multipliers[first] = factor }
            return
        }
        phrases[first, default: []].append(Phrase(rest: Array(parts.dropFirst()), effect: effect))
    }
}
