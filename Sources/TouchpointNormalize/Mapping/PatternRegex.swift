import Glibc

/// A POSIX extended regular expression (regcomp), compiled once when the mapping loads.
///
/// The system's matcher works on bytes, needs no package, and has no backtracking blow-up on hostile text, which
/// matters for patterns run over anyone's posts and URLs.
final class PatternRegex: @unchecked Sendable {
    let pattern: String
    private var compiled = regex_t()
    private let groupCount: Int
    private let memo = TextMemo<[Range<Int>?]?>()

    init(_ pattern: String, caseInsensitive: Bool = false) throws(PathError) {
        self.pattern = pattern
        let flags = REG_EXTENDED | (caseInsensitive ? REG_ICASE : 0)
        let status = regcomp(&compiled, pattern, flags)
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(status, &compiled, &message, message.count)
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PathError("not a POSIX extended regular expression: " + text)
        }
        groupCount = Int(compiled.re_nsub)
    }

    deinit { regfree(&compiled) }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool { groups(of: text) != nil }

    /// The text of `group` (0: the whole match) of the first match, or nil when there is none or the group did not
    /// take part.
    func capture(_ text: String, group: Int) -> String? {
        guard group <= groupCount, let groups = groups(of: text), let range = groups[group] else { return nil }
        return String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    /// The byte range of each group of the first match (nil for a group that did not take part), nil without a
    /// match; remembered for the texts seen last.
    private func groups(of text: String) -> [Range<Int>?]? {
        memo.value(for: text) { text in
            var groups = [regmatch_t](repeating: regmatch_t(), count: groupCount + 1)
            // regexec needs a NUL-terminated string; text holding a NUL is cut there, as C would.
            let status = text.withCString { regexec(&compiled, $0, groups.count, &groups, 0) }
            guard status == 0 else { return nil }
            return groups.map { $0.rm_so >= 0 ? Int($0.rm_so)..<Int($0.rm_eo) : nil }
        }
    }

    var captureGroups: Int { groupCount }
}
