/// A span of event time, in milliseconds.
///
/// Settings write durations the way people say them (`48h`, `7d`, `90s`, `500ms`, `1h30m`); `Duration(parsing:)`
/// reads that form and `description` writes it back, so a setting echoed in a message reads as the user wrote it.
package struct Duration: Comparable, Hashable, Sendable, CustomStringConvertible {
    package var milliseconds: Int64

    package init(milliseconds: Int64) { self.milliseconds = milliseconds }

    package static let zero = Duration(milliseconds: 0)

    package static func seconds(_ count: Int64) -> Duration { Duration(milliseconds: count * 1000) }
    package static func minutes(_ count: Int64) -> Duration { Duration(milliseconds: count * 60_000) }
    package static func hours(_ count: Int64) -> Duration { Duration(milliseconds: count * 3_600_000) }
    package static func days(_ count: Int64) -> Duration { Duration(milliseconds: count * 86_400_000) }

    package static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    package static func + (lhs: Duration, rhs: Duration) -> Duration {
        Duration(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }

    package static func * (lhs: Duration, rhs: Int64) -> Duration { Duration(milliseconds: lhs.milliseconds * rhs) }

    package var seconds: Double { Double(milliseconds) / 1000 }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Reads `7d`, `48h`, `30m`, `90s`, `250ms` or a sum of them (`1h30m`); nil for anything else, negative values
    /// included. A bare `0` is zero.
    package init?(parsing text: String) {
        if text == "0" {
            milliseconds = 0
            return
        }
        var total: Int64 = 0
        var bytes = Substring(text).utf8[...]
        guard !bytes.isEmpty else { return nil }
        while !bytes.isEmpty {
            let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !digits.isEmpty, digits.count <= 12, let count = Int64(Substring(digits)) else { return nil }
            bytes = bytes.dropFirst(digits.count)
            let letters = bytes.prefix { $0 >= 0x61 && $0 <= 0x7A }
            guard let unit = Self.units.first(where: { $0.suffix.utf8.elementsEqual(letters) }) else { return nil }
            bytes = bytes.dropFirst(letters.count)
            total += count * unit.milliseconds
        }
        milliseconds = total
    }

    /// The largest units that write the span exactly: `2d`, `36h`, `1h30m`, `1500ms`; `0` for zero.
    package var description: String {
        guard milliseconds != 0 else { return "0" }
        var rest = milliseconds < 0 ? -milliseconds : milliseconds
        var text = milliseconds < 0 ? "-" : ""
        for unit in Self.units where rest >= unit.milliseconds {
            if unit.suffix == "ms" || rest % unit.milliseconds == 0 || unit.milliseconds >= 60_000 {
                let count = rest / unit.milliseconds
                guard count > 0 else { continue }
                text += "\(count)\(unit.suffix)"
                rest -= count * unit.milliseconds
            }
            if rest == 0 { break }
        }
        return text
    }
}
