import TouchpointCore
import TouchpointJSON

extension Mapping {
    /// Maps one record and writes its event: drops and requirements first, then the event's parts in file order.
    /// The event is written here rather than returned, so that it is never copied (each copy retained its dozen
    /// strings and objects).
    func map(_ context: inout MappingContext, settings: MappingSettings, into output: inout RecordOutput)
        throws(ByteStreamError) -> MappingOutcome
    {
        var index = 0
        variables.forEachLent { variable in
            context.variables[index] = variable.value.evaluate(&context)
            index += 1
        }
        for drop in drops where drop.when.holds(&context) { return .dropped(reason: drop.reason) }
        for rule in requires where !rule.when.holds(&context) { return .deadLetter(.invalidField, rule.problem) }

        var invalidFields = JSONObject()
        guard let time = readTime(&context, invalidFields: &invalidFields) else {
            let detail =
                time.value.text(in: &context).map { "\"\($0)\" is not a time in the mapping's formats" }
                ?? "missing"
            return .deadLetter(.invalidField, "field \(describe(time.value)): \(detail)")
        }
        guard let type = type.text(in: &context) else {
            return .deadLetter(.invalidField, "no event type: \(describe(self.type)) is missing")
        }
        guard let channel = channel.text(in: &context) else {
            return .deadLetter(.invalidField, "no channel: \(describe(self.channel)) is missing")
        }
        let stage = self.stage.flatMap { $0.text(in: &context) } ?? settings.stages.stage(of: type)

        var present: [Bool] = []
        present.reserveCapacity(ids.count + traits.count + metrics.count + 1)
        var ids = JSONObject()
        self.ids.forEachLent { field in
            let added = addIdentifier(field, to: &ids, invalidFields: &invalidFields, &context, settings: settings)
            present.append(added)
        }
        var traits = JSONObject()
        self.traits.forEachLent { trait in
            present.append(addTrait(trait.name, trait.value, to: &traits, &context))
        }
        var metrics = JSONObject()
        self.metrics.forEachLent { metric in
            present.append(addMetric(metric, to: &metrics, invalidFields: &invalidFields, &context))
        }
        let text = self.text.flatMap { $0.text(in: &context) }.map(IdentifierRules.trim)
        if self.text != nil { present.append(text.map { !$0.isEmpty } ?? false) }

        var properties = EventProperties()
        // The mapping's property names are distinct (a mapping file with a repeated key is refused), so the first
        // ones need no check; those kept from the record below do.
        self.properties.forEachLent { property in
            guard let datum = property.value.evaluate(&context), context.isPresent(datum) else { return }
            properties.append(.name(property.name), datum)
        }
        if keepsUnmapped { keepUnread(of: context.data, in: context.document, into: &properties) }
        if !invalidFields.isEmpty {
            properties.set("invalid_fields", .value(.object(invalidFields)), in: context.document)
        }

        let nativeID = id.flatMap { $0.text(in: &context) }.map(IdentifierRules.trim)
        let eventID: String
        if let nativeID, !nativeID.isEmpty {
            eventID = context.source.name + ":" + nativeID
        } else if let connection = context.source.connection, let line = context.source.line {
            // A socket's lines count from 1 on every connection, and connections from 1 in every ingest run: the
            // time the record was received tells runs apart (a socket is never read twice, so replays are moot).
            let received = context.received.map { String($0.milliseconds) } ?? "-"
            eventID = context.source.name + ":" + received + "-" + String(connection) + "-" + String(line)
        } else if let line = context.source.line {
            eventID = context.source.name + ":" + String(line)
        } else {
            return .deadLetter(.invalidRecord, "no native id and no source line to derive an event id from")
        }
        var event = Event(
            id: eventID, time: time, received: context.received, source: context.source, channel: channel,
            type: type, stage: stage, ids: ids, traits: traits, text: text?.isEmpty == false ? text : nil,
            metrics: metrics)
        if let entity = entity.flatMap({ $0.text(in: &context) }) {
            event.entity = context.source.name + ":" + IdentifierRules.trim(entity)
        }
        try output.emit(event) { properties.write(into: &$0, document: context.document) }
        return .event(time: time, hasIdentifier: !ids.isEmpty, present: present)
    }

    /// Text traits are trimmed and placeholders left out; an object (a Segment `address`) is kept as sent.
    private func addTrait(
        _ name: String, _ value: ValueExpression, to traits: inout JSONObject, _ context: inout MappingContext
    ) -> Bool {
        guard traits[name] == nil, let datum = value.evaluate(&context), context.isPresent(datum) else { return false }
        let json = context.json(datum)
        if let text = MappingContext.text(json) {
            let trimmed = IdentifierRules.trim(text)
            guard !IdentifierRules.isPlaceholder(trimmed) else { return false }
            traits.append(name, .string(trimmed))
        } else {
            traits.append(name, json)
        }
        return true
    }

    private func readTime(_ context: inout MappingContext, invalidFields: inout JSONObject) -> Timestamp? {
        let zone = time.zone.flatMap { $0.text(in: &context) }.flatMap {
            try? TimeZoneRules.named(IdentifierRules.trim($0))
        }
        if let text = time.value.text(in: &context),
            let parsed = time.reader.read(IdentifierRules.trim(text), zone: zone, reference: context.received)
        {
            return parsed
        }
        return time.orReceived ? context.received : nil
    }

    /// Adds one identifier. When the value is a list of alternatives, each present one is tried in turn until
    /// one is usable: an invalid `traits.email` does not hide a good `context.traits.email`.
    private func addIdentifier(
        _ field: IdentifierField, to ids: inout JSONObject, invalidFields: inout JSONObject,
        _ context: inout MappingContext, settings: MappingSettings
    ) -> Bool {
        for candidate in field.candidates {
            guard let raw = candidate.text(in: &context) else { continue }
            let normalized: IdentifierRules.Normalized
            let blocklist = settings.blocklist
            switch field.rules {
            case .email: normalized = IdentifierRules.email(raw, rules: settings.emailRules, blocklist: blocklist)
            case .phone:
                // A region the record or the mapping names (a store's or call site's country, a locale) reads a
                // national number in its plan; without one, --default-country-code.
                if let named = field.region.flatMap({ $0.text(in: &context) }),
                    let region = PhoneRegion.named(IdentifierRules.trim(named))
                {
                    normalized = IdentifierRules.phone(raw, region: region, blocklist: blocklist)
                } else {
                    normalized = IdentifierRules.phone(
                        raw, defaultCountryCode: settings.defaultCountryCode, blocklist: blocklist)
                }
            case .plain: normalized = IdentifierRules.plain(raw, blocklist: blocklist)
            case .loyalty: normalized = IdentifierRules.loyalty(raw, blocklist: blocklist)
            case .social:
                guard let platform = field.platform.flatMap({ $0.text(in: &context) }) else {
                    return false
                }
                normalized = IdentifierRules.social(platform: platform, handle: raw, blocklist: blocklist)
            }
            switch normalized {
            case .value(let value):
                if ids[field.name] == nil { ids.append(field.name, .string(value)) }
                return true
            case .absent:
                continue
            case .invalid:
                invalidFields[fieldName(candidate)] = .string(raw)
            }
        }
        return false
    }

    private func addMetric(
        _ metric: MetricField, to metrics: inout JSONObject, invalidFields: inout JSONObject,
        _ context: inout MappingContext
    ) -> Bool {
        let datum = metric.value.evaluate(&context)
        guard context.isPresent(datum), let datum else { return false }
        switch metric.kind {
        case .any:
            metrics[metric.name] = context.json(datum)
            return true
        case .currency:
            let code = context.text(datum).map { IdentifierRules.trim($0).uppercased() } ?? ""
            guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
                invalidFields[fieldName(metric.value)] = context.json(datum)
                return false
            }
            metrics[metric.name] = .string(code)
            return true
        case .number(let range, let isWhole):
            guard case .some(.some(let number)) = context.number(datum), range.contains(number),
                !isWhole || number == number.rounded(), let json = JSONValue.double(number)
            else {
                invalidFields[fieldName(metric.value)] = context.json(datum)
                return false
            }
            metrics[metric.name] = json
            return true
        }
    }

    /// Copies what the mapping did not read into `properties`, in data order: null, blank and empty values left
    /// out, members read inside an object taken out of it, a property the mapping set never overwritten.
    private func keepUnread(
        of data: JSONDocument.Node, in document: JSONDocument, into properties: inout EventProperties
    ) {
        document.forEachMember(of: data) { key, node in
            let plan = topLevelRead(key, document)
            if plan?.isFlattened == true, document.type(of: node) == .object {
                document.forEachMember(of: node) { innerKey, inner in
                    let innerRead = plan?.read?.children[document.string(innerKey) ?? ""]
                    guard innerRead?.isWhole != true, !properties.contains(member: innerKey, in: document),
                        let value = unread(inner, read: innerRead, document)
                    else { return }
                    properties.append(.member(innerKey), value)
                }
                return
            }
            guard plan?.isWhole != true, !properties.contains(member: key, in: document),
                let value = unread(node, read: plan?.read, document)
            else { return }
            properties.append(.member(key), value)
        }
    }

    private func topLevelRead(_ key: JSONDocument.Node, _ document: JSONDocument) -> TopLevelRead? {
        if document.hasEscapes(key) {
            var text = document.string(key) ?? ""
            return text.withUTF8 { bytes in topLevelReads.firstLent { $0.matches(bytes) ? $0 : nil } }
        }
        let bytes = document.rawBytes(key)
        return topLevelReads.firstLent { $0.matches(bytes) ? $0 : nil }
    }

    /// A member as kept: null, blank and empty values left out, inside objects too (not inside arrays, where a
    /// position means something), and members the mapping read taken out. A scalar stays a node of the record.
    private func unread(_ node: JSONDocument.Node, read: FieldTree?, _ document: JSONDocument) -> Datum? {
        guard document.type(of: node) == .object else {
            return MappingContext.isPresent(node, in: document) ? .node(node) : nil
        }
        return unreadObject(node, read: read, document).map { .value(.object($0)) }
    }

    private func unreadObject(_ node: JSONDocument.Node, read: FieldTree?, _ document: JSONDocument) -> JSONObject? {
        var object = JSONObject()
        for (key, member) in document.members(of: node) {
            let inner = read?.children[key]
            guard inner?.isWhole != true else { continue }
            if document.type(of: member) == .object {
                if let value = unreadObject(member, read: inner, document) { object.append(key, .object(value)) }
            } else if MappingContext.isPresent(member, in: document) {
                object.append(key, document.value(member))
            }
        }
        return object.isEmpty ? nil : object
    }

    /// The name `invalid_fields` keeps a raw value under: the first data path the value reads.
    private func fieldName(_ value: ValueExpression) -> String {
        value.paths.first { $0.root == .data }?.fieldName ?? value.paths.first?.description ?? "value"
    }

    private func describe(_ value: ValueExpression) -> String {
        let paths = value.paths.map { "\"\($0.fieldName)\"" }
        return paths.isEmpty ? "(constant)" : paths.joined(separator: " or ")
    }
}

/// What every mapping of one run shares: the flags' settings and the journey-stage table.
struct MappingSettings: Sendable {
    var defaultCountryCode: String = "1"
    var stages: JourneyStages
    /// The built-in blocklist with a user's file merged in (`--identifier-blocklist FILE`).
    var blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    /// Provider rules for emails (Gmail dots and +tags), off unless `--email-provider-rules`.
    var emailRules = EmailRules()
}
