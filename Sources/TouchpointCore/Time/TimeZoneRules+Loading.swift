import Glibc
import Synchronization

extension TimeZoneRules {
    /// The zone `name` from the system's tz database: `$TZDIR` if set, else `/usr/share/zoneinfo`. `UTC` and
    /// `Etc/UTC` need no database.
    ///
    /// Loaded zones are cached for the life of the process (a mapping names a few; a zone field of a record may
    /// name the same one millions of times), behind a lock, so any stage thread may call it. The database
    /// location is read from the environment here, as the C library does: it describes the machine, not the
    /// input, so replays stay deterministic on one machine.
    package static func named(_ name: String) throws(TimeZoneError) -> TimeZoneRules {
        let directory = getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
        return try named(name, directory: directory.isEmpty ? "/usr/share/zoneinfo" : directory)
    }

    /// `named(_:)` with the database directory given, for tests and for `TZDIR`.
    package static func named(_ name: String, directory: String) throws(TimeZoneError) -> TimeZoneRules {
        if name == "UTC" || name == "Etc/UTC" { return .utc }
        guard isDatabaseName(name) else { throw .invalidName(name) }
        let key = directory + "\u{0}" + name
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let path = directory + "/" + name
        let file: TZifFile
        do {
            file = try TZifFile(try readFile(name: name, path: path))
        } catch let problem as TZifProblem {
            throw .malformed(name: name, path: path, problem: problem.problem)
        } catch let error as TimeZoneError {
            throw error
        } catch {
            throw .unreadable(name: name, path: path, reason: "\(error)")
        }
        var footer: PosixTimeZone?
        if !file.footer.isEmpty {
            guard let rule = PosixTimeZone(file.footer) else {
                throw .malformed(name: name, path: path, problem: "footer TZ string does not parse")
            }
            footer = rule
        }
        let rules = TimeZoneRules(
            name: name, transitions: file.transitions, offsetsAfter: file.offsetsAfter,
            initialOffset: Int(file.initialOffset), footer: footer)
        cache.withLock { $0[key] = rules }
        return rules
    }

    private static let cache = Mutex<[String: TimeZoneRules]>([:])

    /// Relative, `/`-separated components of letters, digits, `_`, `-` and `+` (`America/Port-au-Prince`,
    /// `Etc/GMT+5`): a name can then never leave the database directory (no `..`, no absolute path, no `.`).
    static func isDatabaseName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 255, bytes.first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/")
        else { return false }
        var previous = UInt8(ascii: "/")
        for byte in bytes {
            let isAllowed =
                (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- 0x30 < 10 || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "/") && previous != UInt8(ascii: "/")
            guard isAllowed else { return false }
            previous = byte
        }
        return true
    }

    /// The file's bytes; a zone file is a few kilobytes, so anything over 1 MiB is not one.
    private static func readFile(name: String, path: String) throws(TimeZoneError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .unknownZone(name: name, path: path) }
            throw .unreadable(name: name, path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(name: name, path: path, reason: "not a regular file")
        }
        guard status.st_size <= 1 << 20 else { throw .unreadable(name: name, path: path, reason: "too large") }
        var data = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < data.count {
            let count = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw .unreadable(name: name, path: path, reason: count == 0 ? "shorter than its size" : "read failed")
            }
            filled += count
        }
        return data
    }
}
