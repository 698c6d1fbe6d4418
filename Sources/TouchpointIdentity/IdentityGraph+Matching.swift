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
    /// are added to the profile. Only when none is known are the traits compared with the profiles that share a
    /// block with them: the best candidate at or above the match threshold, not vetoed and not holding a
    /// different customer or loyalty id, is the profile the event joins (its identifiers are linked to it). So a
    /// trait match attaches an event to a profile and never merges two existing profiles: a merge always rests on a
    /// shared identifier. When no candidate is taken, those that scored at least the possible-match threshold go to
    /// review (`possible_match`, or `refused_merge` when only a guard stopped a match: a veto or another customer
    /// id); when one is taken, only other candidates that would have matched too (`possible_match` with guard
    /// `better_candidate`: one person split over two profiles). At most `maxReviewsPerEvent`, best first. Without a known identifier or a match, an event with identifiers starts a
    /// profile, and one with traits enough to found one (`PersonTraits.canFoundProfile`) starts a trait profile.
    package mutating func resolve(
        _ identifiers: [Identifier], traits eventTraits: PersonTraits?, event: String
    ) -> EventResolution {
        let isKnown = identifiers.contains { owners[$0.key] != nil && !guards.isGeneric($0) }
        var reviews: [ReviewRequest] = []
        var seed: (index: Int, comparison: TraitComparison)?
        if !isKnown, let eventTraits, settings.isEnabled {
            (seed, reviews) = bestCandidate(for: eventTraits, identifiers: identifiers)
        }
        var resolution: Resolution?
        if seed != nil || !identifiers.isEmpty {
            resolution = resolve(identifiers, joining: seed?.index)
        }
        if resolution == nil, let eventTraits, eventTraits.canFoundProfile {
            resolution = createTraitProfile(event: event)
        }
        if let resolution {
            if let eventTraits { traits.record(eventTraits, for: resolution.profileIndex, settings: settings) }
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

    /// At most this many reviews are written for one event's trait comparisons.
    package static let maxReviewsPerEvent = 3

    private mutating func bestCandidate(for eventTraits: PersonTraits, identifiers: [Identifier]) -> (
        (index: Int, comparison: TraitComparison)?, [ReviewRequest]
    ) {
        var eventExclusive = ExclusiveIdentifiers()
        for identifier in identifiers where eventExclusive.accepts(identifier) { eventExclusive.absorb(identifier) }
        // The best comparison per surviving profile: traits stay with the index that received them.
        var best: [Int: TraitComparison] = [:]
        for (candidate, comparison) in traits.comparisons(with: eventTraits, settings: settings) {
            let survivor = root(of: Int(candidate))
            if let known = best[survivor], known.score >= comparison.score { continue }
            best[survivor] = comparison
        }
        let ranked = best.sorted {
            $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key < $1.key
        }
        func isAllowed(_ survivor: Int, _ comparison: TraitComparison) -> Bool {
            comparison.score >= settings.matchThreshold && comparison.veto == nil
                && profiles[survivor].exclusive.isCompatible(with: eventExclusive)
        }
        let chosen = ranked.first { isAllowed($0.key, $0.value) }.map { (index: $0.key, comparison: $0.value) }
        var reviews: [ReviewRequest] = []
        for (survivor, comparison) in ranked where survivor != chosen?.index {
            guard reviews.count < Self.maxReviewsPerEvent else { break }
            var evidence = comparison.evidence(settings)
            let reason: String
            if isAllowed(survivor, comparison) {
                // A second profile above the threshold: likely one person split in two; the event joined the better.
                reason = "possible_match"
                evidence.append("guard", .string("better_candidate"))
            } else if chosen != nil {
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
