/// An executable's flags, help text and parser, declared once so `--help` and parsing cannot disagree.
package struct CommandSpec: Sendable {
    package struct Option: Sendable {
        /// With its dashes: `--dead-letters`.
        package let name: String
        /// The placeholder for the value (`FILE`), or nil for a flag that takes none.
        package let valueName: String?
        package let help: String
        /// Whether the option takes every argument after it as its values (alert's `--exec CMD ARG...`): a command
        /// line for another program, given as argv, never as one string a shell would split.
        package let takesRemainingArguments: Bool

        package init(
            _ name: String, value valueName: String? = nil, help: String, takesRemainingArguments: Bool = false
        ) {
            self.name = name
            self.valueName = valueName
            self.help = help
            self.takesRemainingArguments = takesRemainingArguments
        }
    }

    package let name: String
    package let summary: String
    /// Usage lines without the leading "usage: ".
    package let usage: [String]
    package let options: [Option]
    /// Paragraphs after the options: input and output kinds, exit codes, an example.
    package let details: String

    package init(name: String, summary: String, usage: [String], options: [Option], details: String = "") {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options =
            options + [
                Option("--help", help: "show this help and exit"),
                Option("--version", help: "show the version and exit"),
            ]
        self.details = details
    }

    package var helpText: String {
        var text = "\(name): \(summary)\n\n"
        text += usage.enumerated().map { ($0.offset == 0 ? "usage: " : "       ") + $0.element }.joined(separator: "\n")
        text += "\n\noptions:\n"
        let labels = options.map { option in option.valueName.map { "\(option.name) \($0)" } ?? option.name }
        text += HelpTable.render(zip(labels, options.map(\.help)).map { ($0, $1) }, indent: 2)
        if !details.isEmpty { text += "\n" + details + (details.hasSuffix("\n") ? "" : "\n") }
        return text
    }

    /// Parses arguments after the program name. Accepts `--name value`, `--name=value`, `--` to end options, and
    /// `-` as a positional (stdin). An option that takes the remaining arguments ends the parse: each argument after
    /// it, dashes and all, is one more of its values.
    package func parse(_ arguments: some Sequence<String>) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var iterator = arguments.makeIterator()
        var isAfterDoubleDash = false
        while let argument = iterator.next() {
            guard !isAfterDoubleDash, argument.hasPrefix("-"), argument != "-" else {
                parsed.occurrences.append((name: "", value: argument))
                continue
            }
            if argument == "--" {
                isAfterDoubleDash = true
                continue
            }
            let name: String
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                name = argument
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw UsageError("\(name): unknown option (see --help)")
            }
            if let valueName = option.valueName {
                if value == nil { value = iterator.next() }
                guard value != nil else { throw UsageError("\(name): missing value \(valueName)") }
                if option.takesRemainingArguments {
                    parsed.occurrences.append((name: name, value: value))
                    while let rest = iterator.next() { parsed.occurrences.append((name: name, value: rest)) }
                    return parsed
                }
            } else if value != nil {
                throw UsageError("\(name): takes no value")
            }
            parsed.occurrences.append((name: name, value: value))
        }
        return parsed
    }
}

/// Parsed arguments in the order given; positionals have the empty name, so options that apply to the files
/// after them (ingest's `--format`) can be read in order.
package struct ParsedArguments {
    package var occurrences: [(name: String, value: String?)] = []

    package init() {}

    package var positionals: [String] { occurrences.filter { $0.name.isEmpty }.compactMap(\.value) }

    package func isSet(_ name: String) -> Bool { occurrences.contains { $0.name == name } }

    /// The last value given for the option.
    package func value(_ name: String) -> String? { occurrences.last { $0.name == name }?.value }

    package func values(_ name: String) -> [String] { occurrences.filter { $0.name == name }.compactMap(\.value) }

    /// The option's value as an integer within `range`, or `defaultValue` if absent.
    package func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(UsageError)
        -> Int
    {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "\(name): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// The option's value as a byte count (`4096`, `64K`, `100M`, `2G`; binary multiples), or nil if absent.
    package func byteSize(_ name: String) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text)
        var multiplier = 1
        if let last = digits.last?.uppercased().first, let factor = multipliers[last] {
            multiplier = factor
            digits = digits.dropLast()
        }
        guard let count = Int(digits), count >= 0, count <= Int.max / multiplier else {
            throw UsageError("\(name): \"\(text)\" is not a size (bytes, or a number with K, M or G)")
        }
        return count * multiplier
    }

    /// The option's value as a duration (`90s`, `30m`, `48h`, `7d`), or `defaultValue` if absent.
    package func duration(_ name: String, default defaultValue: Duration) throws(UsageError) -> Duration {
        guard let text = value(name) else { return defaultValue }
        guard let duration = Duration(parsing: text) else {
            throw UsageError("\(name): \"\(text)\" is not a duration (such as 90s, 30m, 48h or 7d)")
        }
        return duration
    }

    /// The option's value as a timestamp, or nil if absent.
    package func timestamp(_ name: String) throws(UsageError) -> Timestamp? {
        guard let text = value(name) else { return nil }
        guard let time = Timestamp(parsing: text) else {
            throw UsageError("\(name): \"\(text)\" is not an RFC 3339 timestamp")
        }
        return time
    }
}
