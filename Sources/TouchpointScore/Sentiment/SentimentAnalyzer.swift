/// Scores free text from -1 (very negative) to +1 (very positive) with `SentimentLexicon`.
///
/// The method, in the spirit of VADER (Hutto & Gilbert 2014), small enough to read in one sitting:
/// 1. Lowercase the text and split it into words (letters, digits and apostrophes; `’` counts as `'`).
/// 2. Each lexicon word contributes its weight. An intensifier (`very`, `really`, `so`, `extremely`, …) multiplies
///    the next word's weight; a negator (`not`, `never`, `no`, any `…n't`) multiplies the weights of the next
///    three words by -0.75. A clause break (`,` `.` `;` `:` `!` `?`) ends both.
/// 3. After a contrast word (`but`, `however`, …) words count 1.5×, and words before it 0.5×.
/// 4. Each `!` (up to 4) adds 0.3 to the magnitude of a non-zero sum.
/// 5. The sum `s` is normalized to `s / sqrt(s² + 15)`, which is 0 for no sentiment words and tends to ±1.
package enum SentimentAnalyzer {
    /// The sentiment score of `text`, in [-1, 1]; 0 when it has no lexicon words.
    package static func score(_ text: String) -> Double {
        var sum = 0.0
        var negationLeft = 0
        var boost = 1.0
        var contrastFactorBefore: Double?
        var sumBeforeContrast = 0.0
        for word in words(in: text) {
            if word == clauseBreak {
                negationLeft = 0
                boost = 1
                continue
            }
            if SentimentLexicon.contrasts.contains(word) {
                sumBeforeContrast += sum
                sum = 0
                contrastFactorBefore = 0.5
                negationLeft = 0
                boost = 1
                continue
            }
            if SentimentLexicon.negators.contains(word) || word.hasSuffix("n't") {
                negationLeft = SentimentLexicon.negationReach
                continue
            }
            if let multiplier = SentimentLexicon.intensifiers[word] {
                boost *= multiplier
                continue
            }
            if var weight = SentimentLexicon.weights[word] {
                weight *= boost
                if negationLeft > 0 { weight *= SentimentLexicon.negationFactor }
                sum += weight
            }
            boost = 1
            if negationLeft > 0 { negationLeft -= 1 }
        }
        if let factor = contrastFactorBefore { sum = sumBeforeContrast * factor + sum * 1.5 }
        let exclamations = min(text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "!") ? 1 : 0) }, 4)
        if sum != 0 { sum += (sum > 0 ? 0.3 : -0.3) * Double(exclamations) }
        return sum / (sum * sum + 15).squareRoot()
    }

    /// The token `words(in:)` puts where a clause ends (`,` `.` `;` `:` `!` `?`).
    static let clauseBreak = ","

    /// The text's words, lowercased, with `clauseBreak` tokens where clauses end.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                continue
            }
            if (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty {
                current.unicodeScalars.append("'")
                continue
            }
            if !current.isEmpty {
                words.append(current)
                current = ""
            }
            if [",", ".", ";", ":", "!", "?"].contains(scalar) && words.last != clauseBreak {
                words.append(clauseBreak)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
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
