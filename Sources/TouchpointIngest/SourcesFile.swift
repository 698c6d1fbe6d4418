import TouchpointCore

/// A deployment's feeds listed in one JSON file (`ingest --sources FILE`), read through Core's `ConfigFile` so a
/// mistake names the file, line, column and JSON path:
///
/// ```json
/// {"sources": [
///   {"name": "web", "format": "clf", "files": ["/var/log/nginx/access.log"]},
///   {"name": "tickets", "format": "ndjson", "options": {"records": "tickets"}, "files": ["exports/tickets-*.json"]}
/// ]}
/// ```
///
/// Each entry is what `--source NAME --format FORMAT --format-option K=V... FILE...` (or `--listen ADDRESS...`)
/// says on the command line, and becomes the same inputs. Relative paths are relative to the sources file's folder, so a deployment folder can
/// be moved or run from anywhere. A path with `*`, `?` or `[` is a pattern: matched when the run starts, and, with
/// `--follow`, also matched against files that appear later.
struct SourcesFile {
    struct Entry {
        var name: String?
        /// nil: each file's format comes from its extension, as on the command line.
        var formatType: (any RecordFormat.Type)?
        var formatOptions: FormatOptions
        var files: [String]
        /// `--listen` addresses (`tcp://127.0.0.1:5514`, `unix:/run/touchpoint/feed.sock`).
        var listens: [String] = []
    }

    static let entryKeys = ["name", "format", "options", "files", "listen"]

    var entries: [Entry] = []

    /// Reads `path` (as the user gave it; `resolvedPath` is where to open it).
    init(path: String, resolvedPath: String, maxRecordBytes: Int) throws(ConfigError) {
        let file = try ConfigFile(contentsOf: resolvedPath, displayPath: path)
        try file.root.checkKeys(["sources"])
        let folder = Self.folder(of: path)
        let list = try file.root.required("sources")
        let sources = try list.array()
        if sources.isEmpty { throw list.error("lists no source") }
        for source in sources {
            entries.append(try Self.entry(source, folder: folder, maxRecordBytes: maxRecordBytes))
        }
    }

    private static func entry(_ source: ConfigValue, folder: String?, maxRecordBytes: Int) throws(ConfigError) -> Entry
    {
        try source.checkKeys(entryKeys)
        var name: String?
        if let value = try source.optional("name") {
            let text = try value.string()
            if text.isEmpty { throw value.error("empty name") }
            name = text
        }
        var formatType: (any RecordFormat.Type)?
        if let value = try source.optional("format") {
            let known = FormatRegistry.all.map { $0.name }
            let text = try value.string(oneOf: known)
            formatType = FormatRegistry.format(named: text)
        }
        var formatOptions = FormatOptions(maxRecordBytes: maxRecordBytes)
        if let options = try source.optional("options") {
            for member in try options.members() {
                let text = try optionText(member.value)
                formatOptions.set(member.key, to: text)
            }
        }
        var files: [String] = []
        if let list = try source.optional("files") {
            for file in try list.array() {
                let text = try file.string()
                if text.isEmpty { throw file.error("empty path") }
                if let folder, !text.hasPrefix("/") { files.append(folder + "/" + text) } else { files.append(text) }
            }
            if files.isEmpty { throw list.error("names no file") }
        }
        var listens: [String] = []
        if let listen = try source.optional("listen") {
            // One address, or a list of them; a unix path is as written (relative to where ingest runs).
            let addresses: [ConfigValue]
            if case .array(let items) = listen.content { addresses = items } else { addresses = [listen] }
            for address in addresses { listens.append(try address.string()) }
            if listens.isEmpty { throw listen.error("names no address") }
        }
        if files.isEmpty && listens.isEmpty { throw source.error("missing \"files\" or \"listen\"") }
        return Entry(
            name: name, formatType: formatType, formatOptions: formatOptions, files: files, listens: listens)
    }

    /// An option's value as `--format-option` would give it: strings as they are, booleans and numbers written out,
    /// and a list of strings joined by commas (`"columns": ["a", "b"]`).
    private static func optionText(_ value: ConfigValue) throws(ConfigError) -> String {
        switch value.content {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number) where number.intValue != nil: return String(number.intValue!)
        case .array(let items):
            var texts: [String] = []
            for item in items { texts.append(try item.string()) }
            return texts.joined(separator: ",")
        default: throw value.error("expected a string, true or false, a whole number or a list of strings")
        }
    }

    /// The folder part of `path`, or nil when it has none (the working directory).
    private static func folder(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])  // "" for a file in /, so "" + "/" + name stays absolute
    }
}
