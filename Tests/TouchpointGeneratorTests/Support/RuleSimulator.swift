/// The three alert rules, evaluated over groups of records (a person, a household, an identity component), as the
/// brief defines them. Independent of the pipeline's alert stage.
struct RuleSimulator {
    static let hour = 3_600.0
    static let day = 86_400.0
    /// The brief's "clearly negative" words.
    static let negativeWords = ["terrible", "worst", "awful", "broken", "never again", "scam", "disappointed", "rude"]

    /// What fired: detractor survey refs, repeat-contact windows (sets of `source:ref`), negative post refs.
    struct Alerts {
        var detractorSurveys: Set<String> = []
        var contactWindows: Set<Set<String>> = []
        var negativePosts: Set<String> = []
    }

    static func isNegative(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return negativeWords.contains { lowered.contains($0) }
    }

    /// Evaluates the rules with records grouped by `group`.
    static func evaluate(_ records: [RawRecord], groupedBy group: (RawRecord) -> String) -> Alerts {
        var groups: [String: [RawRecord]] = [:]
        for record in records { groups[group(record), default: []].append(record) }
        var alerts = Alerts()
        for members in groups.values {
            let purchases = members.filter(\.isPurchase).map(\.time)
            for survey in members where survey.source == "surveys" {
                guard let nps = survey.nps, nps <= 6 else { continue }
                if purchases.contains(where: { survey.time - $0 >= 0 && survey.time - $0 <= 48 * hour }) {
                    alerts.detractorSurveys.insert("surveys:" + survey.ref)
                }
            }
            let contacts = members.filter(\.isSupportContact).sorted { $0.time < $1.time }
            for (index, last) in contacts.enumerated() {
                let window = contacts[...index].filter { last.time - $0.time < 168 * hour }
                if window.count >= 3 { alerts.contactWindows.insert(Set(window.map { $0.source + ":" + $0.ref })) }
            }
        }
        for post in records where post.source == "social" {
            if isNegative(post.text) && (post.followers ?? 0) >= 10_000 {
                alerts.negativePosts.insert("social:" + post.ref)
            }
        }
        return alerts
    }
}

/// Connected components of records linked by exact identifiers (union-find), as deterministic identity
/// resolution without guards would build them: the most merging it could ever do.
struct IdentityComponents {
    private var parent: [Int]
    private(set) var componentOfRecord: [Int] = []

    init(_ records: [RawRecord]) {
        parent = Array(0..<records.count)
        var firstRecordOfIdentifier: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            for identifier in record.identifiers {
                if let other = firstRecordOfIdentifier[identifier] {
                    union(index, other)
                } else {
                    firstRecordOfIdentifier[identifier] = index
                }
            }
        }
        componentOfRecord = records.indices.map { find($0) }
    }

    private mutating func find(_ index: Int) -> Int {
        var root = index
        while parent[root] != root { root = parent[root] }
        var current = index
        while parent[current] != root {
            let next = parent[current]
            parent[current] = root
            current = next
        }
        return root
    }

    private mutating func union(_ first: Int, _ second: Int) {
        let (a, b) = (find(first), find(second))
        if a != b { parent[a] = b }
    }
}
