import TouchpointCore
import TouchpointJSON

/// How an event got its profile, for `profile.matched_by`.
package enum MatchedBy: Sendable {
    /// A new profile.
    case new
    /// Its identifiers were known.
    case identifiers
    /// Its traits matched a profile although none of its identifiers was known.
    case traits(TraitComparison)
}

/// A decision for a person: the `review` record's reason, the candidate side and the evidence.
package struct ReviewRequest: Sendable {
    package var reason: String
    package var profiles: [String]
    package var evidence: JSONObject
}

/// What resolve-identity decided for one event: its profile (nil: none), how, and what goes to review.
package struct EventResolution: Sendable {
    package var resolution: Resolution?
    package var matchedBy: MatchedBy
    package var reviews: [ReviewRequest]
}

extension IdentityGraph {
    /// Resolves an event from its identifiers and person traits.
    ///
    /// When one of its usable identifiers is known, the identifiers decide (`resolve(_:joining:)`) and the traits
    /// are added to the profile; with `merge_on_traits`, the traits the person gave may also prove one other
    /// profile to be theirs (`bridgeCandidate`), which merges with it (`identifier` `traits`). Only when none is
    /// known are the traits compared with the profiles that share a block with them: the best candidate at or above the match threshold, not vetoed and not holding a
    /// different customer or loyalty id, is the profile the event joins (its identifiers are linked to it). With
    /// `merge_on_traits`, other candidates that match as well join too, and so merge (`identifier` `traits`),
    /// unless their own traits contradict each other (`StoredTraits.contradicts`). When no candidate is taken,
    /// those that scored at least the possible-match threshold go to review (`possible_match`, or `refused_merge`
    /// when only a guard stopped a match: a veto or another customer id); when one is taken, only candidates that
    /// matched too but were kept apart (`refused_merge` with guard `contradiction`, or `possible_match` with guard
    /// `better_candidate` past `maxTraitMerges` or without `merge_on_traits`). At most
    /// `maxReviewsPerEvent`, best first. Without a known identifier or a match, an event with identifiers starts a
    /// profile, and one with traits enough to found one (`PersonTraits.canFoundProfile`) starts a trait profile.
    /// A merge is kept in `merges` under its survivor.
    package mutating func resolve(
        _ identifiers: [Identifier], traits eventTraits: PersonTraits?, event: String, time: Timestamp
    ) -> EventResolution {
        let isKnown = identifiers.contains { owners[$0.key] != nil && !guards.isGeneric($0) }
        var reviews: [ReviewRequest] = []
        var chosen: [(index: Int, comparison: TraitComparison)] = []
        if !isKnown, let eventTraits, settings.isEnabled {
            (chosen, reviews) = bestCandidates(for: eventTraits, identifiers: identifiers)
        }
        var bridge: (index: Int, comparison: TraitComparison)?
        if isKnown, let eventTraits, settings.isEnabled, settings.mergesOnTraits {
            bridge = bridgeCandidate(for: eventTraits, identifiers: identifiers)
        }
        let seed = chosen.first
        var resolution: Resolution?
        if seed != nil || !identifiers.isEmpty {
            let seeds = chosen.map(\.index) + (bridge.map { [$0.index] } ?? [])
            resolution = resolve(identifiers, joining: seeds, seedsMatchedOnTraits: bridge != nil, at: time)
        }
        if resolution == nil, let eventTraits, eventTraits.canFoundProfile {
            resolution = createTraitProfile(event: event)
        }
        if let resolution {
            if let eventTraits { traits.record(eventTraits, for: resolution.profileIndex, settings: settings) }
            if !resolution.absorbed.isEmpty {
                let identifier = resolution.mergeIdentifier ?? ""
                let score =
                    identifier == "traits" ? bridge?.comparison.score ?? chosen.map(\.comparison.score).min() : nil
                merges[resolution.profileID, default: []].append(
                    MergeEntry(
                        time: time, event: event, absorbed: resolution.absorbed, identifier: identifier, score: score))
            }
            for refusal in resolution.refusals {
                var evidence = JSONObject()
                evidence.append("guard", .string("one_per_profile"))
                evidence.append("identifier", .string(refusal.type))
                reviews.append(
                    ReviewRequest(
                        reason: "refused_merge", profiles: [refusal.profile, resolution.profileID],
                        evidence: evidence))
            }
            for index in reviews.indices where reviews[index].profiles.count == 1 {
                reviews[index].profiles.append(resolution.profileID)
            }
        }
        let matchedBy: MatchedBy =
            if let seed { .traits(seed.comparison) } else if resolution?.isNew == true { .new } else { .identifiers }
        return EventResolution(resolution: resolution, matchedBy: matchedBy, reviews: reviews)
    }

    /// The one other profile an event's traits prove to be the person its known identifiers found, if any: the
    /// best candidate at or above the match threshold, not vetoed, whose customer and loyalty ids agree with those
    /// of the event and of every profile its identifiers find, and whose own traits contradict none of those
    /// profiles. Two profiles of one person that never met in an identifier (a loyalty card at the till, an app
    /// login) merge this way when an event of one shows the other's traits. Ties go to the oldest candidate. Nil
    /// when the identifiers' own profiles could not all merge (a guard would refuse one): the identifiers decide
    /// alone then. No reviews: the event has its profile, and look-alikes (a household member of one surname and
    /// postcode) are no news.
    private mutating func bridgeCandidate(for eventTraits: PersonTraits, identifiers: [Identifier]) -> (
        index: Int, comparison: TraitComparison
    )? {
        // The identifiers already spoke: only what the person said (name, birth date, address) may bridge, not
        // the phone digits and email local part read from those identifiers again.
        var said = eventTraits
        said.phone = ""
        said.emailLocal = ""
        guard said.hasPersonTraits else { return nil }
        var exclusive = ExclusiveIdentifiers()
        var found: [Int] = []
        for identifier in identifiers where !guards.isGeneric(identifier) {
            if let owner = owners[identifier.key] {
                let profile = root(of: owner)
                guard !found.contains(profile) else { continue }
                guard exclusive.isCompatible(with: profiles[profile].exclusive) else { return nil }
                exclusive.absorb(profiles[profile].exclusive)
                found.append(profile)
            } else {
                guard exclusive.accepts(identifier) else { return nil }
                exclusive.absorb(identifier)
            }
        }
        var best: (index: Int, comparison: TraitComparison)?
        for (candidate, comparison) in traits.comparisons(with: said, settings: settings) {
            guard comparison.score >= settings.matchThreshold, comparison.veto == nil else { continue }
            let survivor = root(of: Int(candidate))
            guard !found.contains(survivor), profiles[survivor].exclusive.isCompatible(with: exclusive),
                !found.contains(where: { traits.contradict(candidate, Int32($0), settings: settings) })
            else { continue }
            if let known = best,
                known.comparison.score > comparison.score
                    || (known.comparison.score == comparison.score && known.index < survivor)
            {
                continue
            }
            best = (survivor, comparison)
        }
        return best
    }

    /// At most this many reviews are written for one event's trait comparisons.
    package static let maxReviewsPerEvent = 3
    /// At most this many profiles one event's traits join (and so merge).
    package static let maxTraitMerges = 3

    private mutating func bestCandidates(for eventTraits: PersonTraits, identifiers: [Identifier]) -> (
        [(index: Int, comparison: TraitComparison)], [ReviewRequest]
    ) {
        var exclusive = ExclusiveIdentifiers()
        for identifier in identifiers where exclusive.accepts(identifier) { exclusive.absorb(identifier) }
        // The best comparison per surviving profile: traits stay with the index that received them.
        var best: [Int: (index: Int32, comparison: TraitComparison)] = [:]
        for (candidate, comparison) in traits.comparisons(with: eventTraits, settings: settings) {
            let survivor = root(of: Int(candidate))
            if let known = best[survivor], known.comparison.score >= comparison.score { continue }
            best[survivor] = (candidate, comparison)
        }
        let ranked = best.map { (key: $0.key, index: $0.value.index, value: $0.value.comparison) }.sorted {
            $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key < $1.key
        }
        func isAllowed(_ survivor: Int, _ comparison: TraitComparison) -> Bool {
            comparison.score >= settings.matchThreshold && comparison.veto == nil
                && profiles[survivor].exclusive.isCompatible(with: exclusive)
        }
        // The best allowed candidate; with `merge_on_traits`, every other allowed one too (up to
        // `maxTraitMerges`), which the event proves to be the same person: their customer and loyalty ids must agree.
        var chosen: [(index: Int, comparison: TraitComparison)] = []
        var chosenRows: [Int32] = []
        var contradicted: Set<Int> = []
        for (survivor, row, comparison) in ranked where isAllowed(survivor, comparison) {
            guard chosen.isEmpty || (settings.mergesOnTraits && chosen.count < Self.maxTraitMerges) else { break }
            // Profiles whose own traits contradict each other stay apart, whatever the event says about each.
            if chosenRows.contains(where: { traits.contradict($0, row, settings: settings) }) {
                contradicted.insert(survivor)
                continue
            }
            chosen.append((survivor, comparison))
            chosenRows.append(row)
            exclusive.absorb(profiles[survivor].exclusive)
        }
        let chosenIndices = Set(chosen.map(\.index))
        var reviews: [ReviewRequest] = []
        for (survivor, _, comparison) in ranked where !chosenIndices.contains(survivor) {
            guard reviews.count < Self.maxReviewsPerEvent else { break }
            var evidence = comparison.evidence(settings)
            let reason: String
            if contradicted.contains(survivor) {
                reason = "refused_merge"
                evidence.append("guard", .string("contradiction"))
            } else if isAllowed(survivor, comparison) {
                // A second profile above the threshold: likely one person split in two; the event joined the better.
                reason = "possible_match"
                evidence.append("guard", .string("better_candidate"))
            } else if !chosen.isEmpty {
                // The event found its profile; a look-alike (a household member) or a weaker candidate is no news.
                continue
            } else if comparison.score < settings.matchThreshold {
                // A vetoed pair below the match threshold is two people who merely look alike: no review.
                guard comparison.veto == nil else { continue }
                reason = "possible_match"
            } else {
                reason = "refused_merge"
                if let veto = comparison.veto {
                    evidence.append("guard", .string("veto"))
                    evidence.append("veto", .string(veto.name))
                } else {
                    evidence.append("guard", .string("one_per_profile"))
                }
            }
            reviews.append(ReviewRequest(reason: reason, profiles: [profiles[survivor].id], evidence: evidence))
        }
        return (chosen, reviews)
    }
}

extension TraitComparison {
    /// The review evidence: score, thresholds and every compared field with its level and weight.
    package func evidence(_ settings: MatchSettings) -> JSONObject {
        var fields = JSONObject()
        for field in TraitField.allCases {
            guard let level = levels[field] else { continue }
            var entry = JSONObject()
            entry.append("level", .string(level.name))
            entry.append("weight", Self.number(settings.weight(field, level)))
            fields.append(field.name, .object(entry))
        }
        var evidence = JSONObject()
        evidence.append("score", Self.number(score))
        evidence.append("match_threshold", Self.number(settings.matchThreshold))
        evidence.append("possible_threshold", Self.number(settings.possibleThreshold))
        evidence.append("fields", .object(fields))
        if isSwapped { evidence.append("swapped", .bool(true)) }
        return evidence
    }

    /// `profile.matched_by` for a trait match: the score and the fields that agreed, with their levels.
    package var matchedByObject: JSONObject {
        var fields = JSONObject()
        for (field, level) in agreeing { fields.append(field.name, .string(level.name)) }
        var object = JSONObject()
        object.append("rule", .string("traits"))
        object.append("score", Self.number(score))
        object.append("fields", .object(fields))
        if isSwapped { object.append("swapped", .bool(true)) }
        return object
    }

    static func number(_ value: Double) -> JSONValue {
        JSONNumber.rounded(value, places: 2).map(JSONValue.number) ?? .int(0)
    }
}
