import TouchpointCore
import TouchpointJSON

/// Writes the part of a `record` line around its `data`, straight into bytes (the wire shape is `IngestRecord`'s).
///
/// The constant head of each input (`{"kind":"record","source":{"name":…,"format":…,"file":…,"line":`) is
/// encoded once per input, and the `received` text once per distinct millisecond, so a record costs two integer
/// conversions and a few copies beyond its data.
struct RecordEnvelope {
    private let head: [UInt8]
    private let fixedReceived: [UInt8]?
    private var cachedReceived: (milliseconds: Int64, text: [UInt8]) = (.min, [])

    init(for input: InputSpecification, received: Timestamp?) {
        self.init(
            sourceName: input.sourceName, formatName: input.formatName, file: input.path, socket: nil,
            received: received)
    }

    /// - Parameter socket: for a connection to `ingest --listen`, the listener, the peer and the connection's
    ///   number, written where a file's path would be.
    init(
        sourceName: String, formatName: String, file: String?,
        socket: (listener: String, peer: String, connection: Int)?, received: Timestamp?
    ) {
        var head: [UInt8] = []
        head.append(contentsOf: #"{"kind":"record","source":{"name":"#.utf8)
        JSONEscapes.appendQuoted(sourceName, to: &head)
        head.append(contentsOf: #","format":"#.utf8)
        JSONEscapes.appendQuoted(formatName, to: &head)
        if let file {
            head.append(contentsOf: #","file":"#.utf8)
            JSONEscapes.appendQuoted(file, to: &head)
        }
        if let socket {
            head.append(contentsOf: #","listener":"#.utf8)
            JSONEscapes.appendQuoted(socket.listener, to: &head)
            head.append(contentsOf: #","peer":"#.utf8)
            JSONEscapes.appendQuoted(socket.peer, to: &head)
            head.append(contentsOf: #","connection":"#.utf8)
            RecordEnvelope.appendDecimal(socket.connection, to: &head)
        }
        head.append(contentsOf: #","line":"#.utf8)
        self.head = head
        fixedReceived = received.map { Array($0.description.utf8) }
    }

    /// Starts a record line in `line` (emptied first), up to and including `"data":`.
    mutating func begin(_ line: inout [UInt8], at position: LinePosition, now: () -> Timestamp) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: head)
        RecordEnvelope.appendDecimal(position.number, to: &line)
        line.append(contentsOf: #","offset":"#.utf8)
        RecordEnvelope.appendDecimal(position.offset, to: &line)
        line.append(contentsOf: #"},"received":""#.utf8)
        if let fixedReceived {
            line.append(contentsOf: fixedReceived)
        } else {
            let time = now()
            if time.milliseconds != cachedReceived.milliseconds {
                cachedReceived = (time.milliseconds, Array(time.description.utf8))
            }
            line.append(contentsOf: cachedReceived.text)
        }
        line.append(contentsOf: #"","data":"#.utf8)
    }

    /// Closes the record line after its data.
    func end(_ line: inout [UInt8]) {
        line.append(UInt8(ascii: "}"))
    }

    /// Appends a non-negative integer in decimal without building a `String`.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        guard value > 0 else {
            output.append(UInt8(ascii: "0"))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            output.append(contentsOf: buffer[(24 - count)...])
        }
    }
}
