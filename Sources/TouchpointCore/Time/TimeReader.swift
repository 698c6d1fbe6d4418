/// Reads an event's time from the bytes of one field, trying the formats a mapping lists, first match wins.
///
/// The mapping engine builds one reader per time field when the mapping loads and calls `read` per record, so
/// reading works on the field's bytes with no `String` and no allocation. Output is UTC milliseconds: fractions
/// beyond the millisecond are truncated toward the earlier millisecond, never rounded (so a time never moves
/// into the next second, minute or day).
///
/// Leading and trailing spaces and tabs are ignored; anything else that a format does not describe fails it.
/// Impossible dates (February 30, hour 25) and offsets beyond ±18:00 fail too. A time written without an offset
/// is wall time in the zone (the reader's, or the one a record names), DST-correct as `TimeZoneRules` describes.
///
/// The syslog year rule (RFC 3164 lines and patterns without `%Y` carry no year): the year is the reference's
/// year in the zone, unless that puts the time more than one day after the reference, when it is the year
/// before: `Dec 31 23:59:00` received on 2027-01-01 is 2026-12-31. Symmetrically, a line that would be a whole
/// year old in the reference's year but no more than a day ahead in the next is the next year's (`Jan  1
/// 00:10:00` received at 2026-12-31T23:55Z, from a clock a little ahead). Without a reference such a time is
/// not read: guessing the year from the wall clock would make replays differ.
package struct TimeReader: Sendable {
    package let formats: [TimeFormat]
    package let zone: TimeZoneRules

    /// RFC 3339 and the access-log form in UTC: what `Timestamp(parsing:)` reads, for contract fields and exports.
    package static let exportDefault = TimeReader(formats: [.rfc3339, .accessLog])

    package init(formats: [TimeFormat], zone: TimeZoneRules = .utc) {
        self.formats = formats
        self.zone = zone
    }

    /// The time `text` holds in the first of `formats` that reads it, or nil when none does.
    ///
    /// - Parameters:
    ///   - zone: overrides the reader's zone for this record (a zone named by a field of the record).
    ///   - reference: the record's received time, which the syslog year rule needs.
    package func read(
        _ text: UnsafeBufferPointer<UInt8>, zone: TimeZoneRules? = nil, reference: Timestamp? = nil
    ) -> Timestamp? {
        var start = 0
        var end = text.count
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        let trimmed = UnsafeBufferPointer(rebasing: text[start..<end])
        let zone = zone ?? self.zone
        for format in formats {
            if let time = Self.read(trimmed, as: format, zone: zone, reference: reference) { return time }
        }
        return nil
    }

    /// `read` on a `String`'s UTF-8, for tests and configuration; the per-record path passes bytes.
    package func read(_ text: String, zone: TimeZoneRules? = nil, reference: Timestamp? = nil) -> Timestamp? {
        var text = text
        return text.withUTF8 { read($0, zone: zone, reference: reference) }
    }

    private static func read(
        _ text: UnsafeBufferPointer<UInt8>, as format: TimeFormat, zone: TimeZoneRules, reference: Timestamp?
    ) -> Timestamp? {
        var cursor = TimeCursor(text)
        let civil: CivilTime?
        switch format {
        case .epochSeconds: return TimeGrammar.epoch(&cursor, unit: .seconds)
        case .epochMilliseconds: return TimeGrammar.epoch(&cursor, unit: .milliseconds)
        case .epochMicroseconds: return TimeGrammar.epoch(&cursor, unit: .microseconds)
        case .epoch: return TimeGrammar.epoch(&cursor, unit: .byMagnitude)
        case .rfc3339: civil = TimeGrammar.rfc3339(&cursor)
        case .accessLog: civil = TimeGrammar.accessLog(&cursor)
        case .syslog: civil = TimeGrammar.syslog(&cursor)
        case .pattern(let pattern): civil = TimeGrammar.pattern(pattern, &cursor)
        }
        return civil?.resolve(zone: zone, reference: reference)
    }
}
