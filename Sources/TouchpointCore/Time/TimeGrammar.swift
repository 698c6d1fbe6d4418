/// The grammars of the built-in time formats, one file each, over bytes.
///
/// Each reads the whole text or returns nil (trailing garbage is a failure, not ignored) and leaves the checks of
/// the fields and the zone to `CivilTime.resolve`.
enum TimeGrammar {}

extension TimeGrammar {
    /// `HH:MM:SS` and an optional `.fraction` (cut to milliseconds), as the log formats write a clock time.
    static func clockTime(_ cursor: inout TimeCursor, into time: inout CivilTime) -> Bool {
        guard let hour = cursor.digits(2), cursor.take(":"), let minute = cursor.digits(2), cursor.take(":"),
            let second = cursor.digits(2)
        else { return false }
        time.hour = hour
        time.minute = minute
        time.second = second
        if cursor.take(".") {
            guard let millisecond = cursor.fractionMilliseconds() else { return false }
            time.millisecond = millisecond
        }
        return true
    }
}
