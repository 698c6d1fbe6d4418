import Glibc

/// A POSIX extended regular expression (regcomp), compiled once when the mapping loads.
///
/// The system's matcher works on bytes, needs no package, and has no backtracking blow-up on hostile text, which
/// matters for patterns run over anyone's posts and URLs.
final class PatternRegex: @unchecked Sendable {
    let pattern: String
    private var compiled = regex_t()
    private let groupCount: Int

    init(_ pattern: String, caseInsensitive: Bool = false) throws(PathError) {
        self.pattern = pattern
        let flags = REG_EXTENDED | (caseInsensitive ? REG_ICASE : 0)
        let status = regcomp(&compiled, pattern, flags)
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(status, &compiled, &message, message.count)
            throw PathError("not a POSIX extended regular expression: " + String(cString: message))
        }
        groupCount = Int(compiled.re_nsub)
    }

    deinit { regfree(&compiled) }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool { capture(text, group: 0) != nil }

    /// The text of `group` (0: the whole match) of the first match, or nil when there is none or the group did not
    /// take part.
    func capture(_ text: String, group: Int) -> String? {
        guard group <= groupCount else { return nil }
        var groups = [regmatch_t](repeating: regmatch_t(), count: groupCount + 1)
        // regexec needs a NUL-terminated string; text holding a NUL is cut there, as C would.
        let status = text.withCString { regexec(&compiled, $0, groups.count, &groups, 0) }
        guard status == 0 else { return nil }
        let match = groups[group]
        guard match.rm_so >= 0 else { return nil }
        let utf8 = Array(text.utf8)
        return String(decoding: utf8[Int(match.rm_so)..<Int(match.rm_eo)], as: UTF8.self)
    }

    var captureGroups: Int { groupCount }
}
