import TouchpointCore
import TouchpointJSON

extension IdentityGraph {
    /// The single customer view of the profile `identifier` belongs to, after merges (`resolve-identity --lookup`);
    /// nil when the identifier is not in the graph.
    ///
    /// Shape, in this key order (docs/stages/resolve-identity.md, "Lookup"):
    /// ```
    /// {"identifier":"email:anna@example.com","profile":"p-…","linked_to":"p-…",
    ///  "identifiers":{"email":["anna@example.com"],"phone":["+15550102345"]},"generic":[],
    ///  "traits":{"names":[{"first":"anna","last":"smith"}],"birth_dates":["1980-03-04"],…},"absorbed":["p-…"],
    ///  "merges":[{"kind":"merge","id":"m-…",…,"score":24.5}],
    ///  "refusals":[{"identifier":"email:family@example.com","profiles":["p-…","p-…"],"time":"…"}]}
    /// ```
    /// `linked_to` (only when it differs from `profile`) is the absorbed profile the identifier was linked to;
    /// `identifiers` holds every identifier linked to the survivor or an absorbed profile, by type in priority order,
    /// values sorted; `generic` those of them rule 4 ignores; `traits` the person traits kept for matching, in their
    /// folded form, each trait only when there is one; `absorbed` the profiles merged in, oldest first; `merges` the
    /// merge records that made the profile, as they were written, by time, with `score` for a merge of trait
    /// matches; `refusals` the guard entries (rule 4's count) that involve the profile, by identifier. Erasure is
    /// rare and so is a lookup: it scans the graph once (O(profiles + identifiers)).
    package mutating func customerView(of identifier: Identifier) -> JSONObject? {
        guard let owner = owners[identifier.key] else { return nil }
        let survivor = root(of: owner)
        var members: [Int] = []
        for index in profiles.indices where root(of: index) == survivor { members.append(index) }
        let memberIndices = Set(members)
        var values = Array(repeating: [String](), count: IdentifierType.allCases.count)
        var generic: [String] = []
        for (key, index) in owners where memberIndices.contains(index) {
            guard let colon = key.firstIndex(of: ":"), let type = IdentifierType(rawValue: String(key[..<colon])) else {
                continue
            }
            values[type.rank].append(String(key[key.index(after: colon)...]))
            if guards.generic.contains(key) { generic.append(key) }
        }
        var identifiers = JSONObject()
        for type in IdentifierType.allCases where !values[type.rank].isEmpty {
            identifiers.append(type.rawValue, .array(values[type.rank].sorted().map(JSONValue.string)))
        }
        var view = JSONObject()
        view.append("identifier", .string(identifier.key))
        view.append("profile", .string(profiles[survivor].id))
        if owner != survivor { view.append("linked_to", .string(profiles[owner].id)) }
        view.append("identifiers", .object(identifiers))
        view.append("generic", .array(generic.sorted().map(JSONValue.string)))
        view.append("traits", .object(traitsObject(of: members)))
        view.append("absorbed", .array(members.filter { $0 != survivor }.map { .string(profiles[$0].id) }))
        view.append("merges", .array(mergeHistory(of: members)))
        view.append("refusals", .array(refusalsObjects(involving: Set(members.map { profiles[$0].id }))))
        return view
    }

    /// The traits of every member profile, in creation order, each value once.
    private func traitsObject(of members: [Int]) -> JSONObject {
        var names: [StoredTraits.Name] = []
        var lists = Array(repeating: [String](), count: 5)
        func add<Value: Equatable>(_ value: Value, to list: inout [Value]) {
            if !list.contains(value) { list.append(value) }
        }
        for index in members {
            let stored = traits.traits(of: Int32(index))
            for name in stored.names { add(name, to: &names) }
            for date in stored.birthDates { add(Self.calendarDate(date), to: &lists[0]) }
            for (list, values) in zip(1..., [stored.postcodes, stored.addresses, stored.phones, stored.emailLocals]) {
                for value in values { add(value, to: &lists[list]) }
            }
        }
        var object = JSONObject()
        if !names.isEmpty {
            object.append(
                "names",
                .array(
                    names.map { name in
                        .object(
                            JSONObject([
                                (key: "first", value: .string(name.first)), (key: "last", value: .string(name.last)),
                            ]))
                    }))
        }
        for (key, list) in zip(["birth_dates", "postcodes", "addresses", "phone_digits", "email_locals"], lists)
        where !list.isEmpty {
            object.append(key, .array(list.map(JSONValue.string)))
        }
        return object
    }

    /// `yyyymmdd` as `yyyy-mm-dd`.
    private static func calendarDate(_ date: Int32) -> String {
        func padded(_ number: Int32, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(date / 10_000, 4) + "-" + padded(date / 100 % 100, 2) + "-" + padded(date % 100, 2)
    }

    /// The merges the members survived, as their `merge` records were written (with `score` for trait merges), by
    /// time and then id.
    private func mergeHistory(of members: [Int]) -> [JSONValue] {
        var records: [(record: MergeRecord, score: Double?)] = []
        for index in members {
            for merge in merges[profiles[index].id] ?? [] {
                let record = MergeRecord(
                    time: merge.time, survivor: profiles[index].id, absorbed: merge.absorbed,
                    identifier: merge.identifier, event: merge.event)
                records.append((record, merge.score))
            }
        }
        records.sort {
            $0.record.time != $1.record.time ? $0.record.time < $1.record.time : $0.record.id < $1.record.id
        }
        return records.map { record, score in
            var object = record.jsonValue.objectValue ?? JSONObject()
            if let score { object.append("score", TraitComparison.number(score)) }
            return .object(object)
        }
    }

    /// The guard entries whose refusals involved one of `profileIDs`: the identifier, the profiles within its
    /// window, and the time of its latest refusal when the state kept it.
    private func refusalsObjects(involving profileIDs: Set<String>) -> [JSONValue] {
        var objects: [JSONValue] = []
        for key in guards.refusals.keys.sorted() {
            let refused = guards.refusals[key]!
            guard refused.contains(where: { profileIDs.contains($0.profile) }) else { continue }
            var object = JSONObject()
            object.append("identifier", .string(key))
            object.append("profiles", .array(refused.map { .string($0.profile) }))
            if let latest = refused.compactMap(\.time).max() { object.append("time", .string(latest.description)) }
            objects.append(.object(object))
        }
        return objects
    }
}

extension Identifier {
    /// The identifiers `TYPE:VALUE` given to `--lookup` may stand for, most likely first: the value under the rule
    /// normalize applies to its type (an email trimmed and lowercased, a phone in E.164 from its `+` or `00` form, a
    /// social id as `platform:handle` lowercased without `@`, a loyalty card without spaces and dashes, other ids
    /// trimmed), then the value as resolve-identity reads an identifier itself (`init(key:)`) when that differs.
    /// A usage error when it is not `TYPE:VALUE` with a known type and a value that can identify anyone.
    package static func lookupCandidates(_ text: String) throws(UsageError) -> [Identifier] {
        let types = IdentifierType.allCases.map(\.rawValue)
        guard let colon = text.firstIndex(of: ":"), let type = IdentifierType(rawValue: String(text[..<colon])) else {
            throw UsageError(
                "--lookup: \"\(text)\" is not TYPE:VALUE with a TYPE of \(types.joined(separator: ", "))")
        }
        let raw = String(text[text.index(after: colon)...])
        let normalized: IdentifierRules.Normalized
        switch type {
        case .email: normalized = IdentifierRules.email(raw)
        case .phone: normalized = IdentifierRules.phone(raw, region: nil)
        case .loyaltyID: normalized = IdentifierRules.loyalty(raw)
        case .customerID, .deviceID, .anonymousID: normalized = IdentifierRules.plain(raw)
        case .social:
            if let separator = raw.firstIndex(of: ":") {
                normalized = IdentifierRules.social(
                    platform: String(raw[..<separator]), handle: String(raw[raw.index(after: separator)...]))
            } else {
                normalized = .invalid
            }
        }
        var candidates: [Identifier] = []
        if case .value(let value) = normalized, !IdentityGuards.isBlocked(Identifier(type: type, value: value)) {
            candidates.append(Identifier(type: type, value: value))
        }
        if let asRead = Identifier(key: text), !candidates.contains(asRead) { candidates.append(asRead) }
        guard !candidates.isEmpty else {
            throw UsageError("--lookup: \"\(text)\": an empty or placeholder value, which never identifies anyone")
        }
        return candidates
    }
}
