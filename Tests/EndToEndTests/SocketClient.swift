import Foundation

/// A blocking stream-socket client for the listen tests: connects to `tcp://127.0.0.1:PORT` or a unix socket path,
/// writes everything it is given, and reads what the server says back.
final class SocketClient: @unchecked Sendable {
    let descriptor: Int32

    /// Connects to ingest's listener, named as ingest's note names it (`tcp://127.0.0.1:PORT` or `unix:PATH`).
    init(_ address: String) throws {
        if address.hasPrefix("unix:") {
            descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var storage = Self.unixAddress(String(address.dropFirst(5)))
            let connected = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } else {
            guard let port = UInt16(address.split(separator: ":").last ?? "") else { throw POSIXError(.EINVAL) }
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var storage = sockaddr_in()
            storage.sin_family = sa_family_t(AF_INET)
            storage.sin_port = port.bigEndian
            storage.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
            let connected = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
    }

    deinit { close(descriptor) }

    static func unixAddress(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        return address
    }

    /// `127.0.0.1:PORT`: how ingest names this client as the peer of a TCP connection.
    var localName: String {
        var storage = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return "127.0.0.1:\(UInt16(bigEndian: storage.sin_port))"
    }

    /// Writes all of `bytes`, in pieces of `pieceSize`: frames then arrive cut at arbitrary places.
    func send(_ bytes: [UInt8], pieceSize: Int = .max) {
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + pieceSize)
            let written = bytes[offset..<end].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    func send(_ text: String, pieceSize: Int = .max) { send(Array(text.utf8), pieceSize: pieceSize) }

    /// No more bytes from this side; the server sees the end of the connection.
    func finishSending() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Everything the server writes until it closes the connection.
    func readToEnd() -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
