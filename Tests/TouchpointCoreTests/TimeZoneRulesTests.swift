import Foundation
import Testing
import TouchpointCore

/// Zone rules against instants checked with GNU `date` (coreutils 9.1, Debian tzdata on this machine):
/// `TZ=<zone> date -d @<seconds> +%z` for offsets, `TZ=<zone> date -d '<wall time>' +%s` for instants.
struct TimeZoneRulesTests {
    private func zone(_ name: String) throws -> TimeZoneRules { try TimeZoneRules.named(name) }

    private static func utc(_ text: String) -> Int64 {
        TimeReader(formats: [.rfc3339]).read(text)!.milliseconds / 1000
    }

    /// (zone, UTC instant, offset east in seconds): both sides of each 2026 change, and 2040 for the footer rule.
    static let offsets: [(String, String, Int)] = [
        ("Europe/London", "2026-03-29T00:59:59Z", 0), ("Europe/London", "2026-03-29T01:00:00Z", 3600),
        ("Europe/London", "2026-10-25T00:59:59Z", 3600), ("Europe/London", "2026-10-25T01:00:00Z", 0),
        ("Europe/London", "2040-03-25T00:59:59Z", 0), ("Europe/London", "2040-03-25T01:00:00Z", 3600),
        ("Europe/London", "2040-07-01T12:00:00Z", 3600), ("Europe/London", "2040-01-15T12:00:00Z", 0),
        ("America/New_York", "2026-03-08T06:59:59Z", -18_000), ("America/New_York", "2026-03-08T07:00:00Z", -14_400),
        ("America/New_York", "2026-11-01T05:59:59Z", -14_400), ("America/New_York", "2026-11-01T06:00:00Z", -18_000),
        ("America/New_York", "2040-07-01T12:00:00Z", -14_400), ("America/New_York", "2040-01-15T12:00:00Z", -18_000),
        ("Asia/Kolkata", "2026-07-01T00:00:00Z", 19_800), ("Asia/Kolkata", "2040-01-15T12:00:00Z", 19_800),
        ("Australia/Lord_Howe", "2040-07-01T12:00:00Z", 37_800),
        ("Australia/Lord_Howe", "2040-01-15T12:00:00Z", 39_600),
    ]

    @Test(arguments: offsets) func offsetsMatchTheDateCommand(name: String, instant: String, offset: Int) throws {
        #expect(try zone(name).offsetSeconds(atUTC: Self.utc(instant)) == offset)
    }

    @Test func utcHasNoOffsetAndNeedsNoDatabase() throws {
        #expect(TimeZoneRules.utc.offsetSeconds(atUTC: 1_800_000_000) == 0)
        #expect(try TimeZoneRules.named("UTC", directory: "/nonexistent") == .utc)
    }

    @Test func aGapIsReadWithTheOffsetBeforeIt() throws {
        let london = try zone("Europe/London")
        let local = Self.utc("2026-03-29T01:30:00Z")  // 01:30 wall time on the spring-forward day never happens
        #expect(london.utcSeconds(forLocal: local) == Self.utc("2026-03-29T01:30:00Z"))  // 01:30 GMT = 02:30 BST
        let newYork = try zone("America/New_York")
        #expect(newYork.utcSeconds(forLocal: Self.utc("2026-03-08T02:30:00Z")) == Self.utc("2026-03-08T07:30:00Z"))
    }

    @Test func anOverlapIsTheEarlierInstant() throws {
        let london = try zone("Europe/London")
        // 01:30 happens at 00:30 UTC (BST) and 01:30 UTC (GMT); GNU date picks the later one, we the earlier.
        #expect(london.utcSeconds(forLocal: Self.utc("2026-10-25T01:30:00Z")) == Self.utc("2026-10-25T00:30:00Z"))
        let newYork = try zone("America/New_York")
        #expect(newYork.utcSeconds(forLocal: Self.utc("2026-11-01T01:30:00Z")) == Self.utc("2026-11-01T05:30:00Z"))
        // The footer rule gives the same answer past the table (2040-11-04 is New York's fall-back day).
        #expect(newYork.utcSeconds(forLocal: Self.utc("2040-11-04T01:30:00Z")) == Self.utc("2040-11-04T05:30:00Z"))
    }

    @Test func lordHoweChangesByHalfAnHour() throws {
        let lordHowe = try zone("Australia/Lord_Howe")
        // 2026-10-04 02:00 standard (+10:30) becomes 02:30 daylight (+11:00).
        #expect(lordHowe.offsetSeconds(atUTC: Self.utc("2026-10-03T15:29:59Z")) == 37_800)
        #expect(lordHowe.offsetSeconds(atUTC: Self.utc("2026-10-03T15:30:00Z")) == 39_600)
    }

    @Test(arguments: [
        "../etc/passwd", "Europe/../../etc/passwd", "/etc/localtime", "Europe//London", "", ".", "Europe/",
    ])
    func namesOutsideTheDatabaseAreRefused(name: String) {
        #expect(throws: TimeZoneError.invalidName(name)) { try TimeZoneRules.named(name) }
    }

    @Test func unknownAndMalformedZonesSayWhy() throws {
        #expect(throws: TimeZoneError.self) { try TimeZoneRules.named("Europe/Lndon") }
        do {
            _ = try TimeZoneRules.named("Europe/Lndon")
        } catch {
            #expect(error.description.contains("not in the tz database"))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tz-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a zone".utf8).write(to: directory.appendingPathComponent("Bad"))
        #expect {
            try TimeZoneRules.named("Bad", directory: directory.path)
        } throws: { error in
            guard case .malformed = error as? TimeZoneError else { return false }
            return true
        }
    }

    /// Runs the real `date` for instants this test did not precompute, when the machine has it.
    @Test func agreesWithTheDateCommandAcrossAYearOfHours() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/date") else { return }
        for name in ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo"] {
            let rules = try zone(name)
            // Every 97 hours through 2026 and 2045, in one `date` run per zone.
            let hours = 97 * 3600
            let instants =
                Array(stride(from: Self.utc("2026-01-01T00:00:00Z"), to: Self.utc("2027-01-01T00:00:00Z"), by: hours))
                + Array(stride(from: Self.utc("2045-01-01T00:00:00Z"), to: Self.utc("2046-01-01T00:00:00Z"), by: hours))
            let input = instants.map { "@\($0)" }.joined(separator: "\n") + "\n"
            let output = try run("/bin/date", ["-f", "-", "+%z"], environment: ["TZ": name], input: input)
            let expected = output.split(separator: "\n").map { line -> Int in
                let sign = line.first == "-" ? -1 : 1
                let digits = Int(line.dropFirst())!
                return sign * (digits / 100 * 3600 + digits % 100 * 60)
            }
            #expect(expected.count == instants.count)
            for (instant, offset) in zip(instants, expected) {
                #expect(rules.offsetSeconds(atUTC: instant) == offset, "\(name) at \(instant)")
            }
        }
    }

    private func run(_ path: String, _ arguments: [String], environment: [String: String], input: String) throws
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
