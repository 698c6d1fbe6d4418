extension UnsafeBufferPointer<UInt8> {
    /// The index of the first `"` at or after `start` that no backslash escapes, and whether a backslash came
    /// before it; nil when the quote is never closed. logfmt's quoted values and syslog's PARAM-VALUEs are both
    /// delimited this way (their escapes differ, and are decoded by each format).
    func closingQuote(from start: Int) -> (index: Int, hasEscape: Bool)? {
        var index = start
        var hasEscape = false
        while index < count && self[index] != UInt8(ascii: "\"") {
            if self[index] == UInt8(ascii: "\\") {
                hasEscape = true
                index += 1
            }
            index += 1
        }
        return index < count ? (index, hasEscape) : nil
    }
}
