import Foundation
import Glibc
import Testing
import TouchpointTesting

/// `Type=notify` and `WatchdogSec=` as systemd sees them: a datagram socket stands in for systemd's, named by
/// `NOTIFY_SOCKET`, and the real `touchpoint run` reports readiness, watchdog pings and its stop on it.
struct SystemdNotifyTests {
    /// A bound datagram socket at `path` that waits at most a second per message.
    static func listen(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind: \(String(cString: strerror(errno)))")
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// The next message, or nil after a second without one.
    static func receive(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }

    @Test func readinessWatchdogPingsAndTheStopReachSystemdsSocket() throws {
        let directory = try TemporaryDirectory()
        try directory.write("feed.ndjson", "{\"a\":1}\n")
        try directory.write("main.pipeline", "ingest --follow feed.ndjson\nnormalize\n")
        let socketPath = directory.path + "/notify"
        let listener = try Self.listen(at: socketPath)
        defer { close(listener) }
        // A 200 ms watchdog: a ping every 100 ms.
        let child = try ChildProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "NOTIFY_SOCKET=" + socketPath, "WATCHDOG_USEC=200000", BuiltProducts.executable("touchpoint").path,
                "run", directory.path + "/main.pipeline",
            ], isInputNull: true)
        var messages: [String] = []
        while messages.filter({ $0 == "WATCHDOG=1" }).count < 3, let message = Self.receive(listener) {
            messages.append(message)
        }
        child.signal(SIGTERM)
        while !messages.contains(where: { $0.hasPrefix("STOPPING=1") }), let message = Self.receive(listener) {
            messages.append(message)
        }
        #expect(child.finish().status == 0, "\(child.errors)")
        #expect(messages.first == "READY=1\nSTATUS=running 2 stages", "\(messages)")
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 3, "\(messages)")
        #expect(messages.last == "STOPPING=1\nSTATUS=stopping: SIGTERM", "\(messages)")
    }
}
