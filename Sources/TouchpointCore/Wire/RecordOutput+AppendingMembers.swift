import TouchpointJSON

extension RecordOutput {
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
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        guard end > 0, bytes[end - 1] == UInt8(ascii: "}"), !members.isEmpty else {
            try emit(raw: bytes)
            return
        }
        var line: [UInt8] = []
        line.reserveCapacity(end + 512)
        line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<end - 1]))
        while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { line.removeLast() }
        var needsComma = line.last != UInt8(ascii: "{")
        for member in members {
            if needsComma { line.append(UInt8(ascii: ",")) }
            JSONEscapes.appendQuoted(member.key, to: &line)
            line.append(UInt8(ascii: ":"))
            JSONWriter.write(member.value, into: &line)
            needsComma = true
        }
        line.append(UInt8(ascii: "}"))
        try line.withUnsafeBufferPointer { (buffer) throws(ByteStreamError) in try emit(raw: buffer) }
    }
}

extension RecordOutput {
    /// Writes `record` with `members` set: appended to the original bytes when the record has none of those keys
    /// (the usual case, and byte-preserving); otherwise the record is materialized and each key replaced in place
    /// (a record that went through the stage before), or appended if absent.
    package mutating func emit(_ record: InputRecord, setting members: JSONObject) throws(ByteStreamError) {
        if members.keys.allSatisfy({ record.document[$0] == nil }) {
            try emit(raw: record.bytes, appending: members)
            return
        }
        guard var object = record.value.objectValue else {
            try emit(raw: record.bytes)
            return
        }
        for member in members { object[member.key] = member.value }
        try emit(.object(object))
    }
}
