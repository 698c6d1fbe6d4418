/// An IANA time zone (`Europe/London`) as the system's tz database describes it: the UT offset at any instant,
/// and the instant of any wall time, DST-correct.
///
/// Built from a TZif file's transition table, with the file's footer rule (`PosixTimeZone`) beyond its last
/// transition, so dates past 2037 (or past the end of a "slim" file) follow the zone's current rules. Values are
/// immutable and cheap to copy; load them once per mapping through `named(_:)`.
package struct TimeZoneRules: Sendable, Equatable, CustomStringConvertible {
    /// The name it was loaded by (`UTC` for `.utc`).
    package let name: String
    let transitions: [Int64]
    let offsetsAfter: [Int32]
    let initialOffset: Int
    let footer: PosixTimeZone?

    init(name: String, transitions: [Int64], offsetsAfter: [Int32], initialOffset: Int, footer: PosixTimeZone?) {
        self.name = name
        self.transitions = transitions
        self.offsetsAfter = offsetsAfter
        self.initialOffset = initialOffset
        self.footer = footer
    }

    /// UTC: offset zero at every instant, available without a tz database.
    package static let utc = TimeZoneRules(
        name: "UTC", transitions: [], offsetsAfter: [], initialOffset: 0, footer: nil)

    package var description: String { name }

    package static func == (lhs: TimeZoneRules, rhs: TimeZoneRules) -> Bool {
        lhs.name == rhs.name && lhs.transitions == rhs.transitions && lhs.offsetsAfter == rhs.offsetsAfter
            && lhs.initialOffset == rhs.initialOffset && lhs.footer == rhs.footer
    }

    /// Seconds east of UTC in force at `utc` (seconds since the epoch).
    package func offsetSeconds(atUTC utc: Int64) -> Int {
        guard let last = transitions.last else { return footer?.offsetSeconds(atUTC: utc) ?? initialOffset }
        if utc >= last, let footer { return footer.offsetSeconds(atUTC: utc) }
        guard utc >= transitions[0] else { return initialOffset }
        // The last transition at or before `utc`.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= utc { low = middle } else { high = middle - 1 }
        }
        return Int(offsetsAfter[low])
    }

    /// The UTC instant (seconds) of the wall time `localSeconds` (seconds since 1970-01-01T00:00 on the zone's
    /// clocks).
    ///
    /// A wall time that occurs once maps to that instant. One that does not occur (in a spring-forward gap, like
    /// 01:30 in London on 2026-03-29) is read with the offset in force before the gap, which lands as far after
    /// the change as it was written after the gap's start (01:30 GMT, that is 02:30 BST). One that occurs twice
    /// (in a fall-back overlap, like 01:30 in London on 2026-10-25) is the earlier instant (01:30 BST, 00:30 UTC).
    /// This assumes at most one change within a day either side, which every zone has kept to since 1900.
    package func utcSeconds(forLocal localSeconds: Int64) -> Int64 {
        let before = Int64(offsetSeconds(atUTC: localSeconds - 86_400))
        let after = Int64(offsetSeconds(atUTC: localSeconds + 86_400))
        let early = localSeconds - before
        guard before != after else { return early }
        let late = localSeconds - after
        let earlyHolds = Int64(offsetSeconds(atUTC: early)) == before
        let lateHolds = Int64(offsetSeconds(atUTC: late)) == after
        switch (earlyHolds, lateHolds) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early  // in force before the change; in a gap, the offset before it
        }
    }
}
