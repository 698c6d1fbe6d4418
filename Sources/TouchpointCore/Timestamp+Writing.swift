import TouchpointJSON

extension Timestamp {
    /// Appends `description` (`2026-10-02T14:33:10.000Z`) as bytes, without building a `String`.
    ///
    /// Every event carries one or two timestamps, so writers call this once or twice per record; the `String`
    /// concatenation behind `description` was a visible cost of normalize. Years outside 0...9999 (which no
    /// channel writes) take the `description` path, so the two can never disagree.
    package func appendRFC3339(to output: inout [UInt8]) {
        let totalSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millis = Int(milliseconds - totalSeconds * 1000)
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondOfDay = Int(totalSeconds - days * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        guard year >= 0 && year <= 9999 else {
            var text = description
            text.withUTF8 { output.append(contentsOf: $0) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { text in
            func put(_ value: Int, width: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, width: 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, width: 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, width: 2, at: 17)
            text[19] = UInt8(ascii: ".")
            put(millis, width: 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            output.append(contentsOf: UnsafeBufferPointer(text))
        }
    }
}
