/// Scores free text from -1 (very negative) to +1 (very positive) with `SentimentLexicon.builtin`.
///
/// A rule- and lexicon-based method of our own, in the family of VADER (Hutto & Gilbert 2014):
/// 1. `SentimentTokenizer` splits the text into words (lowercased on the byte), emoji and clause breaks, in one
///    pass. An elongated word ("sooo", "loooove") is read as the first of its spellings with runs shortened to
///    two or one letters that a list knows.
/// 2. At each word the longest listed phrase starting there wins ("never arrived", "kind of", "not bad at all");
///    otherwise the word is a contrast, a negator, an intensifier or dampener, or a sentiment word.
/// 3. A sentiment word's weight is multiplied by the pending intensifiers and dampeners (`very` 1.3, `kind of`
///    0.6), by `capsFactor` when it is typed in capitals in a text that is not all capitals, by
///    `elongationFactor` when elongated, and by `negationFactor` (-0.75) when a negator came at most
///    `negationReach` (3) words before. A clause break or a contrast word ends the negation and the multipliers.
/// 4. A contrast word (`but`, `although`, `however`, …) scales what came before it by `contrastBefore` (0.5) and
///    what follows by `contrastAfter` (1.5).
/// 5. Emoji and emoticons add their weight. Then each `!` (up to `exclamationMax`) adds `exclamationStep` to the
///    magnitude of a non-zero sum; a `?` in a text without `!` multiplies it by `questionFactor`.
/// 6. The sum `s` becomes `s / sqrt(s² + normalization)`: 0 without sentiment, tending to ±1.
///
/// Time is linear in the text's length: tokenizing is one pass, phrases are at most a few words, and a word
/// longer than `SentimentTokenizer.longestWord` bytes is never copied or looked up.
package enum SentimentAnalyzer {
    /// The sentiment score of `text`, in [-1, 1]; 0 when it has no sentiment words, emoji or emoticons.
    package static func score(_ text: String) -> Double { score(text, lexicon: .builtin) }

    /// The sentiment score of `text` with `lexicon`.
    package static func score(_ text: String, lexicon: SentimentLexicon) -> Double {
        let (tokens, exclamations, hasQuestion) = SentimentTokenizer.tokens(text, lexicon: lexicon)
        var words: [String?] = []
        words.reserveCapacity(tokens.count)
        var capitalWords = 0
        var letterWords = 0
        for token in tokens {
            guard case .word(let word, let isCapitals, let shortened) = token else {
                words.append(nil)
                continue
            }
            letterWords += word.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? 1 : 0
            capitalWords += isCapitals ? 1 : 0
            words.append(canonical(word, shortened: shortened, lexicon: lexicon))
        }
        let capitalsStandOut = capitalWords > 0 && capitalWords < letterWords

        var before = 0.0
        var sum = 0.0
        var isAfterContrast = false
        var negationLeft = 0
        var multiplier = 1.0
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            let token = tokens[index]
            if case .emoji(let weight) = token {
                sum += weight
                continue
            }
            guard case .word(_, let isCapitals, let shortened) = token, let word = words[index] else {
                negationLeft = 0
                multiplier = 1
                continue
            }
            var emphasis = 1.0
            if isCapitals && capitalsStandOut { emphasis *= lexicon.capsFactor }
            if let phrase = longestPhrase(at: index, words: words, lexicon: lexicon) {
                index += phrase.rest.count
                switch phrase.effect {
                case .multiplier(let factor):
                    multiplier *= factor
                    continue
                case .weight(let weight):
                    sum += weighted(weight * emphasis)
                    continue
                }
            }
            if lexicon.contrasts.contains(word) {
                before = (before + sum) * lexicon.contrastBefore
                sum = 0
                isAfterContrast = true
                negationLeft = 0
                multiplier = 1
                continue
            }
            if lexicon.negators.contains(word) {
                negationLeft = lexicon.negationReach
                continue
            }
            if let factor = lexicon.multipliers[word] {
                multiplier *= factor * (emphasis > 1 ? 1.1 : 1)
                continue
            }
            if var weight = lexicon.words[word] {
                if shortened != nil { emphasis *= lexicon.elongationFactor }
                weight *= emphasis
                sum += weighted(weight)
                continue
            }
            if negationLeft > 0 { negationLeft -= 1 }
        }

        func weighted(_ weight: Double) -> Double {
            var weight = weight * multiplier
            if negationLeft > 0 {
                weight *= lexicon.negationFactor
                negationLeft -= 1
            }
            multiplier = 1
            return weight
        }

        var total = before + sum * (isAfterContrast ? lexicon.contrastAfter : 1)
        if total != 0 {
            let marks = Double(min(exclamations, lexicon.exclamationMax))
            total += (total > 0 ? 1 : -1) * lexicon.exclamationStep * marks
            if hasQuestion && exclamations == 0 { total *= lexicon.questionFactor }
        }
        return max(-1, min(1, total / (total * total + lexicon.normalization).squareRoot()))
    }

    /// The spelling of a word that the lists know: as typed, else with its letter runs shortened to two, else to
    /// one; nil for an empty (over-long) word.
    private static func canonical(_ word: String, shortened: (String, String)?, lexicon: SentimentLexicon) -> String? {
        if word.isEmpty { return nil }
        guard let (two, one) = shortened, !lexicon.known.contains(word) else { return word }
        if lexicon.known.contains(two) { return two }
        if lexicon.known.contains(one) { return one }
        return word
    }

    /// The longest phrase whose words start at `index`, with no clause break inside.
    private static func longestPhrase(
        at index: Int, words: [String?], lexicon: SentimentLexicon
    ) -> SentimentLexicon.Phrase? {
        guard let first = words[index], let candidates = lexicon.phrases[first] else { return nil }
        candidates: for phrase in candidates where index + phrase.rest.count < words.count {
            for (offset, part) in phrase.rest.enumerated() where words[index + 1 + offset] != part {
                continue candidates
            }
            return phrase
        }
        return nil
    }
}

/// The label of a sentiment score, with the project's thresholds.
package enum SentimentLabel: String, Sendable {
    case veryNegative = "very_negative"
    case negative
    case neutral
    case positive
    case veryPositive = "very_positive"

    /// very_negative ≤ -0.6 < negative < -0.15 ≤ neutral ≤ 0.15 < positive < 0.6 ≤ very_positive.
    package init(score: Double) {
        switch score {
        case ...(-0.6): self = .veryNegative
        case ..<(-0.15): self = .negative
        case 0.6...: self = .veryPositive
        case let value where value > 0.15: self = .positive
        default: self = .neutral
        }
    }
}
