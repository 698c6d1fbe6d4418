/// Buffers output bytes and hands them to a sink in large writes.
///
/// Writes go out when the buffer passes `flushThreshold` or when the owner calls `flush()` (stages do when their
/// input is idle). One buffer per output stream keeps each line whole: a line is appended completely before any
/// flush can happen.
package final class OutputBuffer {
    package var bytes: [UInt8] = []
    package let sink: any ByteSink
    package let flushThreshold: Int
    /// Bytes handed to the sink so far.
    package private(set) var flushedByteCount = 0

    package init(sink: any ByteSink, flushThreshold: Int = 1 << 16) {
        self.sink = sink
        self.flushThreshold = flushThreshold
        bytes.reserveCapacity(flushThreshold + 4096)
    }

    /// Call after appending a complete line.
    @inline(__always)
    package func lineCompleted() throws(ByteStreamError) {
        if bytes.count >= flushThreshold { try flush() }
    }

    package func flush() throws(ByteStreamError) {
        guard !bytes.isEmpty else { return }
        let result: Result<Void, ByteStreamError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ByteStreamError) in try sink.write(raw) }
        }
        flushedByteCount += bytes.count
        bytes.removeAll(keepingCapacity: true)
        try result.get()
    }
}
