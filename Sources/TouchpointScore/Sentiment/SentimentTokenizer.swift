/// One unit of text for `SentimentAnalyzer`.
package enum SentimentToken: Sendable, Equatable {
    /// A word, lowercased, with whether it was typed in capitals (two or more letters, all upper case) and its
    /// spelling with runs of three or more letters shortened to two and to one ("sooo" → "soo", "so"), when it
    /// had such runs. A word longer than `SentimentTokenizer.longestWord` bytes is kept as an empty word: no list
    /// has it, and copying it would only cost time.
    case word(String, isCapitals: Bool, shortened: (String, String)?)
    /// An emoji or emoticon, with its weight.
    case emoji(Double)
    /// A clause break: `,` `.` `;` `:` `…` and the marks counted separately, `!` and `?`.
    case clauseBreak

    package static func == (left: SentimentToken, right: SentimentToken) -> Bool {
        switch (left, right) {
        case (.word(let a, let capsA, let shortA), .word(let b, let capsB, let shortB)):
            return a == b && capsA == capsB && shortA?.0 == shortB?.0 && shortA?.1 == shortB?.1
        case (.emoji(let a), .emoji(let b)): return a == b
        case (.clauseBreak, .clauseBreak): return true
        default: return false
        }
    }
}

/// Splits text into `SentimentToken`s in one pass over its UTF-8 bytes.
///
/// Linear time: every byte is looked at a constant number of times. ASCII is lowercased on the byte; no
/// per-character Unicode work is done for ASCII text. A word is letters and digits, with `'` (or `’`) and `-`
/// inside it, and `/` between digits (`10/10`, `1/5`). Outside ASCII only `’` `‘` (apostrophes), `…` (a clause
/// break) and the emoji listed in the lexicon mean something; other scalars separate words. Emoticons (`:)`,
/// `<3`) are matched on at most three bytes at a punctuation byte.
package enum SentimentTokenizer {
    /// Words longer than this are never looked up (the longest listed entry is far shorter).
    package static let longestWord = 48

    /// The tokens of `text`, the number of `!` and whether it has a `?`.
    package static func tokens(
        _ text: String, lexicon: SentimentLexicon
    ) -> (tokens: [SentimentToken], exclamations: Int, hasQuestion: Bool) {
        var text = text
        return text.withUTF8 { tokens(bytes: $0, lexicon: lexicon) }
    }

    static func tokens(
        bytes: UnsafeBufferPointer<UInt8>, lexicon: SentimentLexicon
    ) -> (tokens: [SentimentToken], exclamations: Int, hasQuestion: Bool) {
        var tokens: [SentimentToken] = []
        var exclamations = 0
        var hasQuestion = false
        var word: [UInt8] = []
        var letters = 0
        var capitals = 0
        var length = 0
        var runByte: UInt8 = 0
        var runLength = 0
        var hasLongRun = false
        var toTwo: [UInt8] = []
        var toOne: [UInt8] = []

        func finishWord() {
            guard length > 0 else { return }
            let isCapitals = letters >= 2 && capitals == letters
            if length > longestWord {
                tokens.append(.word("", isCapitals: false, shortened: nil))
            } else {
                let shortened =
                    hasLongRun
                    ? (String(decoding: toTwo, as: UTF8.self), String(decoding: toOne, as: UTF8.self)) : nil
                tokens.append(
                    .word(String(decoding: word, as: UTF8.self), isCapitals: isCapitals, shortened: shortened))
            }
            word.removeAll(keepingCapacity: true)
            toTwo.removeAll(keepingCapacity: true)
            toOne.removeAll(keepingCapacity: true)
            letters = 0
            capitals = 0
            length = 0
            runLength = 0
            runByte = 0
            hasLongRun = false
        }

        func append(_ byte: UInt8) {
            length += 1
            if byte == runByte {
                runLength += 1
            } else {
                runByte = byte
                runLength = 1
            }
            if runLength >= 3 && byte >= 0x61 && byte <= 0x7A { hasLongRun = true }
            guard length <= longestWord else { return }
            word.append(byte)
            if runLength <= 2 { toTwo.append(byte) }
            if runLength <= 1 { toOne.append(byte) }
        }

        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
        }

        func isApostrophe(at index: Int) -> Int {
            if bytes[index] == 0x27 { return 1 }
            if bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0x99 || bytes[index + 2] == 0x98)
            {
                return 3
            }
            return 0
        }

        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if isWordByte(byte) {
                if byte >= 0x41 && byte <= 0x5A {
                    letters += 1
                    capitals += 1
                    append(byte | 0x20)
                } else {
                    if byte >= 0x61 { letters += 1 }
                    append(byte)
                }
                index += 1
                continue
            }
            if length > 0 {
                // Joiners inside a word: an apostrophe or hyphen before a letter, a slash between digits.
                let apostrophe = isApostrophe(at: index)
                let next = index + max(apostrophe, 1)
                if next < count && isWordByte(bytes[next]) {
                    if apostrophe > 0 {
                        append(0x27)
                        index = next
                        continue
                    }
                    if byte == 0x2D || (byte == 0x2F && runByte >= 0x30 && runByte <= 0x39 && bytes[next] <= 0x39) {
                        append(byte)
                        index = next
                        continue
                    }
                }
                finishWord()
            }
            if byte < 0x80 {
                if let (weight, width) = emoticon(at: index, in: bytes, lexicon: lexicon) {
                    tokens.append(.emoji(weight))
                    index += width
                    continue
                }
                switch byte {
                case UInt8(ascii: "!"):
                    exclamations += 1
                    breakClause(&tokens)
                case UInt8(ascii: "?"):
                    hasQuestion = true
                    breakClause(&tokens)
                case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"):
                    breakClause(&tokens)
                default: break
                }
                index += 1
                continue
            }
            // A non-ASCII scalar: its UTF-8 length from the lead byte (a stray continuation byte counts as 1).
            let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let end = min(index + width, count)
            if width == 3 && end == index + 3 && byte == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA6 {
                breakClause(&tokens)
            } else if width >= 3, let weight = lexicon.emoji[String(decoding: bytes[index..<end], as: UTF8.self)] {
                tokens.append(.emoji(weight))
            }
            index = end
        }
        finishWord()
        return (tokens, exclamations, hasQuestion)
    }

    private static func breakClause(_ tokens: inout [SentimentToken]) {
        if let last = tokens.last, last == .clauseBreak { return }
        tokens.append(.clauseBreak)
    }

    /// The emoticon starting at `index`, longest first (3, then 2 bytes), with its width.
    private static func emoticon(
        at index: Int, in bytes: UnsafeBufferPointer<UInt8>, lexicon: SentimentLexicon
    ) -> (Double, Int)? {
        let byte = bytes[index]
        guard
            byte == 0x3A || byte == 0x3B || byte == 0x3D || byte == 0x3C || byte == 0x3E || byte == 0x5E
                || byte == 0x2D
        else { return nil }
        for width in [3, 2] where index + width <= bytes.count {
            let candidate = bytes[index..<(index + width)]
            // An emoticon ends the run: ":/" in "https://" or ":Dear" is not one.
            if index + width < bytes.count && isLetterOrSlash(bytes[index + width]) { continue }
            if let weight = lexicon.emoticons[String(decoding: candidate, as: UTF8.self)] { return (weight, width) }
        }
        return nil
    }

    private static func isLetterOrSlash(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x2F
    }
}
