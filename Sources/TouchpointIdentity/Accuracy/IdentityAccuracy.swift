import TouchpointCore
import TouchpointJSON

/// How well resolved profiles agree with who is really behind each record: pairwise and B-cubed precision,
/// recall and F1, gathered in one pass over resolve-identity's output.
///
/// The truth says which person is behind each record, keyed `source:ref` (touchpoint-gen's `truth` lines,
/// docs/GENERATOR.md), which is the event id normalize gives (`pos:TX-000123`, `web:17`). Scored are the events that
/// carry any person information (an identifier other than `order_id`, or a trait); one without a profile is a
/// cluster of its own. Profiles are followed through the `merge` records seen anywhere in the stream, so an event
/// resolved before a merge counts in the survivor's cluster. Per record only two integers are kept.
///
/// - pairwise: over all pairs of scored records, precision is the share of pairs put in one profile that are one
///   person, recall the share of pairs of one person that were put in one profile;
/// - B-cubed (Bagga and Baldwin): per record, precision is the share of its profile's records that are its person,
///   recall the share of its person's records that are in its profile, averaged over records.
package struct IdentityAccuracy {
    private var personByKey: [String: Int32] = [:]
    private var personNames: [String: Int32] = [:]
    private var profileByID: [String: Int32] = [:]
    private var parent: [Int32] = []
    /// Scored records: (person, profile); profile -1 for a record without one.
    private var scored: [(person: Int32, profile: Int32)] = []
    package private(set) var eventsWithoutTruth = 0
    package private(set) var eventsWithoutPersonInformation = 0

    package init() {}

    /// Reads one line of the truth file; lines of other kinds are skipped.
    package mutating func addTruth(_ document: JSONDocument) {
        guard document["kind"].map({ document.stringEquals($0, "truth") }) == true,
            let source = document["source"].flatMap(document.string),
            let ref = document["ref"].flatMap(document.string),
            let person = document["person"].flatMap(document.string)
        else { return }
        let index = personNames[person] ?? Int32(personNames.count)
        personNames[person] = index
        personByKey[source + ":" + ref] = index
    }

    /// Reads one line of resolve-identity's output: events are scored, merges followed, the rest skipped.
    package mutating func addOutput(_ document: JSONDocument) {
        guard let kind = document["kind"] else { return }
        if document.stringEquals(kind, "merge") {
            guard let survivor = document["survivor"].flatMap(document.string),
                let absorbed = document["absorbed"]
            else { return }
            let root = find(profile(survivor))
            for node in document.elements(of: absorbed) {
                guard let id = document.string(node) else { continue }
                let other = find(profile(id))
                if other != root { parent[Int(other)] = root }
            }
            return
        }
        guard document.stringEquals(kind, "event"), let id = document["id"].flatMap(document.string) else { return }
        guard hasPersonInformation(document) else {
            eventsWithoutPersonInformation += 1
            return
        }
        guard let person = personByKey[id] else {
            eventsWithoutTruth += 1
            return
        }
        let profileID = document["profile"].flatMap { document.member("id", of: $0) }.flatMap(document.string)
        scored.append((person, profileID.map { profile($0) } ?? -1))
    }

    /// The figures over what was read.
    package mutating func report() -> AccuracyReport {
        var cells: [Int64: Int] = [:]
        var clusterSizes: [Int32: Int] = [:]
        var personSizes: [Int32: Int] = [:]
        var singletons: Int32 = 0
        for record in scored {
            let cluster: Int32
            if record.profile < 0 {
                // Each record without a profile is a cluster of its own, below every profile index.
                singletons += 1
                cluster = -singletons
            } else {
                cluster = find(record.profile)
            }
            cells[Int64(cluster) << 32 | Int64(UInt32(bitPattern: record.person)), default: 0] += 1
            clusterSizes[cluster, default: 0] += 1
            personSizes[record.person, default: 0] += 1
        }
        func pairs(_ count: Int) -> Double { Double(count) * Double(count - 1) / 2 }
        var together = 0.0
        var bcubedPrecision = 0.0
        var bcubedRecall = 0.0
        // Summed in key order: floating-point sums in dictionary order could differ from run to run in the last bit.
        for (key, count) in cells.sorted(by: { $0.key < $1.key }) {
            let cluster = Int32(truncatingIfNeeded: key >> 32)
            let person = Int32(bitPattern: UInt32(truncatingIfNeeded: key))
            together += pairs(count)
            bcubedPrecision += Double(count * count) / Double(clusterSizes[cluster]!)
            bcubedRecall += Double(count * count) / Double(personSizes[person]!)
        }
        let predictedPairs = clusterSizes.values.reduce(0.0) { $0 + pairs($1) }
        let truePairs = personSizes.values.reduce(0.0) { $0 + pairs($1) }
        let records = Double(max(scored.count, 1))
        return AccuracyReport(
            records: scored.count, people: personSizes.count,
            profiles: clusterSizes.keys.filter { $0 >= 0 }.count, withoutProfile: Int(singletons),
            splitPeople: splitPeople(cells), eventsWithoutTruth: eventsWithoutTruth,
            pairwise: Figures(
                precision: predictedPairs == 0 ? 1 : together / predictedPairs,
                recall: truePairs == 0 ? 1 : together / truePairs),
            bcubed: Figures(precision: bcubedPrecision / records, recall: bcubedRecall / records))
    }

    private func splitPeople(_ cells: [Int64: Int]) -> Int {
        var clusters: [Int32: Int] = [:]
        for key in cells.keys { clusters[Int32(bitPattern: UInt32(truncatingIfNeeded: key)), default: 0] += 1 }
        return clusters.values.filter { $0 > 1 }.count
    }

    private func hasPersonInformation(_ document: JSONDocument) -> Bool {
        if let traits = document["traits"], document.type(of: traits) == .object, document.childCount(of: traits) > 0 {
            return true
        }
        guard let ids = document["ids"], document.type(of: ids) == .object else { return false }
        return document.members(of: ids).contains { $0.key != "order_id" }
    }

    private mutating func profile(_ id: String) -> Int32 {
        if let index = profileByID[id] { return index }
        let index = Int32(parent.count)
        parent.append(index)
        profileByID[id] = index
        return index
    }

    private mutating func find(_ index: Int32) -> Int32 {
        var root = index
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var cursor = index
        while parent[Int(cursor)] != root {
            let next = parent[Int(cursor)]
            parent[Int(cursor)] = root
            cursor = next
        }
        return root
    }
}

/// Precision, recall and their harmonic mean.
package struct Figures: Equatable, Sendable {
    package var precision: Double
    package var recall: Double
    package var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// What `touchpoint-accuracy` prints.
package struct AccuracyReport: Equatable, Sendable {
    package var records: Int
    package var people: Int
    package var profiles: Int
    package var withoutProfile: Int
    /// People whose records are in more than one cluster.
    package var splitPeople: Int
    package var eventsWithoutTruth: Int
    package var pairwise: Figures
    package var bcubed: Figures

    /// `{"records":…,"people":…,"profiles":…,"without_profile":…,"split_people":…,"without_truth":…,
    /// "pairwise":{"precision":…,"recall":…,"f1":…},"bcubed":{…}}`, figures to 4 decimals.
    package var jsonValue: JSONValue {
        func figures(_ value: Figures) -> JSONValue {
            var object = JSONObject()
            for (name, number) in [("precision", value.precision), ("recall", value.recall), ("f1", value.f1)] {
                object.append(name, JSONNumber.rounded(number, places: 4).map(JSONValue.number) ?? .int(0))
            }
            return .object(object)
        }
        var object = JSONObject()
        object.append("records", .int(records))
        object.append("people", .int(people))
        object.append("profiles", .int(profiles))
        object.append("without_profile", .int(withoutProfile))
        object.append("split_people", .int(splitPeople))
        object.append("without_truth", .int(eventsWithoutTruth))
        object.append("pairwise", figures(pairwise))
        object.append("bcubed", figures(bcubed))
        return .object(object)
    }
}
