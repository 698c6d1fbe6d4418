import TouchpointCore

/// The texts an `equals` or `in` test accepts: a text matches as written, or lowercased (so choices written in
/// lower case ignore case).
///
/// Most tests have one to a few choices (`"$call" equals "page"`, tried ten times per Segment message), so they
/// are compared in a list instead of hashed, and a text with no upper-case letter is not lowercased again.
struct TextChoices: Sendable {
    private let list: [String]
    private let set: Set<String>

    init(_ choices: Set<String>) {
        set = choices
        list = choices.count <= 8 ? choices.sorted() : []
    }

    func contains(_ text: String) -> Bool {
        if has(text) { return true }
        guard let lowered = text.lowercasedIfChanged else { return false }
        return has(lowered)
    }

    private func has(_ text: String) -> Bool {
        guard list.isEmpty else { return list.contains(text) }
        return set.contains(text)
    }
}
