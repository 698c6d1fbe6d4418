import TouchpointCore

/// Given names that name one person (`bill` and `william`), read from a file of groups
/// (`Builtin/matching/nicknames.json`; a deployment adds its own groups with `matching.nickname_groups` in its
/// `--config` file).
///
/// Two names are equivalent when they share a group. A name's `canonical` form, the first name of its first group,
/// goes into blocking keys, so `Peggy Smith` and `Margaret Smith` land in one block.
package struct NicknameTable: Sendable {
    /// Folded name -> the groups it stands in, in file order.
    private var groupsByName: [String: [Int32]] = [:]
    private var canonicalNames: [String] = []

    package init() {}

    /// The built-in table.
    package static let builtin = builtinValue("matching/nicknames.json") { value throws(ConfigError) in
        try NicknameTable(value)
    }

    /// Reads `{"description": …, "groups": [["william", "bill", …], …]}`; a group needs two names or more.
    package init(_ value: ConfigValue) throws(ConfigError) {
        try value.checkKeys(["description", "groups"])
        try add(value.required("groups"))
    }

    /// Adds groups (an array of arrays of names) after the ones already read.
    package mutating func add(_ groups: ConfigValue) throws(ConfigError) {
        for group in try groups.array() {
            let names = try group.array()
            guard names.count >= 2 else { throw group.error("a group needs at least two names") }
            let index = Int32(canonicalNames.count)
            var folded: [String] = []
            for name in names {
                let key = MatchText.fold(try name.string())
                guard !key.isEmpty else { throw name.error("an empty name") }
                folded.append(key)
                if groupsByName[key, default: []].last != index { groupsByName[key, default: []].append(index) }
            }
            canonicalNames.append(folded[0])
        }
    }

    /// Whether two different folded names share a group.
    package func areEquivalent(_ lhs: String, _ rhs: String) -> Bool {
        guard let left = groupsByName[lhs], let right = groupsByName[rhs] else { return false }
        return left.contains { right.contains($0) }
    }

    /// The formal name of the name's first group, or the name itself.
    package func canonical(_ name: String) -> String {
        groupsByName[name].map { canonicalNames[Int($0[0])] } ?? name
    }
}
