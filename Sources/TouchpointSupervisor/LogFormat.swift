import Glibc
import TouchpointCore

/// How `touchpoint run` writes its stderr, every relayed stage line and its own (`--log-format`).
package enum LogFormat: Equatable, Sendable {
    /// `2026-12-03T08:30:00.123Z normalize: note: counts: in=…`: UTC, milliseconds, the stage's label.
    case text
    /// `<6>normalize: note: counts: in=…`: stderr is the systemd journal, which stamps each line itself (to the
    /// microsecond, with the pid and unit) and reads the syslog priority in `<N>`, so `journalctl -p warning` works.
    case journal
    /// One JSON object per line, for log shippers: `{"time","stage","pid","level","message"}`.
    case json

    /// `--log-format text|json`; `text` is `journal` when stderr is the journal (`isJournal`).
    package init(option text: String?, isJournal: Bool) throws(UsageError) {
        switch text {
        case nil, "text": self = isJournal ? .journal : .text
        case "json": self = .json
        case let other?: throw UsageError("--log-format: \"\(other)\" is not a log format (text or json)")
        }
    }

    /// Whether `descriptor` is the stream systemd connected to the journal: `JOURNAL_STREAM` (`DEVICE:INODE`, set
    /// by systemd for a service whose stdout or stderr goes to the journal) names that very file.
    ///
    /// Comparing device and inode, as systemd.exec(5) advises, tells a service's own stderr from a child's that
    /// inherited the variable but writes elsewhere (`touchpoint run … 2>file` from a shell inside a unit).
    package static func isJournal(_ descriptor: Int32, journalStream: String?) -> Bool {
        guard let journalStream else { return false }
        let parts = journalStream.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
