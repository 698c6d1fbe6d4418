import Glibc
import TouchpointCore

/// Where a listener accepts connections, as `--listen` gives it: `tcp://HOST:PORT` or `unix:PATH`.
///
/// HOST is an IPv4 address, an IPv6 address in brackets (`[::1]`) or `localhost` (127.0.0.1); names are not looked
/// up, so what is bound is exactly what was written. Port 0 asks the kernel for a free port (the note that says
/// where ingest listens names it).
package enum ListenAddress: Equatable, Sendable {
    case tcp(host: String, port: UInt16, isIPv6: Bool)
    case unix(path: String)

    /// Reads `--listen`'s value; the error is the usage message.
    package init(parsing text: String) throws(UsageError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst("unix:".count))
            guard !path.isEmpty else { throw UsageError("--listen \(text): no socket path after unix:") }
            // sun_path holds 108 bytes, the terminating NUL included.
            guard path.utf8.count < 108 else {
                throw UsageError("--listen \(text): a unix socket path has at most 107 bytes")
            }
            self = .unix(path: path)
            return
        }
        guard text.hasPrefix("tcp://") else {
            throw UsageError("--listen \(text): give tcp://HOST:PORT or unix:PATH")
        }
        let rest = text.dropFirst("tcp://".count)
        guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) else {
            throw UsageError("--listen \(text): no port (tcp://HOST:PORT, PORT 0-65535)")
        }
        var host = String(rest[..<colon])
        let isIPv6 = host.hasPrefix("[") && host.hasSuffix("]")
        if isIPv6 { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" { host = "127.0.0.1" }
        var scratch = in6_addr()
        guard inet_pton(isIPv6 ? AF_INET6 : AF_INET, host, &scratch) == 1 else {
            throw UsageError(
                "--listen \(text): \"\(host)\" is not an IP address (IPv4, [IPv6] or localhost; names are not looked up)"
            )
        }
        self = .tcp(host: host, port: port, isIPv6: isIPv6)
    }

    /// Whether only this host can connect: 127.0.0.0/8, ::1, or a unix socket (its file mode decides who may).
    package var isLoopback: Bool {
        switch self {
        case .unix: return true
        case .tcp(let host, _, let isIPv6):
            if isIPv6 {
                var address = in6_addr()
                var loopback = in6_addr()
                inet_pton(AF_INET6, host, &address)
                inet_pton(AF_INET6, "::1", &loopback)
                return withUnsafeBytes(of: &address) { a in withUnsafeBytes(of: &loopback) { a.elementsEqual($0) } }
            }
            var address = in_addr()
            inet_pton(AF_INET, host, &address)
            return withUnsafeBytes(of: &address) { $0[0] } == 127
        }
    }

    /// The address as records name it (`tcp://127.0.0.1:5140`, `unix:feed.sock`); `port` replaces the one given
    /// (a port 0 bound to a free one).
    package func text(port boundPort: UInt16? = nil) -> String {
        switch self {
        case .unix(let path): "unix:" + path
        case .tcp(let host, let port, let isIPv6):
            "tcp://" + (isIPv6 ? "[\(host)]" : host) + ":\(boundPort ?? port)"
        }
    }
}

/// One `--listen`: the address, and the source name, format and format options in force where it was given, like a
/// file's.
package struct ListenSpecification {
    package var address: ListenAddress
    /// `--source`, else `tcp-PORT` or the socket file's stem.
    package var sourceName: String
    /// A fresh decoder; every connection starts from a copy (its own CSV header, its own state).
    package var format: any RecordFormat
    /// The file mode of a unix socket (`--listen-mode`, default 0600: only ingest's user may connect).
    package var socketMode: mode_t

    /// Reads one `--listen` value; `--listen-public` and `--listen-mode` come from `arguments`, wherever given.
    package init(
        _ text: String, sourceName: String?, format: any RecordFormat, arguments: ParsedArguments
    ) throws(UsageError) {
        address = try ListenAddress(parsing: text)
        socketMode = try Self.socketMode(arguments)
        guard address.isLoopback || arguments.isSet("--listen-public") else {
            throw UsageError(
                "--listen \(text): not a loopback address; other hosts could connect. Add --listen-public to "
                    + "accept connections from the network")
        }
        switch address {
        case .unix(let path): self.sourceName = sourceName ?? FileName(path).stem
        case .tcp(_, let port, _): self.sourceName = sourceName ?? "tcp-\(port)"
        }
        self.format = format
    }

    /// `--listen-mode MODE`: octal, at most 0777 (`0660` lets the socket's group connect too).
    static func socketMode(_ arguments: ParsedArguments) throws(UsageError) -> mode_t {
        guard let text = arguments.value("--listen-mode") else { return 0o600 }
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ ("0"..."7").contains($0) }),
            let mode = mode_t(text, radix: 8), mode <= 0o777
        else {
            throw UsageError("--listen-mode: \"\(text)\" is not an octal file mode from 000 to 0777 (e.g. 0660)")
        }
        return mode
    }

    /// `--listen-max-connections`: open connections across all listeners; one more is told so and closed.
    package static func maxConnections(_ arguments: ParsedArguments) throws(UsageError) -> Int {
        try arguments.integer("--listen-max-connections", in: 1...65_536, default: 256)
    }
}
