import TouchpointCore

/// Settings a format receives when an input is planned: the limits every format shares, and the `KEY=VALUE`
/// options given for this input's format (`--format-option delimiter=;`, or a sources file).
///
/// The options are kept as given, unchecked, because which names are valid depends on the format: each format's
/// `init(options:)` calls `values(for:)`, which rejects a name the format does not declare in its `options` with a
/// `UsageError` naming the option and the format, before any input is read.
package struct FormatOptions: Sendable {
    /// The largest record a format may assemble from several lines before giving up on it (`--max-line-bytes`).
    package var maxRecordBytes: Int
    /// The options as given, in order; a repeated name keeps its place and takes its last value.
    package private(set) var assignments: [FormatOptionAssignment] = []

    package init(maxRecordBytes: Int = 1 << 20, assignments: [FormatOptionAssignment] = []) {
        self.maxRecordBytes = maxRecordBytes
        for assignment in assignments { set(assignment.name, to: assignment.value) }
    }

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    package mutating func set(_ name: String, to value: String) {
        if let index = assignments.firstIndex(where: { $0.name == name }) {
            assignments[index].value = value
        } else {
            assignments.append(FormatOptionAssignment(name: name, value: value))
        }
    }

    /// Adds one `KEY=VALUE` as written on the command line; the value is everything after the first `=` and may be
    /// empty (`columns=` is an empty list), the key may not.
    package mutating func add(assignment text: String) throws(UsageError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw UsageError("\"\(text)\" is not KEY=VALUE")
        }
        set(String(text[..<equals]), to: String(text[text.index(after: equals)...]))
    }

    /// The options checked against what `format` declares: the first unknown name is a usage error.
    package func values(for format: any RecordFormat.Type) throws(UsageError) -> FormatOptionValues {
        let known = format.options.map(\.name)
        if let unknown = assignments.first(where: { !known.contains($0.name) }) {
            let takes = known.isEmpty ? "it takes none" : "options: " + known.joined(separator: ", ")
            throw UsageError("format \(format.name): unknown option \"\(unknown.name)\" (\(takes))")
        }
        return FormatOptionValues(formatName: format.name, assignments: assignments)
    }
}

/// One `KEY=VALUE` format option.
package struct FormatOptionAssignment: Equatable, Sendable {
    package var name: String
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An option a format declares: its name, the shape of its value, and one line of help for `ingest --help-formats`
/// and docs/FORMATS.md (which must agree; a test checks).
package struct FormatOption: Sendable {
    package let name: String
    /// The value's shape as shown in help: `CHAR`, `true|false`, `NAME,...`.
    package let value: String
    package let help: String

    package init(_ name: String, value: String, help: String) {
        self.name = name
        self.value = value
        self.help = help
    }
}

/// A format's options after their names were checked; typed readers turn bad values into usage errors that name
/// the format and the option.
package struct FormatOptionValues: Sendable {
    package let formatName: String
    private let assignments: [FormatOptionAssignment]

    init(formatName: String, assignments: [FormatOptionAssignment]) {
        self.formatName = formatName
        self.assignments = assignments
    }

    /// The value given for `name`, or nil.
    package func string(_ name: String) -> String? {
        assignments.first { $0.name == name }?.value
    }

    /// `true` or `false`.
    package func boolean(_ name: String, default defaultValue: Bool) throws(UsageError) -> Bool {
        guard let text = string(name) else { return defaultValue }
        switch text {
        case "true": return true
        case "false": return false
        default: throw problem(name, "\"\(text)\" is not true or false")
        }
    }

    /// One of `choices`.
    package func choice(_ name: String, among choices: [String], default defaultValue: String) throws(UsageError)
        -> String
    {
        guard let text = string(name) else { return defaultValue }
        guard choices.contains(text) else {
            throw problem(name, "\"\(text)\" is not one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// A comma-separated list; empty items are kept (as empty names).
    package func list(_ name: String) -> [String]? {
        string(name).map { text in
            text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A usage error about one option's value: `format csv: option delimiter: "ab" is not one character`.
    package func problem(_ name: String, _ text: String) -> UsageError {
        UsageError("format \(formatName): option \(name): \(text)")
    }
}
