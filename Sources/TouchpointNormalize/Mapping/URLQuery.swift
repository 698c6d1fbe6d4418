/// The query string of a URL or request path, read as a browser writes it: `a=1&b=x+y`, `+` as a space, `%XX` as
/// the byte. For `query_param` (Segment's `ajs_uid`, a search term, utm campaign) and `url_decode`.
enum URLQuery {
    /// The decoded value of `name` in the query of `url` (after its first `?`, before any `#`); the last of a
    /// repeated name wins; nil when it is not there.
    static func parameter(_ name: String, in url: String) -> String? {
        guard let start = url.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        var query = url.utf8[url.utf8.index(after: start)...]
        if let fragment = query.firstIndex(of: UInt8(ascii: "#")) { query = query[..<fragment] }
        var found: String?
        for pair in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard decoded(parts[0]) == name else { continue }
            found = parts.count > 1 ? decoded(parts[1]) : ""
        }
        return found
    }

    /// `+` as space and `%XX` as the byte; malformed escapes are kept as written, invalid UTF-8 is replaced.
    static func decoded<Bytes: Collection<UInt8>>(_ source: Bytes) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = source.startIndex
        while index < source.endIndex {
            let byte = source[index]
            let next = source.index(after: index)
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), next < source.endIndex, source.index(after: next) < source.endIndex,
                let high = hexValue(source[next]), let low = hexValue(source[source.index(after: next)])
            {
                bytes.append(high << 4 | low)
                index = source.index(after: next)
            } else {
                bytes.append(byte)
            }
            index = source.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
