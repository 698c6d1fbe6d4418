import TouchpointJSON

/// The one way stage logic writes records: appended whole to the stdout buffer, counted, and never `print`ed.
package struct RecordOutput {
    let buffer: OutputBuffer
    package private(set) var writtenCount = 0
    /// Lines not written because a restarted committer's output already held them (`Committer`).
    package private(set) var replayedCount = 0
    /// Set while a restarted committer still has records of its uncommitted tail to recognise.
    var replayCheck: Committer?

    init(buffer: OutputBuffer) { self.buffer = buffer }

    package mutating func emit(_ value: JSONValue) throws(ByteStreamError) {
        let start = buffer.bytes.count
        JSONWriter.write(value, into: &buffer.bytes)
        try endLine(from: start)
    }

    /// Writes an event straight to bytes (`Event.write(into:)`), the same bytes as `emit(event.jsonValue)`.
    package mutating func emit(_ event: Event) throws(ByteStreamError) {
        let start = buffer.bytes.count
        event.write(into: &buffer.bytes)
        try endLine(from: start)
    }

    /// Writes an event whose `properties` `writeProperties` appends (`Event.write(into:properties:)`).
    package mutating func emit(_ event: Event, properties writeProperties: (inout [UInt8]) -> Void)
        throws(ByteStreamError)
    {
        let start = buffer.bytes.count
        event.write(into: &buffer.bytes, properties: writeProperties)
        try endLine(from: start)
    }

    /// Writes a line that is already valid JSON, byte for byte (pass-through of kinds a stage does not own).
    package mutating func emit(raw bytes: UnsafeBufferPointer<UInt8>) throws(ByteStreamError) {
        let start = buffer.bytes.count
        buffer.bytes.append(contentsOf: bytes)
        try endLine(from: start)
    }

    /// Writes an object line with `members` added before its closing brace, the rest byte for byte.
    ///
    /// This is how a stage adds its members (resolve-identity's `profile`, score's `score` and `customer`) without
    /// re-encoding the record: what it does not own (properties, unknown members, number spellings) passes
    /// untouched, and the work is a copy instead of a parse-and-write of the whole tree. The caller guarantees that
    /// `bytes` is one JSON object (the runner parsed it) that lacks the keys of `members`; whitespace around the
    /// closing brace is dropped.
    package mutating func emit(
        raw bytes: UnsafeBufferPointer<UInt8>, appending members: JSONObject
    ) throws(ByteStreamError) {
        var end = bytes.count
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        guard end > 0, bytes[end - 1] == UInt8(ascii: "}"), !members.isEmpty else {
            try emit(raw: bytes)
            return
        }
        end -= 1
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        let start = buffer.bytes.count
        buffer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<end]))
        var needsComma = buffer.bytes.last != UInt8(ascii: "{")
        for member in members {
            if needsComma { buffer.bytes.append(UInt8(ascii: ",")) }
            JSONEscapes.appendQuoted(member.key, to: &buffer.bytes)
            buffer.bytes.append(UInt8(ascii: ":"))
            JSONWriter.write(member.value, into: &buffer.bytes)
            needsComma = true
        }
        buffer.bytes.append(UInt8(ascii: "}"))
        try endLine(from: start)
    }

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    @inline(__always)
    private mutating func endLine(from start: Int) throws(ByteStreamError) {
        if let replayCheck, isReplayed(from: start, checkingWith: replayCheck) { return }
        buffer.bytes.append(0x0A)
        writtenCount += 1
        try buffer.lineCompleted()
    }

    /// Drops the line just appended if the committer's output already holds it.
    private mutating func isReplayed(from start: Int, checkingWith committer: Committer) -> Bool {
        let isReplayed = buffer.bytes.withUnsafeBufferPointer {
            committer.isReplayed(UnsafeBufferPointer(rebasing: $0[start...]))
        }
        if committer.replayFilter == nil { replayCheck = nil }
        guard isReplayed else { return false }
        buffer.bytes.removeSubrange(start...)
        replayedCount += 1
        return true
    }
}
