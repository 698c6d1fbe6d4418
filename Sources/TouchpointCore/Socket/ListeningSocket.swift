import Glibc

/// A bound, listening stream socket, non-blocking and close-on-exec, with the address it really has (a port 0
/// bound): ingest's `--listen` sockets and touchpoint's `--metrics-listen` are both one.
///
/// A unix socket is created with `umask` 0177 around `bind`, so its file is 0600 from its first moment (then set to
/// `socketMode`), and never replaces what is not a socket: a regular file or a link at the path is an error. A socket
/// file nobody listens on (a crash left it) is replaced; one that still accepts connections is another process's
/// and is left alone. `close()` removes the file if it is still the one this socket made.
package final class ListeningSocket: Sendable {
    package let descriptor: Int32
    /// The address as records name it, with the bound port (`tcp://127.0.0.1:40312`, `unix:feed.sock`).
    package let name: String
    /// The port bound, for TCP.
    package let port: UInt16?
    private let socketFile: SocketFile?

    private struct SocketFile: Sendable {
        let path: String
        let device: UInt64
        let inode: UInt64
    }

    /// Binds and listens; `resolvedPath` turns a unix socket's relative path into the one to bind.
    package init(
        _ address: ListenAddress, socketMode: mode_t = 0o600, resolvedPath: (String) -> String = { $0 }
    ) throws(ListenError) {
        let text = address.text()
        switch address {
        case .tcp(let host, let port, let isIPv6):
            let descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | closeOnExecFlag, 0)
            guard descriptor >= 0 else { throw ListenError(text, errno) }
            var yes: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            var storage = sockaddr_storage()
            let length: socklen_t
            if isIPv6 {
                length = withUnsafeMutableBytes(of: &storage) { raw in
                    let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                    address.pointee.sin6_family = sa_family_t(AF_INET6)
                    address.pointee.sin6_port = port.bigEndian
                    inet_pton(AF_INET6, host, &address.pointee.sin6_addr)
                    return socklen_t(MemoryLayout<sockaddr_in6>.size)
                }
            } else {
                length = withUnsafeMutableBytes(of: &storage) { raw in
                    let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                    address.pointee.sin_family = sa_family_t(AF_INET)
                    address.pointee.sin_port = port.bigEndian
                    inet_pton(AF_INET, host, &address.pointee.sin_addr)
                    return socklen_t(MemoryLayout<sockaddr_in>.size)
                }
            }
            let bound = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
            }
            guard bound == 0, listen(descriptor, 128) == 0 else {
                let error = ListenError(text, errno)
                Glibc.close(descriptor)
                throw error
            }
            var actual = sockaddr_storage()
            var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = withUnsafeMutablePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &actualLength) }
            }
            let boundPort = withUnsafeBytes(of: &actual) { raw in
                UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
            }
            self.descriptor = descriptor
            name = address.text(port: boundPort)
            self.port = boundPort
            socketFile = nil
        case .unix(let path):
            let resolved = resolvedPath(path)
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | closeOnExecFlag, 0)
            guard descriptor >= 0 else { throw ListenError(text, errno) }
            var address = Self.unixAddress(resolved)
            do throws(ListenError) {
                try Self.removeStaleSocket(at: resolved, text: text)
            } catch {
                Glibc.close(descriptor)
                throw error
            }
            let previous = umask(0o177)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            let bindErrno = errno
            umask(previous)
            var status = stat()
            guard bound == 0, chmod(resolved, socketMode) == 0, lstat(resolved, &status) == 0,
                listen(descriptor, 128) == 0
            else {
                let error = ListenError(text, bound == 0 ? errno : bindErrno)
                Glibc.close(descriptor)
                throw error
            }
            self.descriptor = descriptor
            name = text
            port = nil
            socketFile = SocketFile(path: resolved, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    package static func unixAddress(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        return address
    }

    /// Removes a socket file that no process listens on; refuses anything else at the path.
    private static func removeStaleSocket(at path: String, text: String) throws(ListenError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw ListenError(text, problem: "exists and is not a socket; not replacing it")
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | closeOnExecFlag, 0)
        defer { Glibc.close(probe) }
        var address = unixAddress(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 { throw ListenError(text, problem: "another process is listening on it") }
        guard unlink(path) == 0 || errno == ENOENT else { throw ListenError(text, errno) }
    }

    /// Accepts one pending connection: its descriptor (non-blocking, close-on-exec) and who it is, nil when none is
    /// pending.
    ///
    /// accept4(2), which would set both flags at once, sits behind `_GNU_SOURCE` where Swift's Glibc module does
    /// not reach; the children touchpoint spawns close every descriptor above stderr anyway (`Spawner`).
    package func accept() -> (descriptor: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let accepted = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(descriptor, $0, &length) }
        }
        guard accepted >= 0 else { return nil }
        _ = fcntl(accepted, F_SETFL, fcntl(accepted, F_GETFL) | O_NONBLOCK)
        _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
        return (accepted, Self.peerName(of: accepted, address: storage))
    }

    /// `127.0.0.1:51324`, `[::1]:51324`, or for a unix socket the sender's `pid=…,uid=…` (SO_PEERCRED).
    static func peerName(of descriptor: Int32, address: sockaddr_storage) -> String {
        var address = address
        switch Int32(address.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &address) { raw in
                let port = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
                return "\(raw[4]).\(raw[5]).\(raw[6]).\(raw[7]):\(port)"
            }
        case AF_INET6:
            return withUnsafeMutableBytes(of: &address) { raw in
                let port = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
                var text = [UInt8](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                inet_ntop(AF_INET6, raw.baseAddress! + 8, &text, socklen_t(text.count))
                return "[\(String(decoding: text.prefix { $0 != 0 }, as: UTF8.self))]:\(port)"
            }
        default:
            var credentials = PeerCredentials()
            var length = socklen_t(MemoryLayout<PeerCredentials>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return "unix" }
            return "pid=\(credentials.pid),uid=\(credentials.uid)"
        }
    }

    /// Stops listening; a unix socket's file goes too, unless another one has taken the path since.
    package func close() {
        Glibc.close(descriptor)
        guard let socketFile else { return }
        var status = stat()
        if lstat(socketFile.path, &status) == 0, UInt64(status.st_dev) == socketFile.device,
            UInt64(status.st_ino) == socketFile.inode
        {
            unlink(socketFile.path)
        }
    }
}

/// Glibc's `SOCK_CLOEXEC` as the `Int32` flag socket(2) takes: a listening socket is close-on-exec from birth, so no
/// child started meanwhile by another thread inherits it.
private let closeOnExecFlag = Int32(SOCK_CLOEXEC.rawValue)

/// `struct ucred` (SO_PEERCRED), which the Glibc module does not export.
private struct PeerCredentials {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

/// A listener that could not be set up: `<exe>: error: <address>: <problem>`.
package struct ListenError: Error, CustomStringConvertible {
    package let address: String
    package let problem: String

    package init(_ address: String, _ code: Int32) {
        self.address = address
        problem = String(cString: strerror(code))
    }

    package init(_ address: String, problem: String) {
        self.address = address
        self.problem = problem
    }

    package var description: String { "\(address): \(problem)" }
}
