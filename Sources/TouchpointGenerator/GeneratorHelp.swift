/// The text of `touchpoint-gen --help` and the version; docs/GENERATOR.md explains the files in depth.
package enum GeneratorHelp {
    package static let version = "0.1.0"

    package static let text = """
        touchpoint-gen: write a deterministic synthetic customer population as raw channel files

        Usage: touchpoint-gen --out DIR [--seed N] [--people N | --events N] [--start DATE] [--days N]

        Options:
          --out DIR       directory to write to (created if missing); existing files are replaced
          --seed N        seed of every random choice (default 1); same flags, byte-identical files
          --people N      number of people (default \(GeneratorOptions.defaultPeople), \
        1...\(GeneratorOptions.peopleRange.upperBound))
          --events N      approximate number of raw records instead of --people
                          (people = N / \(GeneratorOptions.averageEventsPerPerson))
          --start DATE    first day of the period, UTC, like 2026-10-01 (default 2026-10-01)
          --days N        length of the period in days (default 30, \(GeneratorOptions.daysRange.lowerBound)\
        ...\(GeneratorOptions.daysRange.upperBound))
          --help          show this help
          --version       show the version

        Files written to DIR:
          web.log             Apache combined log of the web shop
          pos.csv             store till export (sales and returns)
          tickets.ndjson      helpdesk tickets
          surveys.csv         survey responses (NPS, CSAT, CES, comment)
          social.ndjson       social media posts
          calls.csv           call-center calls
          segment.ndjson      app and email events (Segment spec)
          ground-truth.ndjson the person behind every record, the planted alerts, the people

        Exit status: 0 ok, 1 I/O failure, 2 usage error.

        """
}
