/// One way a time may be written, as a mapping names it (`"formats": ["rfc3339", "epoch_ms"]`).
///
/// Each case's grammar is documented on its reader in `TimeGrammar`; the summaries below are the user's view.
package enum TimeFormat: Equatable, Sendable {
    /// `2026-11-01T10:00:00Z`: any offset (`+05:30`, `-0800`, `+05`), a fraction of any length, `T` or a space
    /// between date and time; without an offset, the zone.
    case rfc3339
    /// Seconds since 1970-01-01T00:00:00Z, as integer or decimal text or a JSON number literal (`1.79e9`).
    case epochSeconds
    /// Milliseconds since the epoch, written as for `epochSeconds`.
    case epochMilliseconds
    /// Microseconds since the epoch, written as for `epochSeconds`.
    case epochMicroseconds
    /// Seconds, milliseconds or microseconds by magnitude: below 1e11 seconds, below 1e14 milliseconds, else
    /// microseconds.
    case epoch
    /// The Common Log Format time, `10/Oct/2026:13:55:36 -0700`, brackets optional.
    case accessLog
    /// RFC 3164's `Dec  2 10:24:23` (no year: the syslog year rule; no zone: the zone), or an RFC 5424 time
    /// (RFC 3339).
    case syslog
    /// A user-given strftime-style layout (`TimePattern`).
    case pattern(TimePattern)

    /// The format a mapping names: `rfc3339`, `epoch`, `epoch_s`, `epoch_ms`, `epoch_us`, `access_log`, `syslog`,
    /// or a layout containing `%` (`%d.%m.%Y %H:%M`). nil for any other name and for a layout that does not
    /// compile, so `normalize --check` can point at it.
    package init?(name: String) {
        switch name {
        case "rfc3339": self = .rfc3339
        case "epoch": self = .epoch
        case "epoch_s": self = .epochSeconds
        case "epoch_ms": self = .epochMilliseconds
        case "epoch_us": self = .epochMicroseconds
        case "access_log": self = .accessLog
        case "syslog": self = .syslog
        default:
            guard name.utf8.contains(UInt8(ascii: "%")), let pattern = TimePattern(name) else { return nil }
            self = .pattern(pattern)
        }
    }

    /// The names `init(name:)` accepts besides layouts, for help and error messages.
    package static let names = ["rfc3339", "epoch", "epoch_s", "epoch_ms", "epoch_us", "access_log", "syslog"]
}
