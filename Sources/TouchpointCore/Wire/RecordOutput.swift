import TouchpointJSON

/// The one way stage logic writes records: appended whole to the stdout buffer, counted, and never `print`ed.
package struct RecordOutput {
    let buffer: OutputBuffer
    package private(set) var writtenCount = 0

    init(buffer: OutputBuffer) { self.buffer = buffer }

    package mutating func emit(_ value: JSONValue) throws(ByteStreamError) {
        JSONWriter.write(value, into: &buffer.bytes)
        try endLine()
    }

    /// Writes an event straight to bytes (`Event.write(into:)`), the same bytes as `emit(event.jsonValue)`.
    package mutating func emit(_ event: Event) throws(ByteStreamError) {
        event.write(into: &buffer.bytes)
        try endLine()
    }

    /// Writes a line that is already valid JSON, byte for byte (pass-through of kinds a stage does not own).
    package mutating func emit(raw bytes: UnsafeBufferPointer<UInt8>) throws(ByteStreamError) {
        buffer.bytes.append(contentsOf: bytes)
        try endLine()
    }

    @inline(__always)
    private mutating func endLine() throws(ByteStreamError) {
        buffer.bytes.append(0x0A)
        writtenCount += 1
        try buffer.lineCompleted()
    }
}
