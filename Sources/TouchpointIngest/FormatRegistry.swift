/// The input formats ingest knows: the only list (STYLE C4).
///
/// `--format` names, extension defaults, `ingest --help-formats` and docs/FORMATS.md are all derived from it; a
/// test fails when the docs lag behind.
package enum FormatRegistry {
    package static let all: [any RecordFormat.Type] = [
        NDJSONFormat.self,
        CSVFormat.self,
        CombinedLogFormat.self,
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

    /// `ingest --help-formats`: one line per format, name then summary, in registry order.
    package static var helpText: String {
        let names = all.map { $0.name }
        let width = (names.map { $0.count }.max() ?? 0) + 2
        var text = ""
        for (name, format) in zip(names, all) {
            text += name + String(repeating: " ", count: width - name.count) + format.summary + "\n"
        }
        return text
    }
}
