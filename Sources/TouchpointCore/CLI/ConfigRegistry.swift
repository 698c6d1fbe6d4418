import Glibc
import TouchpointJSON

/// Named entries loaded from JSON files: the built-ins embedded in the program and, beside them, the files of a
/// folder the user names (`--mappings DIR`, `--rules DIR`). One mechanism for both, so a built-in is only a file
/// that ships with the program, and a user's file of the same name replaces it.
package struct ConfigRegistry<Entry> {
    package struct Loaded {
        package let name: String
        package let entry: Entry
        /// Where it came from: `builtin:mappings/zendesk.json` or the user's path.
        package let origin: String
    }

    /// Every entry, in name order.
    package private(set) var entries: [Loaded] = []
    /// What loading replaced, for a note on stderr.
    package private(set) var notes: [String] = []

    /// Loads `builtins` (path, text) whose path starts with `folder`, then every `*.json` file of `userFolder`.
    /// `load` turns one parsed file into a named entry; any problem is a `ConfigError` naming the file.
    package init(
        builtins: [(path: String, text: String)], folder: String, userFolder: String? = nil,
        load: (ConfigFile) throws(ConfigError) -> (name: String, entry: Entry)
    ) throws(ConfigError) {
        var byName: [String: Loaded] = [:]
        for builtin in builtins where builtin.path.hasPrefix(folder + "/") && builtin.path.hasSuffix(".json") {
            let file = try ConfigFile(text: builtin.text, path: "builtin:" + builtin.path)
            let (name, entry) = try load(file)
            byName[name] = Loaded(name: name, entry: entry, origin: file.path)
        }
        if let userFolder {
            for path in try Self.jsonFiles(in: userFolder) {
                let file = try ConfigFile(contentsOf: path)
                let (name, entry) = try load(file)
                if let replaced = byName[name] { notes.append("\(path) replaces \(replaced.origin) (\"\(name)\")") }
                byName[name] = Loaded(name: name, entry: entry, origin: path)
            }
        }
        entries = byName.keys.sorted().map { byName[$0]! }
    }

    package var names: [String] { entries.map(\.name) }

    package func entry(named name: String) -> Entry? { entries.first { $0.name == name }?.entry }

    /// The `*.json` files of a folder, sorted; an unreadable folder is an error naming it.
    package static func jsonFiles(in folder: String) throws(ConfigError) -> [String] {
        guard let stream = opendir(folder) else {
            throw ConfigError(file: folder, message: String(cString: strerror(errno)))
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".json") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted().map { folder + "/" + $0 }
    }
}

/// The one `--check FILE...` convention: each file is loaded as it would be for a run; a valid one is reported
/// as `FILE: ok`, each problem on its own line with file, line, column and JSON path. Exit 0 when every file is
/// valid, 2 otherwise.
package enum ConfigCheck {
    package static func run(
        _ paths: [String], io: StageIO, program: String, check: (ConfigFile) throws(ConfigError) -> Void
    ) -> ExitStatus {
        let diagnostics = Diagnostics(program: program, sink: io.errors)
        guard !paths.isEmpty else {
            diagnostics.error("--check: name the files to check")
            return .usage
        }
        var isValid = true
        for path in paths {
            do {
                try check(try ConfigFile(contentsOf: io.resolvedPath(path), displayPath: path))
                var line = Array("\(path): ok\n".utf8)
                line.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
            } catch {
                diagnostics.error(error.description)
                isValid = false
            }
        }
        return isValid ? .success : .usage
    }
}
