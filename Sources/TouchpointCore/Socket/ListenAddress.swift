import Glibc

/// Where a listener accepts connections: `tcp://HOST:PORT` or `unix:PATH` (ingest's `--listen`), or `HOST:PORT`
/// (touchpoint's `--metrics-listen`, as Prometheus exporters write it).
///
/// HOST is an IPv4 address, an IPv6 address in brackets (`[::1]`) or `localhost` (127.0.0.1); names are not looked
/// up, so what is bound is exactly what was written. Port 0 asks the kernel for a free port (the note that says
/// where the listener is names it).
package enum ListenAddress: Equatable, Sendable {
    case tcp(host: String, port: UInt16, isIPv6: Bool)
    case unix(path: String)

    /// Reads `--listen`'s value (`tcp://HOST:PORT` or `unix:PATH`); the error is the usage message, naming `option`.
    package init(parsing text: String, option: String = "--listen") throws(UsageError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst("unix:".count))
            guard !path.isEmpty else { throw UsageError("\(option) \(text): no socket path after unix:") }
            // sun_path holds 108 bytes, the terminating NUL included.
            guard path.utf8.count < 108 else {
                throw UsageError("\(option) \(text): a unix socket path has at most 107 bytes")
            }
            self = .unix(path: path)
            return
        }
        guard text.hasPrefix("tcp://") else {
            throw UsageError("\(option) \(text): give tcp://HOST:PORT or unix:PATH")
        }
        self = try Self.tcp(text.dropFirst("tcp://".count), text: text, option: option, form: "tcp://HOST:PORT")
    }

    /// Reads a TCP address written `HOST:PORT` (or `tcp://HOST:PORT`, as `--listen` writes it).
    package init(parsingTCP text: String, option: String) throws(UsageError) {
        let rest = text.hasPrefix("tcp://") ? text.dropFirst("tcp://".count) : Substring(text)
        self = try Self.tcp(rest, text: text, option: option, form: "HOST:PORT")
    }

    private static func tcp(
        _ rest: Substring, text: String, option: String, form: String
    ) throws(UsageError) -> ListenAddress {
        guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) else {
            throw UsageError("\(option) \(text): no port (\(form), PORT 0-65535)")
        }
        var host = String(rest[..<colon])
        let isIPv6 = host.hasPrefix("[") && host.hasSuffix("]")
        if isIPv6 { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" { host = "127.0.0.1" }
        var scratch = in6_addr()
        guard inet_pton(isIPv6 ? AF_INET6 : AF_INET, host, &scratch) == 1 else {
            throw UsageError(
                "\(option) \(text): \"\(host)\" is not an IP address (IPv4, [IPv6] or localhost; names are not looked up)"
            )
        }
        return .tcp(host: host, port: port, isIPv6: isIPv6)
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
