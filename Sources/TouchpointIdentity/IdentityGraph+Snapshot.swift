import TouchpointCore
import TouchpointJSON

/// The identity graph as one JSON document, for `--state FILE` (contract §4).
///
/// Shape: `{"format":"touchpoint-identity","version":1,"profiles":[["p-…",parent,customer_id|null,
/// loyalty_id|null],…],"identifiers":[["email:anna@example.com",0],…],"generic":["phone:+15550100"],
/// "refusals":[["phone:+15550100",["p-…","p-…"]]]}`. Profiles are in creation order (their index is their
/// position); every list is sorted, so equal graphs give equal bytes.
extension IdentityGraph {
    package static let snapshotFormat = "touchpoint-identity"

    package var snapshot: JSONValue {
        var object = JSONObject()
        object.append("format", .string(Self.snapshotFormat))
        object.append("version", .int(1))
        object.append(
            "profiles",
            .array(
                profiles.map { profile in
                    .array([
                        .string(profile.id), .int(profile.parent),
                        profile.exclusive.customerID.map(JSONValue.string) ?? .null,
                        profile.exclusive.loyaltyID.map(JSONValue.string) ?? .null,
                    ])
                }))
        object.append(
            "identifiers", .array(owners.sorted { $0.key < $1.key }.map { .array([.string($0.key), .int($0.value)]) }))
        object.append("generic", .array(guards.generic.sorted().map(JSONValue.string)))
        object.append(
            "refusals",
            .array(
                guards.refusals.sorted { $0.key < $1.key }.map {
                    .array([.string($0.key), .array($0.value.map(JSONValue.string))])
                }))
        return .object(object)
    }

    /// Restores a graph written by `snapshot`; the error says what is wrong with it.
    package init(snapshot value: JSONValue, maxProfilesPerIdentifier: Int) throws(RecordError) {
        guard value["format"]?.stringValue == Self.snapshotFormat, value["version"]?.intValue == 1 else {
            throw RecordError(field: "format", problem: "not a version 1 \(Self.snapshotFormat) snapshot")
        }
        guard let profileRows = value["profiles"]?.arrayValue else {
            throw RecordError(field: "profiles", problem: "missing or not an array")
        }
        var profiles: [Profile] = []
        for row in profileRows {
            guard let fields = row.arrayValue, fields.count == 4, let id = fields[0].stringValue,
                let parent = fields[1].intValue, parent >= 0, parent < profileRows.count
            else { throw RecordError(field: "profiles", problem: "row \(profiles.count) is malformed") }
            let exclusive = ExclusiveIdentifiers(customerID: fields[2].stringValue, loyaltyID: fields[3].stringValue)
            profiles.append(Profile(id: id, parent: parent, exclusive: exclusive))
        }
        var owners: [String: Int] = [:]
        for row in value["identifiers"]?.arrayValue ?? [] {
            guard let fields = row.arrayValue, fields.count == 2, let key = fields[0].stringValue,
                let index = fields[1].intValue, index >= 0, index < profiles.count
            else { throw RecordError(field: "identifiers", problem: "a row is malformed") }
            owners[key] = index
        }
        let generic = Set((value["generic"]?.arrayValue ?? []).compactMap(\.stringValue))
        var refusals: [String: [String]] = [:]
        for row in value["refusals"]?.arrayValue ?? [] {
            guard let fields = row.arrayValue, fields.count == 2, let key = fields[0].stringValue,
                let ids = fields[1].arrayValue
            else { throw RecordError(field: "refusals", problem: "a row is malformed") }
            refusals[key] = ids.compactMap(\.stringValue)
        }
        self.init(
            profiles: profiles, owners: owners,
            guards: IdentityGuards(
                maxProfilesPerIdentifier: maxProfilesPerIdentifier, refusals: refusals, generic: generic))
    }
}
