import TouchpointCore

/// Every rule alert evaluates: the built-in rules file (Builtin/rules/cx.json, embedded) and the user's
/// `--rules FILE`s, one mechanism.
///
/// A rules file is `{"rules":[{…},…]}`. A user's rule with a new id is added; one with a built-in's id and a
/// `kind` replaces it; one with a built-in's id and no `kind` is a patch, its members replacing the built-in's
/// (`{"id":"detractor-after-purchase","within":"5d"}`); `"enabled": false` removes a rule. Every problem is a
/// `ConfigError` naming the file, line, column, JSON path and rule id.
package struct RuleSet: Sendable {
    package static let builtinPath = "rules/cx.json"
    /// The built-in rules alone; a test compiles them, so this cannot fail.
    package static let builtin = try! RuleSet()

    package let rules: [RuleDefinition]
    /// What the user's files replaced or removed, for notes on stderr.
    package let notes: [String]

    package init(userFiles: [ConfigFile] = []) throws(ConfigError) {
        guard let builtin = BuiltinFiles.all.first(where: { $0.path == Self.builtinPath }) else {
            throw ConfigError(file: "builtin:" + Self.builtinPath, message: "missing from the build")
        }
        var entries = try Self.entries(of: try ConfigFile(text: builtin.text, path: "builtin:" + builtin.path))
        var notes: [String] = []
        for file in userFiles {
            for entry in try Self.entries(of: file) {
                guard let index = entries.firstIndex(where: { $0.id == entry.id }) else {
                    if try entry.isEnabled() { entries.append(entry) }
                    continue
                }
                if !(try entry.isEnabled()) {
                    notes.append("\(file.path): rule \"\(entry.id)\" disabled")
                    entries.remove(at: index)
                } else if try entry.value.optional("kind") == nil {
                    notes.append("\(file.path): rule \"\(entry.id)\" adjusted")
                    entries[index].patch(with: entry)
                } else {
                    notes.append("\(file.path): rule \"\(entry.id)\" replaces \(entries[index].origin)")
                    entries[index] = entry
                }
            }
        }
        var rules: [RuleDefinition] = []
        for entry in entries { rules.append(try RuleCompiler.compile(entry)) }
        self.rules = rules
        self.notes = notes
    }

    package init(rules: [RuleDefinition]) {
        self.rules = rules
        notes = []
    }

    /// The rule with this id, if there is one.
    package func rule(_ id: String) -> RuleDefinition? { rules.first { $0.id == id } }

    /// The rule objects of a file, each with its id, checked to be unique.
    private static func entries(of file: ConfigFile) throws(ConfigError) -> [RuleEntry] {
        try file.root.checkKeys(["rules", "summary"])
        var entries: [RuleEntry] = []
        for value in try file.root.required("rules").array() {
            let idValue = try value.required("id")
            let id = try idValue.string()
            guard !id.isEmpty,
                id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { throw idValue.error("rule id \"\(id)\" must be kebab-case (a-z, 0-9 and -)") }
            guard !entries.contains(where: { $0.id == id }) else {
                throw idValue.error("rule \"\(id)\" is defined twice in this file")
            }
            entries.append(RuleEntry(id: id, members: try value.members(), value: value, origin: file.path))
        }
        return entries
    }
}

/// One rule object before it is compiled: its members, which a patch replaces one by one.
struct RuleEntry {
    let id: String
    var members: [(key: String, value: ConfigValue)]
    let value: ConfigValue
    let origin: String

    func member(_ key: String) -> ConfigValue? { members.first { $0.key == key }?.value }

    func isEnabled() throws(ConfigError) -> Bool { try member("enabled")?.bool() ?? true }

    mutating func patch(with other: RuleEntry) {
        for (key, value) in other.members {
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = value
            } else {
                members.append((key, value))
            }
        }
    }
}
