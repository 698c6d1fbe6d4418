import TouchpointCore

/// The parsed command line of `touchpoint-gen`.
///
/// Parsing is strict: unknown flags, repeated flags, values out of range and a missing `--out` are usage errors
/// that name the flag, so a typo never silently produces a different data set.
package struct GeneratorOptions: Equatable, Sendable {
    /// Directory the files are written to; created if missing.
    package var outputDirectory: String
    /// Seed of every random choice; the same seed and flags give byte-identical files.
    package var seed: UInt64 = 1
    /// Number of people in the population.
    package var people: Int = GeneratorOptions.defaultPeople
    /// First day of the period (UTC).
    package var startDate = CivilTime.Date(year: 2026, month: 10, day: 1)
    /// Length of the period in days.
    package var days: Int = 30

    /// The default population, chosen so that the committed sample (`pipelines/sample`) stays below 900 KiB.
    package static let defaultPeople = 52
    /// Measured average number of raw records per person with the default period; `--events` divides by it.
    package static let averageEventsPerPerson = 50
    /// Bounds that keep identifiers within their documented widths and the planted incidents inside the period.
    package static let peopleRange = 1...2_000_000
    package static let daysRange = 7...366

    package init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }

    /// What the command line asks for: generate, or print help or the version.
    package enum Request: Equatable, Sendable {
        case generate(GeneratorOptions)
        case help
        case version
    }

    /// Parses the arguments after the program name with the one flag parser every executable uses
    /// (`GeneratorHelp.spec`); accepts `--flag value` and `--flag=value`.
    package static func parse(_ arguments: [String]) throws(GeneratorError) -> Request {
        let parsed: ParsedArguments
        do {
            parsed = try GeneratorHelp.spec.parse(arguments)
        } catch {
            let flag = String(error.message.prefix { $0 != ":" })
            throw GeneratorError.usage(flag: flag, problem: String(error.message.dropFirst(flag.count + 2)))
        }
        if parsed.isSet("--help") { return .help }
        if parsed.isSet("--version") { return .version }
        if let stray = parsed.positionals.first {
            throw GeneratorError.usage(flag: stray, problem: "unexpected argument (flags start with --)")
        }
        var values: [(flag: String, value: String)] = []
        for occurrence in parsed.occurrences {
            if values.contains(where: { $0.flag == occurrence.name }) {
                throw GeneratorError.usage(flag: occurrence.name, problem: "given more than once")
            }
            values.append((occurrence.name, occurrence.value ?? ""))
        }
        return .generate(try options(from: values))
    }

    private static func options(from values: [(flag: String, value: String)]) throws(GeneratorError)
        -> GeneratorOptions
    {
        guard let directory = values.first(where: { $0.flag == "--out" })?.value else {
            throw GeneratorError.usage(flag: "--out", problem: "required (the directory to write to)")
        }
        guard !directory.isEmpty else { throw GeneratorError.usage(flag: "--out", problem: "empty path") }
        var options = GeneratorOptions(outputDirectory: directory)
        var peopleGiven = false
        var events: Int?
        for (flag, value) in values {
            switch flag {
            case "--seed":
                guard let seed = UInt64(value) else {
                    throw GeneratorError.usage(flag: flag, problem: "'\(value)' is not an unsigned 64-bit integer")
                }
                options.seed = seed
            case "--people":
                options.people = try integer(value, flag: flag, range: peopleRange)
                peopleGiven = true
            case "--events":
                let range = 1...(peopleRange.upperBound * averageEventsPerPerson)
                events = try integer(value, flag: flag, range: range)
            case "--start":
                guard let date = CivilTime.parseDate(value) else {
                    throw GeneratorError.usage(flag: flag, problem: "'\(value)' is not a date like 2026-10-01")
                }
                options.startDate = date
            case "--days":
                options.days = try integer(value, flag: flag, range: daysRange)
            default:
                break
            }
        }
        if let events {
            guard !peopleGiven else {
                throw GeneratorError.usage(flag: "--events", problem: "cannot be combined with --people")
            }
            options.people = max(1, events / averageEventsPerPerson)
        }
        return options
    }

    private static func integer(_ text: String, flag: String, range: ClosedRange<Int>) throws(GeneratorError) -> Int {
        guard let value = Int(text) else {
            throw GeneratorError.usage(flag: flag, problem: "'\(text)' is not an integer")
        }
        guard range.contains(value) else {
            throw GeneratorError.usage(
                flag: flag, problem: "\(value) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
        return value
    }
}
