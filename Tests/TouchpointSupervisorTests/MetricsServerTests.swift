import Glibc
import Testing
import TouchpointCore

@testable import TouchpointSupervisor

/// `--metrics-listen`'s server over real loopback connections: what a scrape gets, what anything else gets, and
/// that a client which sends nothing neither blocks others nor stays forever.
struct MetricsServerTests {
    static let loopback = ListenAddress.tcp(host: "127.0.0.1", port: 0, isIPv6: false)

    @Test func aScrapeGetsTheTextLastPublished() throws {
        let server = try MetricsServer(Self.loopback)
        defer { server.stop() }
        server.publish(Array("up 1\n".utf8))
        #expect(
            try LoopbackClient.exchange(server.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                + "Content-Length: 5\r\nConnection: close\r\n\r\nup 1\n")
        server.publish(Array("up 0\nrestarts 2\n".utf8))
        let again = try LoopbackClient.exchange(server.port, "GET /metrics?name[]=up HTTP/1.0\n\n")
        #expect(again.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(again.hasSuffix("\r\nContent-Length: 16\r\nConnection: close\r\n\r\nup 0\nrestarts 2\n"))
        let head = try LoopbackClient.exchange(server.port, "HEAD /metrics HTTP/1.1\r\n\r\n")
        #expect(head.hasSuffix("Content-Length: 16\r\nConnection: close\r\n\r\n"))
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found\r\n"),
        ("GET /metricsx HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found\r\n"),
        ("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405 Method Not Allowed\r\n"),
        ("GET /metrics\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n"),
        ("GET metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n"),
        ("\u{16}\u{3}\u{1}\u{2}\0\u{1}\n\n", "HTTP/1.1 400 Bad Request\r\n"),
        ("GET /metrics HTTP/1.1\r\nX: " + String(repeating: "y", count: 9000), "HTTP/1.1 431 "),
    ])
    func anythingButAScrapeGetsAnError(request: String, statusLine: String) throws {
        let server = try MetricsServer(Self.loopback)
        defer { server.stop() }
        server.publish(Array("up 1\n".utf8))
        let response = try LoopbackClient.exchange(server.port, request)
        #expect(response.hasPrefix(statusLine), "\(response)")
        #expect(!response.contains("up 1"))
        if statusLine.contains("405") { #expect(response.contains("\r\nAllow: GET, HEAD\r\n")) }
    }

    @Test func aRequestArrivingByteByByteIsAnswered() throws {
        let server = try MetricsServer(Self.loopback)
        defer { server.stop() }
        server.publish(Array("up 1\n".utf8))
        let client = try LoopbackClient.connect(server.port)
        defer { close(client) }
        for byte in "GET /metrics HTTP/1.1\r\n\r\n".utf8 { try LoopbackClient.send(client, [byte]) }
        #expect(try LoopbackClient.readToEnd(client).hasSuffix("\r\n\r\nup 1\n"))
    }

    /// Clients that connect and say nothing, more of them than are served at once: the others are still answered
    /// (at once while there is room, later once the silent ones are timed out), and each silent one is told why
    /// it is closed.
    @Test func silentClientsAreTimedOutAndNeverBlockAScrape() throws {
        let server = try MetricsServer(Self.loopback, clientTimeout: 0.5)
        defer { server.stop() }
        server.publish(Array("up 1\n".utf8))
        let silent = try LoopbackClient.connect(server.port)
        defer { close(silent) }
        #expect(try LoopbackClient.exchange(server.port, "GET /metrics HTTP/1.1\r\n\r\n").hasSuffix("up 1\n"))
        let crowd = try (0..<MetricsServer.maxClients).map { _ in try LoopbackClient.connect(server.port) }
        defer { for client in crowd { close(client) } }
        #expect(try LoopbackClient.exchange(server.port, "GET /metrics HTTP/1.1\r\n\r\n").hasSuffix("up 1\n"))
        #expect(try LoopbackClient.readToEnd(silent).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        for client in crowd { #expect(try LoopbackClient.readToEnd(client).hasPrefix("HTTP/1.1 408 ")) }
    }

    @Test func stoppingFreesThePort() throws {
        let server = try MetricsServer(Self.loopback)
        let port = server.port
        server.stop()
        server.stop()
        #expect(throws: LoopbackClient.Failure.self) { try LoopbackClient.connect(port) }
        let again = try MetricsServer(.tcp(host: "127.0.0.1", port: port, isIPv6: false))
        again.stop()
    }

    @Test func aPortInUseIsAnErrorNamingTheAddress() throws {
        let server = try MetricsServer(Self.loopback)
        defer { server.stop() }
        #expect {
            try MetricsServer(.tcp(host: "127.0.0.1", port: server.port, isIPv6: false))
        } throws: { error in
            "\(error)" == "tcp://127.0.0.1:\(server.port): Address already in use"
        }
    }
}

/// A blocking TCP client on 127.0.0.1 for the tests, with a deadline on every wait instead of a hang.
enum LoopbackClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func connect(_ port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let problem = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect to port \(port): \(problem)")
        }
        return descriptor
    }

    static func send(_ descriptor: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += count
        }
    }

    /// Everything the server sends until it closes the connection.
    static func readToEnd(_ descriptor: Int32, deadlineSeconds: Int32 = 60) throws -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pollDescriptor, 1, deadlineSeconds * 1000) > 0 else {
                throw Failure(description: "no end of the response within \(deadlineSeconds) s")
            }
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk[..<count]
        }
    }

    /// Connects, sends `request`, and reads the whole response.
    static func exchange(_ port: UInt16, _ request: String) throws -> String {
        let descriptor = try connect(port)
        defer { close(descriptor) }
        try send(descriptor, Array(request.utf8))
        return try readToEnd(descriptor)
    }
}
