import TouchpointJSON

extension Event {
    /// Appends the event's wire form: minified, keys in `fieldNames` order, empty optional members left out.
    ///
    /// Byte for byte what `JSONWriter.write(jsonValue, into:)` gives (EventWritingTests holds the two together),
    /// but without building a `JSONValue` tree per event or a `String` per timestamp: the fixed parts are constant
    /// bytes, the strings go through `JSONEscapes`, and only the open members (`ids`, `traits`, `metrics`,
    /// `properties`, `profile`, `score`, `customer`) go through `JSONWriter`. `jsonValue` stays the reference
    /// shape; this is the hot path (`RecordOutput.emit(_:)`).
    package func write(into output: inout [UInt8]) {
        write(into: &output) { output in
            appendMember(#","properties":"#, properties.isEmpty ? nil : properties, to: &output)
        }
    }

    /// Writes the event with `writeProperties` in the place of `properties`: it appends `,"properties":{…}`, or
    /// nothing when there are none. normalize writes the members it copies from a record's bytes this way.
    package func write(into output: inout [UInt8], properties writeProperties: (inout [UInt8]) -> Void) {
        JSONWriter.append(raw: #"{"kind":"event","id":"#, to: &output)
        JSONEscapes.appendQuoted(id, to: &output)
        if let entity {
            JSONWriter.append(raw: #","entity":"#, to: &output)
            JSONEscapes.appendQuoted(entity, to: &output)
        }
        JSONWriter.append(raw: #","time":""#, to: &output)
        time.appendRFC3339(to: &output)
        if let received {
            JSONWriter.append(raw: #"","received":""#, to: &output)
            received.appendRFC3339(to: &output)
        }
        JSONWriter.append(raw: #"","source":"#, to: &output)
        source.write(into: &output)
        JSONWriter.append(raw: #","channel":"#, to: &output)
        JSONEscapes.appendQuoted(channel, to: &output)
        JSONWriter.append(raw: #","type":"#, to: &output)
        JSONEscapes.appendQuoted(type, to: &output)
        JSONWriter.append(raw: #","stage":"#, to: &output)
        JSONEscapes.appendQuoted(stage, to: &output)
        JSONWriter.append(raw: #","ids":"#, to: &output)
        JSONWriter.write(ids, into: &output)
        appendMember(#","traits":"#, traits.isEmpty ? nil : traits, to: &output)
        if let text {
            JSONWriter.append(raw: #","text":"#, to: &output)
            JSONEscapes.appendQuoted(text, to: &output)
        }
        appendMember(#","metrics":"#, metrics.isEmpty ? nil : metrics, to: &output)
        writeProperties(&output)
        appendMember(#","profile":"#, profile, to: &output)
        appendMember(#","score":"#, score, to: &output)
        appendMember(#","customer":"#, customer, to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// Appends `,"key":{…}` for an object member that is present; `prefix` is the constant `,"key":` text.
    @inline(__always)
    private func appendMember(_ prefix: StaticString, _ object: JSONObject?, to output: inout [UInt8]) {
        guard let object else { return }
        JSONWriter.append(raw: prefix, to: &output)
        JSONWriter.write(object, into: &output)
    }
}

extension SourceReference {
    /// Appends the wire form, `{"name":"pos","format":"csv","file":"pos.csv","line":2,"offset":97}`, absent
    /// members left out; the bytes `JSONWriter.write(jsonValue, into:)` gives.
    package func write(into output: inout [UInt8]) {
        JSONWriter.append(raw: #"{"name":"#, to: &output)
        JSONEscapes.appendQuoted(name, to: &output)
        Self.append(#","format":"#, format, to: &output)
        Self.append(#","file":"#, file, to: &output)
        Self.append(#","listener":"#, listener, to: &output)
        Self.append(#","peer":"#, peer, to: &output)
        Self.append(#","connection":"#, connection, to: &output)
        Self.append(#","line":"#, line, to: &output)
        Self.append(#","offset":"#, offset, to: &output)
        output.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private static func append(_ prefix: StaticString, _ value: String?, to output: inout [UInt8]) {
        guard let value else { return }
        JSONWriter.append(raw: prefix, to: &output)
        JSONEscapes.appendQuoted(value, to: &output)
    }

    @inline(__always)
    private static func append(_ prefix: StaticString, _ value: Int?, to output: inout [UInt8]) {
        guard let value else { return }
        JSONWriter.append(raw: prefix, to: &output)
        JSONWriter.write(value, into: &output)
    }
}
