import TouchpointCore

/// `touchpoint-gen`'s flags and help, declared once with the `CommandSpec` every executable uses;
/// docs/GENERATOR.md explains the files in depth.
package enum GeneratorHelp {
    package static let spec = CommandSpec(
        name: "touchpoint-gen",
        summary: "write a deterministic synthetic customer population as raw channel files",
        usage: ["touchpoint-gen --out DIR [--seed N] [--people N | --events N] [--start DATE] [--days N]"],
        options: [
            .init(
                "--out", value: "DIR", help: "directory to write to (created if missing); existing files are replaced"),
            .init(
                "--seed", value: "N", help: "seed of every random choice (default 1); same flags, byte-identical files"),
            .init(
                "--people", value: "N",
                help: "number of people (default \(GeneratorOptions.defaultPeople), "
                    + "1...\(GeneratorOptions.peopleRange.upperBound))"),
            .init(
                "--events", value: "N",
                help: "approximate number of raw records instead of --people "
                    + "(people = N / \(GeneratorOptions.averageEventsPerPerson))"),
            .init("--start", value: "DATE", help: "first day of the period, UTC, like 2026-10-01 (default 2026-10-01)"),
            .init(
                "--days", value: "N",
                help: "length of the period in days (default 30, "
                    + "\(GeneratorOptions.daysRange.lowerBound)...\(GeneratorOptions.daysRange.upperBound))"),
        ],
        details: """
            files written to DIR:
              web.log             Apache combined log of the web shop
              pos.csv             store till export (sales and returns)
              tickets.ndjson      helpdesk tickets
              surveys.csv         survey responses (NPS, CSAT, CES, comment)
              social.ndjson       social media posts
              calls.csv           call-center calls
              segment.ndjson      app and email events (Segment spec)
              ground-truth.ndjson the person behind every record, the planted alerts, the people

            exit status: 0 ok, 1 I/O failure, 2 usage error
            """)

    package static var text: String { spec.helpText }
    package static var version: String { TouchpointVersion.current }
}
