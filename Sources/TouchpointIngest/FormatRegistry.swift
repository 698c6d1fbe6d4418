import TouchpointCore

/// The input formats ingest knows: the only list (STYLE C4).
///
/// `--format` names, extension defaults, `ingest --help-formats` and docs/FORMATS.md are all derived from it; a
/// test fails when the docs lag behind.
package enum FormatRegistry {
    package static let all: [any RecordFormat.Type] = [
        NDJSONFormat.self,
        CSVFormat.self,
        TSVFormat.self,
        CombinedLogFormat.self,
        SyslogFormat.self,
        LogfmtFormat.self,
    ]

    /// The format registered under `name`.
    package static func format(named name: String) -> (any RecordFormat.Type)? {
        all.first { $0.name == name }
    }

    /// The format a file extension selects (case-insensitive), or nil.
    package static func format(forExtension fileExtension: String) -> (any RecordFormat.Type)? {
        let lowered = fileExtension.lowercased()
        return all.first { $0.extensions.contains(lowered) }
    }

    /// `ingest --help-formats`: one line per format, name then summary, in registry order, each followed by its
    /// options (`--format-option KEY=VALUE`), indented, one line each.
    package static var helpText: String {
        let nameWidth = all.map { $0.name.count }.max() ?? 0
        let optionWidth = all.flatMap { $0.options }.map { $0.name.count + 1 + $0.value.count }.max() ?? 0
        return all.map { format in
            HelpTable.render([(format.name, format.summary)], labelWidth: nameWidth)
                + HelpTable.render(
                    format.options.map { ($0.name + "=" + $0.value, $0.help) }, indent: nameWidth + 4,
                    labelWidth: optionWidth)
        }.joined()
    }
}
