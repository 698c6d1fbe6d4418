import Glibc
import TouchpointCore

/// A person trait that probabilistic matching compares.
package enum TraitField: Int, CaseIterable, Sendable {
    case firstName, lastName, birthDate, postcode, address, phone, emailLocal

    /// The name in settings files, evidence and `profile.matched_by`.
    package var name: String {
        switch self {
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .birthDate: "birth_date"
        case .postcode: "postcode"
        case .address: "address"
        case .phone: "phone"
        case .emailLocal: "email_local"
        }
    }

    /// The levels a comparison of this field can give, best first; each needs an m and a u.
    package var levels: [MatchLevel] {
        switch self {
        case .firstName: [.exact, .nickname, .close, .disagree]
        case .lastName, .address, .emailLocal: [.exact, .close, .disagree]
        case .birthDate: [.exact, .transposed, .partial, .disagree]
        case .postcode, .phone: [.exact, .disagree]
        }
    }
}

/// How two values of one trait compare (TraitComparison.swift says when each applies).
package enum MatchLevel: Int, CaseIterable, Sendable {
    case exact, nickname, transposed, close, partial, disagree

    package var name: String {
        switch self {
        case .exact: "exact"
        case .nickname: "nickname"
        case .transposed: "transposed"
        case .close: "close"
        case .partial: "partial"
        case .disagree: "disagree"
        }
    }
}

/// Everything resolve-identity can be told in its settings file (built-in: `Builtin/matching/settings.json`).
///
/// A user's `--config FILE` has the same shape; each key it sets replaces the built-in value and the rest stay, so
/// a file of one line (`{"matching":{"match_threshold":22}}`) is enough. Weights are Fellegi-Sunter's: a field at a
/// level adds log2(m/u) to the score; a field missing on either side adds nothing either way.
package struct MatchSettings: Sendable {
    package var isEnabled: Bool
    /// Whether an event whose traits match several profiles merges them (else it joins the best, and the others go
    /// to review).
    package var mergesOnTraits: Bool
    /// A score at or above it links the event to the candidate.
    package var matchThreshold: Double
    /// A score at or above it, but below `matchThreshold`, is written as a `possible_match` review.
    package var possibleThreshold: Double
    /// Fields whose disagreement refuses a match whatever the score: a different first name or birth date at one
    /// address is a household member or a twin, not the same person.
    package var vetoes: [Bool]
    /// Jaro-Winkler at or above it is `close`.
    package var closeSimilarity: Double
    /// Values kept per trait and profile (first ones seen); later ones are compared but not kept.
    package var maxValuesPerTrait: Int
    /// Profiles kept per blocking key (the oldest); a key with more is too common to tell people apart.
    package var maxProfilesPerBlock: Int
    /// Profiles compared per event at most, over all its blocking keys.
    package var maxCandidates: Int
    /// log2(m/u) by field and level; nil where the field has no such level.
    package var weights: [[Double?]]
    package var nicknames: NicknameTable
    /// By `IdentifierType.rank`: an identifier value refused on more profiles than this is generic.
    package var maxProfilesPerIdentifier: [Int]
    /// By `IdentifierType.rank`: the span of event time within which those profiles count; nil: no window.
    package var maxProfilesPerIdentifierWindow: [Duration?]
    /// By `IdentifierType.rank`: identifiers of the type a profile may hold (customer_id and loyalty_id: 1).
    package var maxIdentifiersPerProfile: [Int]

    package func weight(_ field: TraitField, _ level: MatchLevel) -> Double {
        weights[field.rawValue][level.rawValue] ?? 0
    }

    /// The built-in settings.
    package static let builtin = builtinValue("matching/settings.json") { value throws(ConfigError) in
        try MatchSettings(value, base: nil)
    }

    /// The built-in settings with a user's file applied.
    package static func loading(userFile path: String?) throws(ConfigError) -> MatchSettings {
        guard let path else { return builtin }
        return try MatchSettings(ConfigFile(contentsOf: path).root, base: builtin)
    }

    /// Reads a settings file over `base`; with no base (the built-in file) every key is required.
    package init(_ root: ConfigValue, base: MatchSettings?) throws(ConfigError) {
        try root.checkKeys(["description", "matching", "guards"])
        func member(_ object: ConfigValue?, _ key: String) throws(ConfigError) -> ConfigValue? {
            guard let object else {
                if base == nil { throw root.error("missing \"\(key)\"") }
                return nil
            }
            if base == nil { return try object.required(key) }
            return try object.optional(key)
        }
        let matching = try member(root, "matching")
        try matching?.checkKeys([
            "enabled", "merge_on_traits", "match_threshold", "possible_threshold", "vetoes", "close_similarity",
            "max_values_per_trait",
            "max_profiles_per_block", "max_candidates", "fields", "nickname_groups",
        ])
        isEnabled = try member(matching, "enabled")?.bool() ?? base!.isEnabled
        mergesOnTraits = try member(matching, "merge_on_traits")?.bool() ?? base!.mergesOnTraits
        matchThreshold = try member(matching, "match_threshold")?.number(in: -1000...1000) ?? base!.matchThreshold
        possibleThreshold =
            try member(matching, "possible_threshold")?.number(in: -1000...1000) ?? base!.possibleThreshold
        if let vetoList = try member(matching, "vetoes") {
            vetoes = Array(repeating: false, count: TraitField.allCases.count)
            for element in try vetoList.array() {
                vetoes[try Self.field(element).rawValue] = true
            }
        } else {
            vetoes = base!.vetoes
        }
        closeSimilarity = try member(matching, "close_similarity")?.number(in: 0...1) ?? base!.closeSimilarity
        maxValuesPerTrait = try member(matching, "max_values_per_trait")?.integer(in: 1...16) ?? base!.maxValuesPerTrait
        maxProfilesPerBlock =
            try member(matching, "max_profiles_per_block")?.integer(in: 1...10_000) ?? base!.maxProfilesPerBlock
        maxCandidates = try member(matching, "max_candidates")?.integer(in: 1...100_000) ?? base!.maxCandidates
        weights = try Self.weights(member(matching, "fields"), base: base?.weights)
        nicknames = base?.nicknames ?? .builtin
        if let groups = try matching?.optional("nickname_groups") { try nicknames.add(groups) }
        guard possibleThreshold <= matchThreshold else {
            throw (matching ?? root).error("possible_threshold must not be above match_threshold")
        }

        let guards = try member(root, "guards")
        try guards?.checkKeys([
            "max_profiles_per_identifier", "max_profiles_per_identifier_window", "max_identifiers_per_profile",
        ])
        maxProfilesPerIdentifier =
            try Self.perType(
                member(guards, "max_profiles_per_identifier"), base: base?.maxProfilesPerIdentifier,
                requireDefault: base == nil) ?? base!.maxProfilesPerIdentifier
        maxProfilesPerIdentifierWindow =
            try Self.windows(member(guards, "max_profiles_per_identifier_window"), base: base)
            ?? base!.maxProfilesPerIdentifierWindow
        var perProfile =
            try Self.perType(
                member(guards, "max_identifiers_per_profile"), base: base?.maxIdentifiersPerProfile,
                requireDefault: false) ?? base!.maxIdentifiersPerProfile
        perProfile[IdentifierType.customerID.rank] = 1
        perProfile[IdentifierType.loyaltyID.rank] = 1
        maxIdentifiersPerProfile = perProfile
    }

    private static func field(_ value: ConfigValue) throws(ConfigError) -> TraitField {
        let name = try value.string(oneOf: TraitField.allCases.map(\.name))
        return TraitField.allCases.first { $0.name == name }!
    }

    /// `{"first_name": {"exact": {"m": …, "u": …}, …}, …}`: each field given has all its levels.
    private static func weights(_ value: ConfigValue?, base: [[Double?]]?) throws(ConfigError) -> [[Double?]] {
        var weights =
            base
            ?? Array(
                repeating: Array(repeating: nil, count: MatchLevel.allCases.count), count: TraitField.allCases.count)
        guard let value else { return weights }
        try value.checkKeys(TraitField.allCases.map(\.name))
        for field in TraitField.allCases {
            guard let levels = try base == nil ? value.required(field.name) : value.optional(field.name) else {
                continue
            }
            try levels.checkKeys(field.levels.map(\.name))
            for level in field.levels {
                let probabilities = try levels.required(level.name)
                try probabilities.checkKeys(["m", "u"])
                let m = try probabilities.required("m").number(in: 0.000_001...1)
                let u = try probabilities.required("u").number(in: 0.000_001...1)
                weights[field.rawValue][level.rawValue] = log2(m / u)
            }
        }
        return weights
    }

    /// `{"default": "30d", "phone": "7d", "email": "ever"}`: a window per identifier type, `default` for the types not
    /// named (else the base's window); `ever` is no window. The built-in file (no base) must give `default`.
    private static func windows(_ value: ConfigValue?, base: MatchSettings?) throws(ConfigError) -> [Duration?]? {
        guard let value else { return nil }
        try value.checkKeys(["default"] + IdentifierType.allCases.map(\.rawValue))
        func window(_ entry: ConfigValue) throws(ConfigError) -> Duration? {
            if (try? entry.string()) == "ever" { return nil }
            let duration = try entry.duration()
            guard duration > .zero else { throw entry.error("a window must be longer than 0 (\"ever\": no window)") }
            return duration
        }
        var windows =
            base?.maxProfilesPerIdentifierWindow ?? Array(repeating: nil, count: IdentifierType.allCases.count)
        if let entry = try base == nil ? value.required("default") : value.optional("default") {
            windows = Array(repeating: try window(entry), count: IdentifierType.allCases.count)
        }
        for type in IdentifierType.allCases {
            if let entry = try value.optional(type.rawValue) { windows[type.rank] = try window(entry) }
        }
        return windows
    }

    /// `{"default": 3, "phone": 2}`: a limit per identifier type, `default` for the types not named (else the
    /// base's limit, else none); nil when not given.
    private static func perType(_ value: ConfigValue?, base: [Int]?, requireDefault: Bool) throws(ConfigError)
        -> [Int]?
    {
        guard let value else { return nil }
        try value.checkKeys(["default"] + IdentifierType.allCases.map(\.rawValue))
        let fallback = try (requireDefault ? value.required("default") : value.optional("default"))?.integer(
            in: 1...1_000_000)
        var limits =
            fallback.map { Array(repeating: $0, count: IdentifierType.allCases.count) }
            ?? base ?? Array(repeating: Int.max, count: IdentifierType.allCases.count)
        for type in IdentifierType.allCases {
            if let limit = try value.optional(type.rawValue) {
                limits[type.rank] = try limit.integer(in: 1...1_000_000)
            }
        }
        return limits
    }
}
