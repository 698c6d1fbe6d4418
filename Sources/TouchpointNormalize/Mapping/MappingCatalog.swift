import TouchpointCore

/// Every mapping normalize can use, with the tables, lists and journey stages they name: the built-in files and a
/// user's `--mappings DIR`, one mechanism (`ConfigRegistry`). A user's file of the same kind and name replaces a
/// built-in one.
///
/// A file says what it is by its first key: `"mapping"`, `"table"`, `"list"` or `"journey_stages"`.
package struct MappingCatalog: Sendable {
    /// The built-in files alone; they ship with the program and a test compiles every one, so this cannot fail.
    package static let builtin = try! MappingCatalog()

    let mappings: [Mapping]
    let stages: JourneyStages
    /// What loading replaced, for notes on stderr.
    let notes: [String]

    static let kinds = ["mapping", "table", "list", "journey_stages"]

    init(userFolder: String? = nil, extraFiles: [ConfigFile] = []) throws(ConfigError) {
        let registry = try ConfigRegistry<ConfigFile>(
            builtins: BuiltinFiles.all, folder: "mappings", userFolder: userFolder
        ) { (file) throws(ConfigError) -> (name: String, entry: ConfigFile) in
            (try MappingCatalog.key(of: file), file)
        }
        var files = registry.entries.map(\.entry)
        for file in extraFiles {
            let key = try MappingCatalog.key(of: file)
            files.removeAll { (try? MappingCatalog.key(of: $0)) == key }
            files.append(file)
        }
        try self.init(files: files, notes: registry.notes)
    }

    /// Compiles files already read: tables and lists first, since mappings name them.
    init(files: [ConfigFile], notes: [String] = []) throws(ConfigError) {
        var tables: [String: PatternTable] = [:]
        var lists: [String: [String]] = [:]
        var stages = JourneyStages()
        // Journey-stage files add to one table: the built-in first, so a user's file has the last word.
        let ordered = files.filter { $0.path.hasPrefix("builtin:") } + files.filter { !$0.path.hasPrefix("builtin:") }
        for file in ordered {
            let root = file.root
            switch try MappingCatalog.kind(of: file) {
            case "table":
                try root.checkKeys(["table", "summary", "ignore_case", "rows"])
                tables[try root.required("table").string()] = try MappingCompiler.patternTable(
                    rows: try root.required("rows"),
                    ignoresCase: try root.optional("ignore_case")?.bool() ?? false)
            case "list":
                try root.checkKeys(["list", "summary", "values"])
                lists[try root.required("list").string()] = try root.required("values").array().map {
                    (value) throws(ConfigError) in try value.string()
                }
            case "journey_stages":
                try stages.merge(file)
            default:
                break
            }
        }
        var mappings: [Mapping] = []
        for file in files where try MappingCatalog.kind(of: file) == "mapping" {
            var compiler = MappingCompiler(tables: tables, lists: lists)
            mappings.append(try compiler.compile(file))
        }
        self.mappings = mappings.sorted { $0.name < $1.name }
        self.stages = stages
        self.notes = notes
    }

    func mapping(named name: String) -> Mapping? { mappings.first { $0.name == name } }

    package var names: [String] { mappings.map(\.name) }

    /// `normalize --help-mappings`: one line per mapping, name then summary.
    package var helpText: String { HelpTable.render(mappings.map { ($0.name, $0.summary) }) }

    static func kind(of file: ConfigFile) throws(ConfigError) -> String {
        guard let first = try file.root.members().first?.key, kinds.contains(first) else {
            throw file.root.error(
                "a mapping folder's file starts with one of \(kinds.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return first
    }

    /// `kind:name`: files of different kinds may share a name.
    static func key(of file: ConfigFile) throws(ConfigError) -> String {
        let kind = try kind(of: file)
        if kind == "journey_stages" { return kind + ":" + file.path }
        return kind + ":" + (try file.root.required(kind).string())
    }
}
