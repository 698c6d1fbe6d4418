import TouchpointJSON

extension Timestamp {
    /// Appends the RFC 3339 text (`2026-10-02T14:33:10.000Z`) as bytes, without building a `String`.
    ///
    /// Every event carries one or two timestamps, so writers call this once or twice per record; the `String`
    /// concatenation the old `description` used was a visible cost of normalize; `description` now calls this.
    package func appendRFC3339(to output: inout [UInt8]) {
        let totalSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millis = Int(milliseconds - totalSeconds * 1000)
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondOfDay = Int(totalSeconds - days * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        let yearFits = year >= 0 && year <= 9999
        if !yearFits { Timestamp.appendYear(year, to: &output) }
        // 24 bytes on the stack, filled in place, appended in one piece.
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &text) { bytes in
            func put(_ value: Int, at offset: Int) {
                bytes[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
                bytes[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
            }
            put(yearFits ? year / 100 : 0, at: 0)
            put(yearFits ? year % 100 : 0, at: 2)
            bytes[4] = UInt8(ascii: "-")
            put(month, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(day, at: 8)
            bytes[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, at: 11)
            bytes[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, at: 14)
            bytes[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, at: 17)
            bytes[19] = UInt8(ascii: ".")
            bytes[20] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: millis / 100)
            put(millis % 100, at: 21)
            bytes[23] = UInt8(ascii: "Z")
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(yearFits ? 0 : 4)...]))
        }
    }

    /// A year RFC 3339 cannot hold (before 0 or after 9999), written as its digits with at least four of them and
    /// a sign when negative, so far-off instants stay readable instead of wrapping.
    private static func appendYear(_ year: Int, to output: inout [UInt8]) {
        if year < 0 { output.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        var rest = year.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < 4 { digits.append(UInt8(ascii: "0")) }
        output.append(contentsOf: digits.reversed())
    }
}
