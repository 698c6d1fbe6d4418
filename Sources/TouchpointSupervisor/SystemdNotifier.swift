import Glibc
import TouchpointCore

/// Tells systemd how the service is doing (`Type=notify`, `WatchdogSec=`), as sd_notify(3) does, without linking
/// libsystemd: one datagram per message to the socket named by `NOTIFY_SOCKET`.
///
/// `READY=1` once the chain has started, `STATUS=` lines a person sees in `systemctl status` (running, restarting,
/// giving up), `STOPPING=1` when a stop is requested, and `WATCHDOG=1` every half of `WATCHDOG_USEC` from the
/// supervisor's own loop, so a supervisor that hangs is restarted by systemd. Outside systemd (no `NOTIFY_SOCKET`)
/// it does nothing.
package final class SystemdNotifier: Sendable {
    private let descriptor: Int32
    private let address: sockaddr_un
    private let addressLength: socklen_t
    /// Seconds between watchdog pings, when systemd asked for them for this process.
    package let watchdogInterval: Double?

    /// The notifier the environment asks for, or nil outside systemd.
    package static func fromEnvironment() -> SystemdNotifier? {
        guard let path = getenv("NOTIFY_SOCKET").map({ String(cString: $0) }), !path.isEmpty else { return nil }
        var interval: Double?
        if let text = getenv("WATCHDOG_USEC").map({ String(cString: $0) }), let microseconds = Double(text),
            microseconds > 0
        {
            let pid = getenv("WATCHDOG_PID").flatMap { Int32(String(cString: $0)) }
            if pid == nil || pid == getpid() { interval = microseconds / 2_000_000 }
        }
        return SystemdNotifier(socketPath: path, watchdogInterval: interval)
    }

    /// A notifier for the socket at `socketPath` (`@name` is Linux's abstract namespace); nil if it cannot be used.
    package init?(socketPath: String, watchdogInterval: Double? = nil) {
        var bytes = Array(socketPath.utf8)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity,
            bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "@")
        else { return nil }
        if bytes[0] == UInt8(ascii: "@") { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (index, byte) in bytes.enumerated() { path[index] = byte }
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.address = address
        // An abstract name is exactly its bytes; a path is terminated by its NUL.
        addressLength = socklen_t(
            MemoryLayout<sa_family_t>.size + bytes.count + (bytes[0] == 0 ? 0 : 1))
        self.watchdogInterval = watchdogInterval
    }

    deinit { close(descriptor) }

    /// Sends one message (`KEY=VALUE` lines); a failure is ignored, as systemd itself does in sd_notify.
    package func send(_ message: String) {
        var address = self.address
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { buffer in
                    sendto(
                        descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, addressLength)
                }
            }
        }
    }
}
