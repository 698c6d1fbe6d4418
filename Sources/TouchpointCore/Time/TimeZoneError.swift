/// Why a zone named by a mapping or a record could not be used; a mapping naming one is a usage error.
package enum TimeZoneError: Error, Equatable, CustomStringConvertible {
    /// Not a tz database name: empty, absolute, with a `..` or `.` component, or with characters no zone uses.
    case invalidName(String)
    /// No file of that name under the database directory.
    case unknownZone(name: String, path: String)
    /// The file exists but could not be read (not a regular file, too large, an I/O error).
    case unreadable(name: String, path: String, reason: String)
    /// The file is not a TZif file this reader understands (RFC 8536), or its footer rule does not parse.
    case malformed(name: String, path: String, problem: String)

    package var description: String {
        switch self {
        case .invalidName(let name):
            "time zone \"\(name)\": not a tz database name (like Europe/London; absolute paths and '..' are refused)"
        case .unknownZone(let name, let path):
            "time zone \"\(name)\": not in the tz database (no file \(path))"
        case .unreadable(let name, let path, let reason):
            "time zone \"\(name)\": \(path): \(reason)"
        case .malformed(let name, let path, let problem):
            "time zone \"\(name)\": \(path): not a usable TZif file: \(problem)"
        }
    }
}
