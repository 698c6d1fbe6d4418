import Glibc
import TouchpointCore

/// One `--listen`: its specification (source name, format) and the socket bound for it (`ListeningSocket`, shared
/// with touchpoint's metrics listener), with the address it really has (a port 0 bound).
final class SocketListener {
    let specification: ListenSpecification
    private let socket: ListeningSocket

    var descriptor: Int32 { socket.descriptor }
    /// The address as records name it, with the bound port.
    var name: String { socket.name }

    /// Binds and listens; the error is a line for `ingest: error: …`.
    init(_ specification: ListenSpecification, resolvedPath: (String) -> String) throws(ListenError) {
        self.specification = specification
        socket = try ListeningSocket(
            specification.address, socketMode: specification.socketMode, resolvedPath: resolvedPath)
    }

    /// Accepts one pending connection: its descriptor (non-blocking) and who it is, nil when none is pending.
    func accept() -> (descriptor: Int32, peer: String)? { socket.accept() }

    /// Stops listening; a unix socket's file goes too, unless another one has taken the path since.
    func close() { socket.close() }
}
