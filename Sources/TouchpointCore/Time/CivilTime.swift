/// A time as a grammar read it: calendar fields, perhaps an offset, perhaps no year.
///
/// Grammars only split the text; this is where fields are checked (no February 30, no hour 25) and where the
/// zone and the year rule apply, once for every format.
struct CivilTime {
    /// nil when the text has no year (RFC 3164 syslog, a pattern without `%Y`): `resolve` applies the year rule.
    var year: Int?
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var millisecond = 0
    /// Seconds east of UTC written in the text; nil means the zone decides.
    var offset: Int?

    /// The instant, or nil if a field is out of range or the year rule has no reference to work from.
    ///
    /// A leap second (`:60`) is read as the last millisecond-aligned moment of its minute's 59th second, as the
    /// POSIX clock has no 60th second. Years are limited to 0...9999, what four digits and RFC 3339 can write.
    func resolve(zone: TimeZoneRules, reference: Timestamp?) -> Timestamp? {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999).contains(millisecond)
        else { return nil }
        if let year { return instant(year: year, zone: zone) }
        // The year rule: the latest of the reference's year in the zone, the year after and the year before that
        // puts the time no more than a day after the reference. A December line read in January is last year's;
        // the day of slack keeps a clock a little ahead of the receiver in this year, and a line stamped just
        // after midnight on New Year by such a clock in the next.
        guard let reference else { return nil }
        let referenceSeconds = Self.floorDivide(reference.milliseconds, 1000)
        let local = referenceSeconds + Int64(zone.offsetSeconds(atUTC: referenceSeconds))
        let referenceYear = Timestamp.civil(fromDays: Self.floorDivide(local, 86_400)).year
        let limit = reference.milliseconds + 86_400_000
        for year in [referenceYear + 1, referenceYear, referenceYear - 1] {
            if let candidate = instant(year: year, zone: zone), candidate.milliseconds <= limit { return candidate }
        }
        return nil
    }

    private func instant(year: Int, zone: TimeZoneRules) -> Timestamp? {
        guard (0...9999).contains(year), day >= 1, day <= Timestamp.daysInMonth(year: year, month: month) else {
            return nil
        }
        let wall =
            Timestamp.days(fromCivil: year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60)
            + Int64(min(second, 59))
        let utc = offset.map { wall - Int64($0) } ?? zone.utcSeconds(forLocal: wall)
        let millis = second == 60 ? 999 : millisecond
        return Timestamp(milliseconds: utc * 1000 + Int64(millis))
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient
    }
}
