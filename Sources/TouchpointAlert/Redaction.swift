/// `--redact`: masks what identifies a person in the text an alert carries out of the company (a ticketing tool,
/// a chat channel): e-mail addresses, phone numbers, @handles and the person's own name.
///
/// It works on the text alone, so it errs on the side of masking: a run of seven or more digits that starts a word
/// is taken for a phone (an order number glued to a letter, `O-72913610`, is not). Identifiers a summary quotes
/// from `ids` are masked whole before the summary is written (`EvidenceItem`).
package enum Redaction {
    package static let email = "[email]"
    package static let phone = "[phone]"
    package static let handle = "[handle]"
    package static let name = "[name]"
    package static let identifier = "[redacted]"

    /// The text with e-mails, phones, @handles and each word of `names` (two letters or more) masked.
    package static func redact(_ text: String, names: [String] = []) -> String {
        var characters = Array(text)
        maskEmailsAndHandles(&characters)
        maskPhones(&characters)
        let words = Set(
            names.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }.filter { $0.count >= 2 }.map {
                $0.lowercased()
            })
        if !words.isEmpty { maskWords(&characters, words) }
        return String(characters)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private static func maskEmailsAndHandles(_ characters: inout [Character]) {
        let local: (Character) -> Bool = { isWordCharacter($0) || ".%+-".contains($0) }
        let domain: (Character) -> Bool = { isWordCharacter($0) || ".-".contains($0) }
        var index = characters.count - 1
        while index >= 0 {
            defer { index -= 1 }
            guard characters[index] == "@" else { continue }
            var start = index
            while start > 0 && local(characters[start - 1]) { start -= 1 }
            var end = index + 1
            while end < characters.count && domain(characters[end]) { end += 1 }
            while end > index + 1 && characters[end - 1] == "." { end -= 1 }
            let domainPart = characters[(index + 1)..<end]
            if start < index && domainPart.contains(".") {
                characters.replaceSubrange(start..<end, with: Array(email))
                index = start
            } else if start == index && end > index + 1 {
                characters.replaceSubrange(index..<end, with: Array(handle))
            }
        }
    }

    private static func maskPhones(_ characters: inout [Character]) {
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let startsWord = index == 0 || !(isWordCharacter(characters[index - 1]) || characters[index - 1] == "-")
            guard startsWord, character.isNumber || character == "+" || character == "(" else {
                index += 1
                continue
            }
            var end = index
            var digits = 0
            var lastDigit = index
            while end < characters.count, characters[end].isNumber || " +()-./".contains(characters[end]) {
                if characters[end].isNumber {
                    digits += 1
                    lastDigit = end
                }
                end += 1
            }
            let isWholeWord = lastDigit + 1 >= characters.count || !isWordCharacter(characters[lastDigit + 1])
            if digits >= 7 && isWholeWord {
                characters.replaceSubrange(index...lastDigit, with: Array(phone))
                index += phone.count
            } else {
                index = max(end, index + 1)
            }
        }
    }

    private static func maskWords(_ characters: inout [Character], _ words: Set<String>) {
        var output: [Character] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isLetter else {
                output.append(characters[index])
                index += 1
                continue
            }
            var end = index
            while end < characters.count && characters[end].isLetter { end += 1 }
            let word = characters[index..<end]
            output += words.contains(String(word).lowercased()) ? Array(name) : Array(word)
            index = end
        }
        characters = output
    }
}
