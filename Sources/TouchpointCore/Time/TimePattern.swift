/// A user-given time layout in strftime's notation, compiled once when a mapping is loaded.
///
/// Directives: `%Y` (four-digit year), `%y` (two digits: 69–99 are 19xx, 00–68 20xx, as POSIX says), `%m` and
/// `%d` (one or two digits), `%e` (day, space-padded), `%b`/`%B`/`%h` (an English month name, abbreviated or in
/// full, any case), `%a`/`%A` (a weekday name, skipped), `%H` (hour 0–23), `%I` with `%p` (hour 1–12 and
/// AM/PM), `%M`, `%S`, `%f` (a fraction of any length, truncated to milliseconds, without its separator),
/// `%z` (`+hhmm`, `+hh:mm`, `+hh` or `Z`), `%Z` (only `UTC`, `GMT` or `Z`: other abbreviations name several
/// zones, so they are refused rather than guessed), `%T` (`%H:%M:%S`), `%F` (`%Y-%m-%d`) and `%%`. Any other
/// character must appear as written, except that a run of spaces matches one or more spaces.
///
/// A month and a day are required. A layout without a year (`%b %e %H:%M:%S`) takes the syslog year rule, so it
/// needs the record's received time. Without `%z` or `%Z` the zone decides.
package struct TimePattern: Equatable, Sendable, CustomStringConvertible {
    /// The layout as the mapping wrote it.
    package let description: String
    let elements: [Element]
    let hasYear: Bool

    enum Field: Equatable, Sendable {
        case year4, year2, month, day, spacePaddedDay, monthName, weekdayName, hour24, hour12, meridiem, minute
        case second, fraction, numericOffset, offsetName
    }

    enum Element: Equatable, Sendable {
        case field(Field)
        case literal(UInt8)
        case spaces
    }

    /// Compiles `layout`; nil when it uses an unknown directive, ends in a lone `%`, mixes `%I` and `%H`, lacks
    /// `%p` for `%I`, or names no month or no day.
    package init?(_ layout: String) {
        var elements: [Element] = []
        var bytes = Array(layout.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: " ") {
                while bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }
                elements.append(.spaces)
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                elements.append(.literal(byte))
                continue
            }
            guard let directive = bytes.popFirst() else { return nil }
            switch directive {
            case UInt8(ascii: "%"): elements.append(.literal(byte))
            case UInt8(ascii: "T"):
                elements += [.field(.hour24), .literal(0x3A), .field(.minute), .literal(0x3A)]
                elements.append(.field(.second))
            case UInt8(ascii: "F"):
                elements += [.field(.year4), .literal(0x2D), .field(.month), .literal(0x2D)]
                elements.append(.field(.day))
            default:
                guard let field = Self.directives[directive] else { return nil }
                elements.append(.field(field))
            }
        }
        let fields = elements.compactMap { element -> Field? in
            if case .field(let field) = element { return field }
            return nil
        }
        let has12Hour = fields.contains(.hour12)
        guard fields.contains(where: { [.month, .monthName].contains($0) }),
            fields.contains(where: { [.day, .spacePaddedDay].contains($0) }),
            has12Hour == fields.contains(.meridiem), !(has12Hour && fields.contains(.hour24))
        else { return nil }
        self.description = layout
        self.elements = elements
        self.hasYear = fields.contains(.year4) || fields.contains(.year2)
    }

    private static let directives: [UInt8: Field] = [
        UInt8(ascii: "Y"): .year4, UInt8(ascii: "y"): .year2, UInt8(ascii: "m"): .month, UInt8(ascii: "d"): .day,
        UInt8(ascii: "e"): .spacePaddedDay, UInt8(ascii: "b"): .monthName, UInt8(ascii: "B"): .monthName,
        UInt8(ascii: "h"): .monthName, UInt8(ascii: "a"): .weekdayName, UInt8(ascii: "A"): .weekdayName,
        UInt8(ascii: "H"): .hour24, UInt8(ascii: "I"): .hour12, UInt8(ascii: "p"): .meridiem,
        UInt8(ascii: "M"): .minute, UInt8(ascii: "S"): .second, UInt8(ascii: "f"): .fraction,
        UInt8(ascii: "z"): .numericOffset, UInt8(ascii: "Z"): .offsetName,
    ]

    package static func == (lhs: TimePattern, rhs: TimePattern) -> Bool { lhs.description == rhs.description }
}
