import TouchpointCore
import TouchpointJSON

/// One record on its way to becoming an event: its data fields, and the event's parts built from them.
///
/// Reading a field through the draft marks it used; `keepUnusedFields()` then copies every field no mapping rule
/// looked at into `properties` under its own name, so a channel's extra columns are never lost (docs/CONTRACT.md
/// §2, "properties: every other field of the channel, kept"). Identifiers go through `IdentifierRules`; a value that is
/// present but unusable (an email without `@`, an NPS of 11) is left out of `ids`/`metrics` and kept, raw, in
/// `properties.invalid_fields`.
package struct EventDraft {
    package let record: IngestRecord
    package let configuration: MappingConfiguration
    private let data: JSONObject
    /// Which of `data`'s members (by position) a rule has read: every member whose key equals a key read so far.
    /// Kept per position so `keepUnusedFields()` checks a flag, not every key read, for each member.
    private var isUsed: MemberFlags
    package var ids = JSONObject()
    package var traits = JSONObject()
    package var metrics = JSONObject()
    package var properties = JSONObject()
    package var invalidFields = JSONObject()

    /// A draft for `record`; throws `invalid_record` unless its data is an object.
    package init(_ record: IngestRecord, configuration: MappingConfiguration) throws(MappingFailure) {
        guard let data = record.data.objectValue else {
            throw MappingFailure(.invalidRecord, "field \"data\": not an object")
        }
        self.record = record
        self.configuration = configuration
        self.data = data
        self.isUsed = MemberFlags(count: data.count)
        // Room up front: most fields end up in `properties`, and an object grown member by member reallocates.
        properties = JSONObject(EventDraft.emptyMembers(capacity: data.count + 4))
        ids = JSONObject(EventDraft.emptyMembers(capacity: 4))
    }

    private static func emptyMembers(capacity: Int) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(capacity)
        return members
    }

    // MARK: - Reading fields

    /// The field's value, marked used; nil when absent. A repeated key gives its last member (as `JSONObject`
    /// does) and marks them all.
    package mutating func value(_ key: String) -> JSONValue? {
        var found: JSONValue?
        for (position, member) in data.members.enumerated() where member.key == key {
            isUsed[position] = true
            found = member.value
        }
        return found
    }

    /// The field as text: a string (nil when empty or only spaces) or a number's literal; nil for other values.
    package mutating func string(_ key: String) -> String? {
        EventDraft.text(value(key))
    }

    /// The field as an object, or nil.
    package mutating func object(_ key: String) -> JSONObject? {
        value(key)?.objectValue
    }

    /// The event time from `key`; throws `invalid_field` when it is missing or does not parse.
    package mutating func time(_ key: String) throws(MappingFailure) -> Timestamp {
        guard let text = string(key) else { throw MappingFailure(.invalidField, "field \"\(key)\": missing") }
        guard let time = Timestamp(parsing: text) else {
            throw MappingFailure(.invalidField, "field \"\(key)\": \"\(text)\" is not a timestamp")
        }
        return time
    }

    /// Text of a value: a non-blank string as it is, a number as its literal; nil otherwise.
    package static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return IdentifierRules.isBlank(text) ? nil : text
        case .number(let number): return number.literal
        default: return nil
        }
    }

    /// A number from a JSON number or a string holding one (CSV): `.some(nil)` when absent, null or blank (no value),
    /// nil when something is there but is not a JSON-grammar number (`"n/a"`, `"1e"`, `true`).
    package static func number(_ value: JSONValue?) -> Double?? {
        switch value {
        case .number(let number): return number.doubleValue
        case .string(let text):
            let trimmed = IdentifierRules.trim(text)
            if trimmed.isEmpty { return .some(nil) }
            guard JSONNumber(literal: trimmed) != nil, let number = Double(trimmed) else { return nil }
            return number
        case nil, .null: return .some(nil)
        default: return nil
        }
    }

    // MARK: - Building the event

    /// Adds a normalized identifier from the field `key`; an unusable value goes to `invalid_fields` under `key`.
    package mutating func identifier(_ name: String, field key: String) {
        let raw = string(key)
        identifier(name, raw, field: key)
    }

    /// Adds a normalized identifier from raw text; an unusable value goes to `invalid_fields` under `field`.
    package mutating func identifier(_ name: String, _ raw: String?, field: String) {
        guard let raw else { return }
        let normalized: IdentifierRules.Normalized
        switch name {
        case "email": normalized = IdentifierRules.email(raw)
        case "phone": normalized = IdentifierRules.phone(raw, defaultCountryCode: configuration.defaultCountryCode)
        default: normalized = IdentifierRules.plain(raw)
        }
        add(name, normalized, raw: raw, field: field)
    }

    /// Adds `social` (`platform:handle`); the first one wins, later ones are kept in `properties.other_social`.
    package mutating func socialIdentifier(platform: String?, handle: String?, field: String) {
        guard let platform, let handle else { return }
        let normalized = IdentifierRules.social(platform: platform, handle: handle)
        if case .value(let value) = normalized, let existing = ids["social"]?.stringValue, existing != value {
            var others = properties["other_social"]?.arrayValue ?? []
            others.append(.string(value))
            properties["other_social"] = .array(others)
            return
        }
        add("social", normalized, raw: handle, field: field)
    }

    private mutating func add(_ name: String, _ normalized: IdentifierRules.Normalized, raw: String, field: String) {
        switch normalized {
        case .value(let value): if ids[name] == nil { ids.append(name, .string(value)) }
        case .absent: break
        case .invalid: invalidFields[field] = .string(raw)
        }
    }

    /// Adds a trait from the field `key` when it is present (trimmed).
    package mutating func trait(_ name: String, field key: String) {
        let raw = string(key)
        trait(name, raw)
    }

    /// Adds a trait when the text is present (trimmed).
    package mutating func trait(_ name: String, _ text: String?) {
        guard let text else { return }
        let trimmed = IdentifierRules.trim(text)
        if !IdentifierRules.isPlaceholder(trimmed) { traits[name] = .string(trimmed) }
    }

    /// Adds a numeric metric from a field; a value that is not a number, not whole when `isWhole`, or outside
    /// `range` goes to `invalid_fields` instead.
    package mutating func metric(_ name: String, from key: String, in range: ClosedRange<Double>, isWhole: Bool = true)
    {
        let raw = value(key)
        guard let parsed = EventDraft.number(raw) else {
            invalidFields[key] = raw ?? .null
            return
        }
        guard let number = parsed else { return }
        guard range.contains(number), !isWhole || number == number.rounded(), let json = JSONValue.double(number) else {
            invalidFields[key] = raw ?? .null
            return
        }
        metrics[name] = json
    }

    /// Keeps the field `key` as the property `name` (its own name by default) when it is present.
    package mutating func keep(_ key: String, as name: String? = nil) {
        let raw = value(key)
        property(name ?? key, raw)
    }

    /// Adds a property when the value is present (not null, not a blank string).
    package mutating func property(_ name: String, _ value: JSONValue?) {
        guard let value, !value.isNull else { return }
        if case .string(let text) = value, IdentifierRules.isBlank(text) { return }
        properties[name] = value
    }

    /// Copies every field not read so far into `properties` under its own name, in data order; null and blank
    /// values are left out, and a property a rule already set is not overwritten.
    package mutating func keepUnusedFields() {
        for (position, member) in data.members.enumerated() where !isUsed[position] && properties[member.key] == nil {
            property(member.key, member.value)
        }
    }

    /// The event: id `<source name>:<native id>` (or `:<line>` when the record has none), `received` and
    /// `source` carried over from the record, `invalid_fields` appended to the properties when any.
    package func event(
        nativeID: String?, time: Timestamp, channel: String, type: String, stage: String, text: String? = nil
    ) throws(MappingFailure) -> Event {
        let sourceName = record.source.name
        let id: String
        if let nativeID, !IdentifierRules.isBlank(nativeID) {
            id = sourceName + ":" + IdentifierRules.trim(nativeID)
        } else if let line = record.source.line {
            id = sourceName + ":" + String(line)
        } else {
            throw MappingFailure(.invalidRecord, "no native id and no source line to derive an event id from")
        }
        var properties = self.properties
        if !invalidFields.isEmpty { properties["invalid_fields"] = .object(invalidFields) }
        return Event(
            id: id, time: time, received: record.received, source: record.source, channel: channel, type: type,
            stage: stage, ids: ids, traits: traits, text: text, metrics: metrics, properties: properties)
    }
}

/// One flag per member position: bits of a word for the usual dozen members, an array beyond 64.
private struct MemberFlags {
    private var word: UInt64 = 0
    private var beyondWord: [Bool]

    init(count: Int) { beyondWord = count > 64 ? Array(repeating: false, count: count - 64) : [] }

    subscript(position: Int) -> Bool {
        get { position < 64 ? word & (1 << UInt64(position)) != 0 : beyondWord[position - 64] }
        set {
            if position >= 64 {
                beyondWord[position - 64] = newValue
            } else if newValue {
                word |= 1 << UInt64(position)
            } else {
                word &= ~(1 << UInt64(position))
            }
        }
    }
}
