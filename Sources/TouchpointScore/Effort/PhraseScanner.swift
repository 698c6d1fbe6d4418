/// Finds any of a list of phrases in free text, in one pass over its UTF-8 bytes, case-insensitively and on whole
/// words: the matcher behind the `repeated_information` effort driver.
///
/// Text and phrases are read the same way (`TextFolding`): ASCII letters lowercased on the byte, punctuation and runs
/// of spaces read as one space, sentence breaks ending a match. Every phrase, folded to `" word word "`, is one
/// pattern of an Aho-Corasick automaton compiled to a full transition table over the bytes the phrases use, so a
/// text costs one table step per byte, whatever the number of phrases, with no backtracking and no allocation;
/// scanning stops at the first phrase that counts.
///
/// A cancelling phrase ("didn't have to") is a pattern too. A phrase that begins at most `reach` words after the
/// newest cancelling phrase of its sentence ended (or inside it) does not count: "I didn't have to repeat myself".
package struct PhraseScanner: Sendable {
    /// One listed phrase as written and as the scanner reads it.
    package struct Phrase: Sendable {
        package let text: String
        /// Its words, lowercase, each with one space before and after: `" told you already "`.
        package let folded: [UInt8]
        package let words: Int

        /// Folds `text`; a phrase without a word, with a sentence break inside or too long cannot be listed.
        package init(_ text: String) throws(PhraseProblem) {
            var sink = PhraseFolding()
            text.utf8.withContiguousBytes { TextFolding.fold($0, into: &sink) }
            guard sink.words > 0 else { throw .noWord }
            guard sink.breaks == 0 else { throw .sentenceBreak }
            guard sink.bytes.count <= Self.longest + 2 else { throw .tooLong }
            self.text = text
            folded = sink.bytes
            words = sink.words
        }

        /// The longest phrase, folded, in bytes: it bounds the automaton's size.
        package static let longest = 100
    }

    /// Why a phrase cannot be listed.
    package enum PhraseProblem: Error, CustomStringConvertible {
        case noWord
        case sentenceBreak
        case tooLong

        package var description: String {
            switch self {
            case .noWord: "has no word (a letter or digit)"
            case .sentenceBreak: "has a sentence break (. ! ? ; or a blank line) inside, so it could never match"
            case .tooLong: "is longer than \(Phrase.longest) bytes"
            }
        }
    }

    /// The transition class of each byte: 0 a word byte no phrase uses, 1 the space, then one per byte used.
    private let classes: [UInt8]
    private let classCount: Int
    /// The next state, at `state * classCount + class`.
    private let transitions: [Int32]
    /// What ends at each state: `outputs[outputStart[s]..<outputStart[s + 1]]`, a phrase's word count, negated for a
    /// cancelling phrase.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// The state after a space: where every phrase begins.
    private let start: Int32
    private let hasPhrases: Bool
    package let reach: Int

    package init(phrases: [Phrase], cancelling: [Phrase], reach: Int) {
        self.reach = reach
        hasPhrases = !phrases.isEmpty
        var classes = [UInt8](repeating: 0, count: 256)
        classes[0x20] = 1
        var classCount = 2
        for phrase in phrases + cancelling {
            for byte in phrase.folded where classes[Int(byte)] == 0 && byte != 0x20 {
                classes[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        // The trie: -1 where a state has no child yet.
        var table = [Int32](repeating: -1, count: classCount)
        var own: [[Int32]] = [[]]
        func insert(_ phrase: Phrase, value: Int32) {
            var state = 0
            for byte in phrase.folded {
                let slot = state * classCount + Int(classes[Int(byte)])
                if table[slot] < 0 {
                    table[slot] = Int32(own.count)
                    table.append(contentsOf: repeatElement(-1, count: classCount))
                    own.append([])
                }
                state = Int(table[slot])
            }
            own[state].append(value)
        }
        for phrase in phrases { insert(phrase, value: Int32(phrase.words)) }
        for phrase in cancelling { insert(phrase, value: -Int32(phrase.words)) }
        // Breadth first, each state's failure is complete before its children need it: missing transitions take the
        // failure's, and a state's outputs are its own and its failure's.
        var failure = [Int32](repeating: 0, count: own.count)
        var merged = own
        var queue: [Int32] = []
        for slot in 0..<classCount {
            if table[slot] < 0 { table[slot] = 0 } else { queue.append(table[slot]) }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let fallback = Int(failure[state])
            merged[state] = own[state] + merged[fallback]
            for symbol in 0..<classCount {
                let slot = state * classCount + symbol
                let viaFailure = table[fallback * classCount + symbol]
                if table[slot] < 0 {
                    table[slot] = viaFailure
                } else {
                    failure[Int(table[slot])] = viaFailure
                    queue.append(table[slot])
                }
            }
        }
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for values in merged {
            outputs += values
            outputStart.append(Int32(outputs.count))
        }
        self.classes = classes
        self.classCount = classCount
        transitions = table
        self.outputStart = outputStart
        self.outputs = outputs
        start = table[1]
    }

    /// Whether `text` holds a phrase that no cancelling phrase shortly before it cancels.
    package func containsPhrase(in text: String) -> Bool {
        guard hasPhrases else { return false }
        var scan = Scan(scanner: self)
        text.utf8.withContiguousBytes { TextFolding.fold($0, into: &scan) }
        return scan.isFinished
    }

    /// One text's pass through the automaton.
    private struct Scan: FoldedTextSink {
        let scanner: PhraseScanner
        var state: Int32
        /// Words begun so far: the number of the current or last word.
        var words = 0
        /// The first and last word of the newest cancelling phrase in this sentence.
        var cancel: (first: Int, last: Int)?
        var isFinished = false

        init(scanner: PhraseScanner) {
            self.scanner = scanner
            state = scanner.start
        }

        mutating func wordByte(_ byte: UInt8, isFirst: Bool) {
            if isFirst { words += 1 }
            step(Int(scanner.classes[Int(byte)]))
        }

        mutating func wordEnd() {
            step(1)
            let first = Int(scanner.outputStart[Int(state)])
            let end = Int(scanner.outputStart[Int(state) + 1])
            guard first < end else { return }
            // Every pattern ends with a space, so each output ends at the word just finished.
            for index in first..<end where scanner.outputs[index] < 0 {
                let begin = words + Int(scanner.outputs[index]) + 1
                if let cancel, cancel.last == words, cancel.first <= begin { continue }
                cancel = (begin, words)
            }
            for index in first..<end where scanner.outputs[index] > 0 {
                let begin = words - Int(scanner.outputs[index]) + 1
                let isCancelled = cancel.map { $0.first < begin && begin - $0.last - 1 <= scanner.reach } ?? false
                if !isCancelled {
                    isFinished = true
                    return
                }
            }
        }

        mutating func sentenceBreak() {
            state = scanner.start
            cancel = nil
        }

        private mutating func step(_ symbol: Int) {
            state = scanner.transitions[Int(state) * scanner.classCount + symbol]
        }
    }

    /// A phrase's folded bytes, word count and sentence breaks.
    private struct PhraseFolding: FoldedTextSink {
        var bytes: [UInt8] = [0x20]
        var words = 0
        var breaks = 0
        var isFinished: Bool { false }

        mutating func wordByte(_ byte: UInt8, isFirst: Bool) {
            if isFirst { words += 1 }
            bytes.append(byte)
        }

        mutating func wordEnd() { bytes.append(0x20) }
        mutating func sentenceBreak() { breaks += 1 }
    }
}

/// What `TextFolding` reports as it reads a text.
protocol FoldedTextSink {
    /// One byte of a word: ASCII letters lowercased, digits, an apostrophe between letters, other UTF-8 bytes as
    /// they are; `isFirst` at a word's first byte.
    mutating func wordByte(_ byte: UInt8, isFirst: Bool)
    /// The end of a word (at a separator, a sentence break or the end of the text).
    mutating func wordEnd()
    /// A sentence break: `.`, `!`, `?`, `;`, `…` or a blank line; a run of them is one.
    mutating func sentenceBreak()
    /// Whether the reader may stop.
    var isFinished: Bool { get }
}

/// How phrase matching reads text, on bytes, in one pass, with no Unicode tables.
///
/// Word bytes are ASCII letters (lowercased) and digits, other UTF-8 text (accented letters, other scripts), and an
/// apostrophe (`'`, or a curly `’` `‘`, read as `'`) between a word byte and an ASCII letter or digit ("didn't",
/// "I’ve"). Everything else separates words: ASCII punctuation and spaces, a single line break, the no-break space,
/// general punctuation and symbols (U+2000–U+2BFF: dashes, curly quotes, bullets, currency signs, arrows),
/// variation selectors and emoji (U+1F000 and up). `.`, `!`, `?`, `;`, `…` and a blank line are sentence breaks.
enum TextFolding {
    private enum Byte {
        case word(UInt8)
        case apostrophe
        case separator
        case newline
        case sentenceBreak
    }

    static func fold<Sink: FoldedTextSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) {
        let count = bytes.count
        var index = 0
        var isInWord = false
        var newlines = 0
        var isAfterBreak = false
        func endWord() {
            guard isInWord else { return }
            isInWord = false
            sink.wordEnd()
        }
        func breakSentence() {
            guard !isAfterBreak else { return }
            isAfterBreak = true
            sink.sentenceBreak()
        }
        while index < count && !sink.isFinished {
            let byte = bytes[index]
            var length = 1
            let kind: Byte
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kind = .word(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .word(byte)
            case UInt8(ascii: "'"): kind = .apostrophe
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"): kind = .sentenceBreak
            case UInt8(ascii: "\n"): kind = .newline
            case 0xC2 where index + 1 < count && bytes[index + 1] == 0xA0:
                (kind, length) = (.separator, 2)
            case 0xE2 where index + 2 < count && (0x80...0xAF).contains(bytes[index + 1]):
                length = 3
                let third = bytes[index + 2]
                if bytes[index + 1] == 0x80 && (third == 0x98 || third == 0x99) {
                    kind = .apostrophe
                } else {
                    kind = bytes[index + 1] == 0x80 && third == 0xA6 ? .sentenceBreak : .separator
                }
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xB8 && (0x80...0x8F).contains(bytes[index + 2]):
                (kind, length) = (.separator, 3)
            case 0xF0 where index + 1 < count && bytes[index + 1] == 0x9F:
                (kind, length) = (.separator, min(4, count - index))
            case 0x80...: kind = .word(byte)
            default: kind = .separator
            }
            index += length
            switch kind {
            case .word(let value):
                sink.wordByte(value, isFirst: !isInWord)
                isInWord = true
                newlines = 0
                isAfterBreak = false
            case .apostrophe:
                if isInWord, index < count, Self.isASCIILetterOrDigit(bytes[index]) {
                    sink.wordByte(UInt8(ascii: "'"), isFirst: false)
                } else {
                    endWord()
                }
            case .separator:
                endWord()
            case .newline:
                endWord()
                newlines += 1
                if newlines == 2 { breakSentence() }
            case .sentenceBreak:
                endWord()
                breakSentence()
            }
        }
        endWord()
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

extension String.UTF8View {
    /// Runs `body` on the bytes, in place for a native string.
    fileprivate func withContiguousBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        return Array(self).withUnsafeBytes(body)
    }
}
