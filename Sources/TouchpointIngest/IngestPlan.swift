import Glibc
import TouchpointCore

/// What an ingest run will do, read from its arguments before any input is opened, so every usage error (an
/// unknown format, a file whose format cannot be told) exits 2 before a single record is written.
package struct IngestPlan {
    package var inputs: [InputSpecification] = []
    /// The fixed `received` time (`--received TIME`), or nil for the wall clock.
    package var received: Timestamp?
    /// Records (and dead letters) between periodic barriers; 0 means no barriers at all.
    package var barrierEvery: Int
    package var options: StageOptions
    /// `--follow`: read on as the files grow, through rotations, until SIGTERM/SIGINT.
    package var isFollowing: Bool
    /// `--poll`: follow by looking every 250 ms instead of through inotify (network filesystems).
    package var isPolling: Bool
    /// Patterns given with `--follow` (quoted, so the shell left them alone): files that match later are followed too.
    package var globs: [GlobSpecification] = []
    /// Patterns that matched no file in a batch run: each is reported and makes the run exit 1, as a missing file
    /// does.
    package var unmatchedPatterns: [String] = []
    /// `--forget-after`: how long a file of the committed barrier may be gone before its position is dropped.
    package var forgetAfter = Duration.days(7)
    /// `--listen` sockets (docs/stages/ingest.md, "Listening"), each with the source and format in force where given.
    package var listens: [ListenSpecification] = []
    /// `--listen-max-connections`: open connections across the listeners.
    package var listenMaxConnections = 256

    /// `--source` and `--format` apply to every file after them, like `tar -C`; a file without `--format` gets
    /// the format of its extension; no file, or `-`, means stdin (ndjson, source `stdin`, unless given).
    package init(_ arguments: ParsedArguments, workingDirectory: String? = nil) throws(UsageError) {
        options = try StageOptions(arguments)
        if options.isCommitter { throw UsageError("--commit: ingest starts a pipeline; the last stage commits") }
        isFollowing = arguments.isSet("--follow")
        isPolling = arguments.isSet("--poll")
        if isPolling && !isFollowing { throw UsageError("--poll: only with --follow") }
        if let text = arguments.value("--forget-after") {
            guard let duration = Duration(parsing: text), duration.milliseconds > 0 else {
                throw UsageError("--forget-after: \"\(text)\" is not a duration (such as 12h or 7d)")
            }
            forgetAfter = duration
        }
        barrierEvery = try arguments.integer("--barrier-every", in: 0...1_000_000_000, default: 10_000)
        if let text = arguments.value("--received"), text != "now" {
            guard let time = Timestamp(parsing: text) else {
                throw UsageError("--received: \"\(text)\" is not an RFC 3339 timestamp or \"now\"")
            }
            received = time
        } else {
            received = nil
        }
        let noOptions = FormatOptions(maxRecordBytes: options.maxLineBytes)
        var formatOptions = noOptions
        var sourceName: String?
        var formatType: (any RecordFormat.Type)?
        for occurrence in arguments.occurrences {
            switch occurrence.name {
            case "--source":
                guard let name = occurrence.value, !name.isEmpty else { throw UsageError("--source: empty name") }
                sourceName = name
            case "--format":
                let name = occurrence.value ?? ""
                guard let named = FormatRegistry.format(named: name) else {
                    let known = FormatRegistry.all.map { $0.name }.joined(separator: ", ")
                    throw UsageError("--format: unknown format \"\(name)\" (known: \(known))")
                }
                formatType = named
                // Options belong to the format they were given for; a new --format starts without any.
                formatOptions = noOptions
            case "--format-option":
                do {
                    try formatOptions.add(assignment: occurrence.value ?? "")
                } catch {
                    throw UsageError("--format-option: " + error.message)
                }
            case "--sources":
                let path = occurrence.value ?? ""
                let file: SourcesFile
                do {
                    file = try SourcesFile(
                        path: path, resolvedPath: Self.resolve(path, in: workingDirectory),
                        maxRecordBytes: options.maxLineBytes)
                } catch {
                    throw error.usageError
                }
                for entry in file.entries {
                    for path in entry.files {
                        try add(
                            path, sourceName: entry.name, formatType: entry.formatType,
                            formatOptions: entry.formatOptions,
                            workingDirectory: workingDirectory)
                    }
                    for address in entry.listens {
                        listens.append(
                            try ListenSpecification(
                                address, sourceName: entry.name,
                                format: try (entry.formatType ?? NDJSONFormat.self).init(options: entry.formatOptions),
                                arguments: arguments))
                    }
                }
            case "--listen":
                listens.append(
                    try ListenSpecification(
                        occurrence.value ?? "", sourceName: sourceName,
                        format: try (formatType ?? NDJSONFormat.self).init(options: formatOptions),
                        arguments: arguments))
            case "":
                try add(
                    occurrence.value ?? "-", sourceName: sourceName, formatType: formatType,
                    formatOptions: formatOptions, workingDirectory: workingDirectory)
            default:
                continue
            }
        }
        listenMaxConnections = try ListenSpecification.maxConnections(arguments)
        if listens.isEmpty {
            // A listening setting without a listener is a mistake the user should hear about, like --poll alone.
            for option in ["--listen-public", "--listen-mode", "--listen-max-connections"] where arguments.isSet(option)
            {
                throw UsageError("\(option): only with --listen (or a sources file entry that listens)")
            }
        }
        if isFollowing, inputs.isEmpty && globs.isEmpty && listens.isEmpty || inputs.contains(where: { $0.path == nil })
        {
            throw UsageError(
                "--follow: name the files to follow; stdin cannot be followed (it ends when its writer does)")
        }
        if inputs.isEmpty && globs.isEmpty && unmatchedPatterns.isEmpty && listens.isEmpty {
            let format = try (formatType ?? NDJSONFormat.self).init(options: formatOptions)
            inputs.append(InputSpecification(path: nil, sourceName: sourceName ?? "stdin", format: format))
        }
    }

    /// Plans one path with the source name, format and options in force where it was given: `-` is stdin, a
    /// pattern is followed (with `--follow`) or matched now, anything else is a file.
    private mutating func add(
        _ path: String, sourceName: String?, formatType: (any RecordFormat.Type)?, formatOptions: FormatOptions,
        workingDirectory: String?
    ) throws(UsageError) {
        if path == "-" {
            guard !inputs.contains(where: { $0.path == nil }) else { throw UsageError("-: stdin given twice") }
            let format = try (formatType ?? NDJSONFormat.self).init(options: formatOptions)
            inputs.append(
                InputSpecification(
                    path: nil, sourceName: sourceName ?? "stdin", format: format, formatOptions: formatOptions))
            return
        }
        // A pattern the shell left alone (quoted, or matching nothing) or one from a sources file; a file whose
        // name really holds a `*` is still read as that file.
        if path.contains(where: { "*?[".contains($0) }), access(Self.resolve(path, in: workingDirectory), F_OK) != 0 {
            guard
                let type = formatType ?? FileName(path).fileExtension.flatMap(FormatRegistry.format(forExtension:))
            else {
                throw UsageError("\(path): cannot tell the format from the pattern; give --format")
            }
            _ = try type.init(options: formatOptions)
            let pattern = GlobSpecification(
                pattern: path, sourceName: sourceName, formatType: type, formatOptions: formatOptions)
            if isFollowing {
                globs.append(pattern)
                return
            }
            let matches = pattern.matches(workingDirectory: workingDirectory)
            if matches.isEmpty { unmatchedPatterns.append(path) }
            for match in matches {
                try add(
                    match, sourceName: sourceName, formatType: type, formatOptions: formatOptions,
                    workingDirectory: workingDirectory)
            }
            return
        }
        let name = FileName(path)
        guard let type = formatType ?? name.fileExtension.flatMap(FormatRegistry.format(forExtension:)) else {
            throw UsageError("\(path): cannot tell the format from the file name; give --format")
        }
        let format = try type.init(options: formatOptions)
        inputs.append(
            InputSpecification(
                path: path, sourceName: sourceName ?? name.stem, format: format, formatOptions: formatOptions))
    }

    private static func resolve(_ path: String, in workingDirectory: String?) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        return workingDirectory + "/" + path
    }
}

/// A file name split into stem and extension; a `.gz` suffix and a numeric rotation suffix are looked through, so
/// `web.log.1` and `web.log.2.gz` have stem `web` and extension `log`, like `web.log`.
struct FileName {
    let stem: String
    let fileExtension: String?

    init(_ path: String) {
        let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        var parts = base.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 2, parts.last?.lowercased() == "gz" { parts.removeLast() }
        if parts.count > 2, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) { parts.removeLast() }
        guard parts.count >= 2, !parts[0].isEmpty || parts.count > 2 else {
            stem = base
            fileExtension = nil
            return
        }
        fileExtension = parts.removeLast()
        stem = parts.joined(separator: ".")
    }
}

/// A pattern to follow: every file that matches it, now or later, is read like a file named on the command line,
/// with the `--source`, `--format` and `--format-option` in force where the pattern was given.
package struct GlobSpecification {
    package var pattern: String
    package var sourceName: String?
    package var formatType: any RecordFormat.Type
    package var formatOptions: FormatOptions

    /// The input for one file that matches; the format was checked with these options when the plan was read.
    package func specification(for path: String) -> InputSpecification? {
        guard let format = try? formatType.init(options: formatOptions) else { return nil }
        return InputSpecification(
            path: path, sourceName: sourceName ?? FileName(path).stem, format: format, formatOptions: formatOptions)
    }

    /// The files that match now, in glob(3)'s sorted order; relative patterns are matched in `workingDirectory`
    /// and the paths returned as the pattern gave them.
    package func matches(workingDirectory: String?) -> [String] {
        let prefix = workingDirectory.flatMap { pattern.hasPrefix("/") ? nil : $0 + "/" } ?? ""
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(prefix + pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(String(cString: $0).dropFirst(prefix.count)) }
        }
    }
}
