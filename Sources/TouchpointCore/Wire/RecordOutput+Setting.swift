import TouchpointJSON

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
