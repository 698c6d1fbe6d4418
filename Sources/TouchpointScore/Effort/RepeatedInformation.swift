import TouchpointCore

/// The `repeated_information` effort driver: the customer says they had to give the same information again ("had to
/// repeat my order number", "explained it three times", "told you already"), read from the text of a support
/// contact, a chat, a survey comment or a post (docs/stages/score.md, "Effort from behaviour").
///
/// The phrases are data: the built-in list is the file Builtin/effort/repeated-information.json, and the settings
/// section `repeated_information` has the same keys: `types` (the event types whose `text` is read), `phrases`
/// (replaces the list whole), `add_phrases` (adds to the list in force), `not_after` (phrases that cancel one that
/// begins at most `not_after_words` words after them, in the same sentence: "I didn't have to repeat myself") and
/// `not_after_words`. Matching is `PhraseScanner`'s: whole words, case-insensitive, linear in the text.
package struct RepeatedInformation: Sendable {
    /// Event types whose text is read.
    package var types: Set<String>
    package private(set) var phrases: [PhraseScanner.Phrase]
    package private(set) var notAfter: [PhraseScanner.Phrase]
    package private(set) var scanner: PhraseScanner

    static let keys = ["about", "types", "phrases", "add_phrases", "not_after", "not_after_words"]
    /// At most this many phrases in a list, so that the automaton stays small.
    static let mostPhrases = 2_000

    /// The built-in list (Builtin/effort/repeated-information.json).
    package static let builtin: RepeatedInformation = {
        guard let file = BuiltinFiles.all.first(where: { $0.path == "effort/repeated-information.json" }) else {
            fatalError("the built-in repeated-information phrases are missing from Builtin/effort")
        }
        var problems = ConfigProblems()
        do throws(ConfigError) {
            let root = try ConfigFile(text: file.text, path: "builtin:" + file.path).root
            if let builtin = read(root, over: nil, problems: &problems), problems.errors.isEmpty { return builtin }
        } catch {
            problems.note(error)
        }
        fatalError("the built-in repeated-information phrases are invalid: \(problems.errors)")
    }()

    private init(types: Set<String>, phrases: [PhraseScanner.Phrase], notAfter: [PhraseScanner.Phrase], reach: Int) {
        self.types = types
        self.phrases = phrases
        self.notAfter = notAfter
        scanner = PhraseScanner(phrases: phrases, cancelling: notAfter, reach: reach)
    }

    /// Whether the event is of a listed type and its text holds a phrase.
    package func isShown(by event: Event) -> Bool {
        guard types.contains(event.type), let text = event.text, !text.isEmpty else { return false }
        return scanner.containsPhrase(in: text)
    }

    /// The section over `defaults` (the built-in file itself is read over nil, so it must name every key but
    /// `add_phrases`); each problem, every bad phrase among them, is noted with its JSON path. Nil when there was one.
    static func read(_ value: ConfigValue?, over defaults: RepeatedInformation?, problems: inout ConfigProblems)
        -> RepeatedInformation?
    {
        guard let value else { return defaults }
        let errorsBefore = problems.errors.count
        guard problems.check({ () throws(ConfigError) in try value.members() }) != nil else { return nil }
        _ = problems.check { () throws(ConfigError) in try value.checkKeys(keys) }
        func member(_ key: String) -> ConfigValue? { try? value.optional(key) }
        func missing(_ key: String) { problems.note(value.error("missing \"\(key)\"")) }
        let types = problems.check { () throws(ConfigError) -> [String]? in
            guard let list = member("types") else { return defaults.map { $0.types.sorted() } }
            return try ScoreSettings.strings(list)
        }
        var phrases = member("phrases").map { phraseList($0, problems: &problems) } ?? defaults?.phrases
        if let added = member("add_phrases").map({ phraseList($0, problems: &problems) }), let base = phrases {
            let listed = Set(base.map(\.folded))
            phrases = base + added.filter { !listed.contains($0.folded) }
            if phrases!.count > mostPhrases {
                problems.note(member("add_phrases")!.error("more than \(mostPhrases) phrases in all"))
            }
        }
        let notAfter = member("not_after").map { phraseList($0, problems: &problems) } ?? defaults?.notAfter
        let reach = problems.check { () throws(ConfigError) -> Int? in
            try member("not_after_words")?.integer(in: 0...10) ?? defaults?.scanner.reach
        }
        if defaults == nil {
            for key in ["types", "phrases", "not_after", "not_after_words"] where member(key) == nil { missing(key) }
        }
        guard problems.errors.count == errorsBefore, let types, let phrases, let notAfter, let reach else { return nil }
        return RepeatedInformation(types: Set(types), phrases: phrases, notAfter: notAfter, reach: reach)
    }

    /// The phrases of a list in order; each bad one (not a string, no word, a sentence break inside, too long,
    /// listed twice once folded) is noted and left out.
    private static func phraseList(_ list: ConfigValue, problems: inout ConfigProblems) -> [PhraseScanner.Phrase] {
        guard let elements = problems.check({ () throws(ConfigError) in try list.array() }) else { return [] }
        if elements.count > mostPhrases { problems.note(list.error("more than \(mostPhrases) phrases")) }
        var phrases: [PhraseScanner.Phrase] = []
        var listed: Set<[UInt8]> = []
        for element in elements {
            let phrase = problems.check { () throws(ConfigError) -> PhraseScanner.Phrase? in
                let text = try element.string()
                let phrase: PhraseScanner.Phrase
                do {
                    phrase = try PhraseScanner.Phrase(text)
                } catch {
                    throw element.error("\"\(text)\" \(error)")
                }
                guard listed.insert(phrase.folded).inserted else { throw element.error("\"\(text)\" is listed twice") }
                return phrase
            }
            if let phrase { phrases.append(phrase) }
        }
        return phrases
    }
}
