import Glibc
import TouchpointCore

/// Every `--listen` socket and the connections they accepted, served by one thread through poll(2).
///
/// Backpressure comes from reading little and writing synchronously: each pass reads at most one chunk
/// (`chunkBytes`) per ready connection and decodes it into records before it reads again, and a record is written
/// to stdout with a blocking write. When stdout's reader stops, the write blocks, nothing more is read, the kernel's
/// socket buffers fill and TCP tells the senders to wait. ingest itself holds, per connection, at most one frame in
/// the making (up to `--max-line-bytes`) plus one chunk.
final class ListenerSet {
    let listeners: [SocketListener]
    private(set) var connections: [SocketConnection] = []
    let maxConnections: Int
    let maxFrameBytes: Int
    let received: Timestamp?
    private var acceptedCount = 0
    /// Connections closed at once because `maxConnections` were open, and the first such peer.
    private(set) var refusedCount = 0
    /// Whether connections are being read right now: a barrier written meanwhile says their sources are `reading`.
    var isReading = false
    static let chunkBytes = 1 << 16
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: ListenerSet.chunkBytes, alignment: 16)

    /// Binds every listener, in order; if one fails, those bound before it are closed again.
    init(
        _ specifications: [ListenSpecification], maxConnections: Int, maxFrameBytes: Int, received: Timestamp?,
        resolvedPath: (String) -> String
    ) throws(ListenError) {
        var listeners: [SocketListener] = []
        for specification in specifications {
            do throws(ListenError) {
                listeners.append(try SocketListener(specification, resolvedPath: resolvedPath))
            } catch {
                for listener in listeners { listener.close() }
                throw error
            }
        }
        self.listeners = listeners
        self.maxConnections = maxConnections
        self.maxFrameBytes = maxFrameBytes
        self.received = received
    }

    /// Closes every connection (their partial frames must have been taken first) and every listener.
    func close() {
        for connection in connections { Glibc.close(connection.descriptor) }
        connections.removeAll()
        for listener in listeners { listener.close() }
        scratch.deallocate()
    }

    /// What to wait on: every listener and every connection, for input.
    var pollDescriptors: [pollfd] {
        (listeners.map(\.descriptor) + connections.map(\.descriptor)).map {
            pollfd(fd: $0, events: Int16(POLLIN), revents: 0)
        }
    }

    /// Which listeners have connections to accept and which connections have bytes (or an end) to read, now.
    func ready() -> (listeners: [SocketListener], connections: [SocketConnection]) {
        var descriptors = pollDescriptors
        guard poll(&descriptors, nfds_t(descriptors.count), 0) > 0 else { return ([], []) }
        let listenerCount = listeners.count
        let readyListeners = listeners.indices.filter { descriptors[$0].revents != 0 }.map { listeners[$0] }
        let readyConnections = connections.indices.filter { descriptors[listenerCount + $0].revents != 0 }.map {
            connections[$0]
        }
        return (readyListeners, readyConnections)
    }

    /// What became of one pending connection.
    enum Accepted {
        case connection(SocketConnection)
        /// Closed at once, with a message to the peer: `maxConnections` are open.
        case refused(peer: String)
    }

    /// Accepts the connections pending on `listener`, at most `limit` (so one busy listener does not starve the
    /// connections already open).
    func accept(from listener: SocketListener, limit: Int = 64) -> [Accepted] {
        var result: [Accepted] = []
        while result.count < limit, let (descriptor, peer) = listener.accept() {
            guard connections.count < maxConnections else {
                refusedCount += 1
                SocketConnection.refuse(
                    descriptor,
                    message: "ingest: too many connections (at most \(maxConnections), --listen-max-connections)\n")
                result.append(.refused(peer: peer))
                continue
            }
            acceptedCount += 1
            let connection = SocketConnection(
                descriptor: descriptor, listener: listener, peer: peer, number: acceptedCount,
                maxFrameBytes: maxFrameBytes, received: received)
            connections.append(connection)
            result.append(.connection(connection))
        }
        return result
    }

    /// Each listener's source that no file has, `reading` while connections are read and `idle` between.
    func sourceProgress(excluding names: [String]) -> [SourceProgress] {
        var seen = names
        var progress: [SourceProgress] = []
        for listener in listeners where !seen.contains(listener.specification.sourceName) {
            seen.append(listener.specification.sourceName)
            progress.append(
                SourceProgress(name: listener.specification.sourceName, status: isReading ? .reading : .idle))
        }
        return progress
    }

    /// Forgets a connection and closes its socket.
    func remove(_ connection: SocketConnection) {
        connections.removeAll { $0 === connection }
        Glibc.close(connection.descriptor)
    }

    /// Blocks until a listener or connection is ready, `wake` is readable (a stop), `output`'s reader is gone, or
    /// `timeout` ms pass (-1: none). Returns whether the output was closed.
    func wait(timeout: Int32, wake: Int32?, output: Int32?) -> Bool {
        var descriptors = pollDescriptors
        if let wake { descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        // Events 0: only POLLERR/POLLHUP, which a pipe's write end reports once its read end is closed.
        if let output { descriptors.append(pollfd(fd: output, events: 0, revents: 0)) }
        guard poll(&descriptors, nfds_t(descriptors.count), timeout) > 0, output != nil else { return false }
        return descriptors[descriptors.count - 1].revents & Int16(POLLERR | POLLHUP) != 0
    }
}
