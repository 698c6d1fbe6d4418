import Glibc
import TouchpointCore
import TouchpointJSON

/// One accepted connection: its frames, its own decoder (a CSV header per connection, as per file) and the envelope
/// that names the listener and the peer in every record.
///
/// A class, so the ingester can decode a frame held in the connection's buffer while it writes records.
final class SocketConnection {
    let descriptor: Int32
    let listener: SocketListener
    let peer: String
    /// The connection's number in this run, across listeners (1-based).
    let number: Int
    var splitter: FrameSplitter
    var format: any RecordFormat
    var envelope: RecordEnvelope
    /// The first frame of a record spanning frames, and those frames so far (for its dead letter).
    var recordStart = LinePosition(number: 0, offset: 0)
    var pendingLines: [UInt8] = []

    init(
        descriptor: Int32, listener: SocketListener, peer: String, number: Int, maxFrameBytes: Int,
        received: Timestamp?
    ) {
        self.descriptor = descriptor
        self.listener = listener
        self.peer = peer
        self.number = number
        let specification = listener.specification
        format = specification.format
        splitter = FrameSplitter(
            maxFrameBytes: maxFrameBytes, allowsOctetCounting: type(of: specification.format) == SyslogFormat.self)
        envelope = RecordEnvelope(
            sourceName: specification.sourceName, formatName: type(of: specification.format).name, file: nil,
            socket: (listener.name, peer, number), received: received)
    }

    /// The provenance of a record (or dead letter) that starts at `position` in this connection.
    func reference(at position: LinePosition) -> SourceReference {
        SourceReference(
            name: listener.specification.sourceName, format: type(of: format).name, listener: listener.name,
            peer: peer, connection: number, line: position.number, offset: position.offset)
    }

    /// What one read from the socket gave.
    enum ReadOutcome {
        case bytes(Int)
        case wouldBlock
        /// The peer closed its side (or reset the connection): nothing more will come.
        case closed
    }

    /// Reads what the socket holds, up to `scratch.count` bytes, into the splitter.
    func read(into scratch: UnsafeMutableRawBufferPointer) -> ReadOutcome {
        while true {
            let count = Glibc.read(descriptor, scratch.baseAddress, scratch.count)
            if count > 0 {
                splitter.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                return .bytes(count)
            }
            if count == 0 { return .closed }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
            return .closed
        }
    }

    /// Tells the peer why it is being closed, without waiting: the message is a courtesy, the close is what counts.
    /// What the peer sent already is read away first, since closing with unread bytes resets the connection and the
    /// peer would lose the message.
    static func refuse(_ descriptor: Int32, message: String) {
        var discard = [UInt8](repeating: 0, count: 4096)
        // Bounded: a peer that never stops sending does not hold ingest here.
        for _ in 0..<16 {
            guard
                discard.withUnsafeMutableBytes({ recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }) > 0
            else { break }
        }
        var bytes = Array(message.utf8)
        _ = bytes.withUnsafeMutableBytes {
            send(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
        }
        shutdown(descriptor, Int32(SHUT_WR))
        Glibc.close(descriptor)
    }
}
