import Testing
import TouchpointCore

/// Table-driven: each row is a text, the formats tried, and the instant expected (nil: refused).
struct TimeReaderTests {
    private func check(
        _ text: String, _ formats: [TimeFormat], _ expected: String?, zone: TimeZoneRules = .utc,
        reference: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let reader = TimeReader(formats: formats, zone: zone)
        let referenceTime = reference.map { Timestamp(parsing: $0)! }
        let read = reader.read(text, reference: referenceTime)
        #expect(read?.description == expected, "\(text)", sourceLocation: sourceLocation)
    }

    private func zone(_ name: String) throws -> TimeZoneRules { try TimeZoneRules.named(name) }

    static let rfc3339: [(String, String?)] = [
        ("2026-11-01T10:00:00Z", "2026-11-01T10:00:00.000Z"),
        ("2026-11-01t10:00:00z", "2026-11-01T10:00:00.000Z"),
        ("2026-11-01 10:00:00+05:30", "2026-11-01T04:30:00.000Z"),
        ("2026-11-01T10:00:00-0800", "2026-11-01T18:00:00.000Z"),
        ("2026-11-01T10:00:00+05", "2026-11-01T05:00:00.000Z"),
        ("2026-11-01 10:00:00 +0000", "2026-11-01T10:00:00.000Z"),
        ("2026-11-01T10:00:00.1Z", "2026-11-01T10:00:00.100Z"),
        ("2026-11-01T10:00:00.123456789Z", "2026-11-01T10:00:00.123Z"),
        ("2026-11-01T10:00:00,5Z", "2026-11-01T10:00:00.500Z"),
        ("2026-11-01T23:59:59.9999+00:00", "2026-11-01T23:59:59.999Z"),
        ("2026-12-31T23:59:60Z", "2026-12-31T23:59:59.999Z"),
        ("2026-11-01T10:00", "2026-11-01T10:00:00.000Z"),
        ("2026-11-01", "2026-11-01T00:00:00.000Z"),
        ("  2026-11-01T10:00:00Z\t", "2026-11-01T10:00:00.000Z"),
        ("2028-02-29T00:00:00Z", "2028-02-29T00:00:00.000Z"),
        ("2026-02-29T00:00:00Z", nil), ("2026-02-30T00:00:00Z", nil), ("2026-13-01T00:00:00Z", nil),
        ("2026-11-01T25:00:00Z", nil), ("2026-11-01T10:60:00Z", nil), ("2026-11-01T10:00:61Z", nil),
        ("2026-11-01T10:00:00+25:00", nil), ("2026-11-01T10:00:00+05:60", nil), ("2026-11-01T10:00:00+19", nil),
        ("2026-11-01T10:00:00Zjunk", nil), ("2026-11-01T10:00:00 ", "2026-11-01T10:00:00.000Z"),
        ("2026-11-01T10:00:00.Z", nil), ("2026-11-01T10:00:00+", nil), ("2026-1-01", nil), ("", nil), ("   ", nil),
        ("2026-11-01T10:00:00Z2", nil), ("2026-11-01X10:00:00Z", nil),
    ]

    @Test(arguments: rfc3339) func readsRFC3339(text: String, expected: String?) {
        check(text, [.rfc3339], expected)
    }

    static let epochs: [(String, TimeFormat, String?)] = [
        ("1793440800", .epochSeconds, "2026-10-31T10:00:00.000Z"),
        ("1793440800.5", .epochSeconds, "2026-10-31T10:00:00.500Z"),
        ("1793440800.123999", .epochSeconds, "2026-10-31T10:00:00.123Z"),
        ("1.7934408e9", .epochSeconds, "2026-10-31T10:00:00.000Z"),
        ("1.7934408E+9", .epochSeconds, "2026-10-31T10:00:00.000Z"),
        ("-1.5", .epochSeconds, "1969-12-31T23:59:58.500Z"),
        ("-0.0005", .epochSeconds, "1969-12-31T23:59:59.999Z"),
        ("0", .epochSeconds, "1970-01-01T00:00:00.000Z"),
        ("1793440800123", .epochMilliseconds, "2026-10-31T10:00:00.123Z"),
        ("1793440800123.9", .epochMilliseconds, "2026-10-31T10:00:00.123Z"),
        ("1793440800123456", .epochMicroseconds, "2026-10-31T10:00:00.123Z"),
        ("1793440800123E3", .epochMicroseconds, "2026-10-31T10:00:00.123Z"),
        ("-1500", .epochMicroseconds, "1969-12-31T23:59:59.998Z"),
        ("1793440800", .epoch, "2026-10-31T10:00:00.000Z"),
        ("99999999999", .epoch, "5138-11-16T09:46:39.000Z"),
        ("100000000000", .epoch, "1973-03-03T09:46:40.000Z"),
        ("1793440800123", .epoch, "2026-10-31T10:00:00.123Z"),
        ("99999999999999", .epoch, "5138-11-16T09:46:39.999Z"),
        ("1793440800123456", .epoch, "2026-10-31T10:00:00.123Z"),
        ("1.793440800123456e15", .epoch, "2026-10-31T10:00:00.123Z"),
        ("000001793440800", .epochSeconds, "2026-10-31T10:00:00.000Z"),
        ("1793440800123456789012", .epochMicroseconds, nil), ("1e400", .epochSeconds, nil),
        ("253402300800", .epochSeconds, nil), ("+1793440800", .epochSeconds, nil), (".5", .epochSeconds, nil),
        ("1793440800.", .epochSeconds, nil), ("1793440800s", .epochSeconds, nil), ("1e", .epochSeconds, nil),
        ("-", .epochSeconds, nil), ("0x10", .epochSeconds, nil), ("1 2", .epochSeconds, nil),
    ]

    @Test(arguments: epochs) func readsEpochs(text: String, format: TimeFormat, expected: String?) {
        check(text, [format], expected)
    }

    static let accessLogs: [(String, String?)] = [
        ("10/Oct/2026:13:55:36 -0700", "2026-10-10T20:55:36.000Z"),
        ("[10/Oct/2026:13:55:36 +0000]", "2026-10-10T13:55:36.000Z"),
        ("02/oct/2026:14:33:10 +05:30", "2026-10-02T09:03:10.000Z"),
        ("10/Oct/2026:13:55:36", "2026-10-10T13:55:36.000Z"),
        ("10/Oct/2026:13:55:36.250 +0100", "2026-10-10T12:55:36.250Z"),
        ("31/Sep/2026:13:55:36 +0000", nil), ("10/Okt/2026:13:55:36 +0000", nil),
        ("10/Oct/2026:13:55:36 +0000]", nil), ("[10/Oct/2026:13:55:36 +0000", nil),
        ("10/Oct/2026:13:55:36 +2400", nil), ("10/Oct/2026:13:55:36 -0700 x", nil),
    ]

    @Test(arguments: accessLogs) func readsAccessLogTimes(text: String, expected: String?) {
        check(text, [.accessLog], expected)
    }

    static let syslog: [(String, String, String?)] = [
        ("Dec  2 10:24:23", "2026-12-02T12:00:00Z", "2026-12-02T10:24:23.000Z"),
        ("Dec 2 10:24:23", "2026-12-02T12:00:00Z", "2026-12-02T10:24:23.000Z"),
        ("Dec 02 10:24:23.123456", "2026-12-02T12:00:00Z", "2026-12-02T10:24:23.123Z"),
        // A December line read in January is last year's; a clock a few hours ahead is still this year.
        ("Dec 31 23:59:00", "2027-01-01T00:05:00Z", "2026-12-31T23:59:00.000Z"),
        ("Jan  1 00:10:00", "2026-12-31T23:55:00Z", "2027-01-01T00:10:00.000Z"),
        ("Jan  3 00:10:00", "2026-12-31T23:55:00Z", "2026-01-03T00:10:00.000Z"),
        ("Feb 29 12:00:00", "2029-01-10T00:00:00Z", "2028-02-29T12:00:00.000Z"),
        ("Feb 29 12:00:00", "2027-03-01T00:00:00Z", nil),
        ("2026-12-02T10:24:23.5+01:00", "2026-12-02T12:00:00Z", "2026-12-02T09:24:23.500Z"),
        ("Dec 32 10:24:23", "2026-12-02T12:00:00Z", nil), ("Dec  2 10:24", "2026-12-02T12:00:00Z", nil),
        ("Dex  2 10:24:23", "2026-12-02T12:00:00Z", nil), ("-", "2026-12-02T12:00:00Z", nil),
        ("Dec  2 10:24:23 host", "2026-12-02T12:00:00Z", nil),
    ]

    @Test(arguments: syslog) func readsSyslogTimesWithTheYearRule(text: String, reference: String, expected: String?) {
        check(text, [.syslog], expected, reference: reference)
    }

    @Test func syslogWithoutAReferenceIsNotGuessed() {
        check("Dec  2 10:24:23", [.syslog], nil)
    }

    @Test func theYearRuleUsesTheReferencesYearInTheZone() throws {
        // 2026-12-31T23:30Z is already 2027 in Kolkata, so a January line received then is 2027's.
        check(
            "Jan  1 06:00:00", [.syslog], "2027-01-01T00:30:00.000Z", zone: try zone("Asia/Kolkata"),
            reference: "2026-12-31T23:30:00Z")
    }

    static let patterns: [(String, String, String?)] = [
        ("%d.%m.%Y %H:%M", "01.11.2026 10:00", "2026-11-01T10:00:00.000Z"),
        ("%d.%m.%Y %H:%M", "1.11.2026  10:00", "2026-11-01T10:00:00.000Z"),
        ("%m/%d/%y %I:%M %p", "11/01/26 10:05 PM", "2026-11-01T22:05:00.000Z"),
        ("%m/%d/%y %I:%M %p", "11/01/26 12:05 am", "2026-11-01T00:05:00.000Z"),
        ("%m/%d/%y %I:%M %p", "11/01/26 12:05 PM", "2026-11-01T12:05:00.000Z"),
        ("%m/%d/%y %I:%M %p", "11/01/26 13:05 PM", nil),
        ("%a, %d %b %Y %T %z", "Sun, 01 Nov 2026 10:00:00 +0100", "2026-11-01T09:00:00.000Z"),
        ("%A %B %e %Y %H:%M:%S.%f %Z", "Sunday November  1 2026 10:00:00.25 UTC", "2026-11-01T10:00:00.250Z"),
        ("%Y%m%d%H%M%S", "20261101100000", "2026-11-01T10:00:00.000Z"),
        ("%F %T%z", "2026-11-01 10:00:00Z", "2026-11-01T10:00:00.000Z"),
        ("%Y-%m-%d %H:%M:%S %Z", "2026-11-01 10:00:00 EST", nil),
        ("%Y-%m-%d 100%%", "2026-11-01 100%", "2026-11-01T00:00:00.000Z"),
        ("%b %e %H:%M:%S", "Dec  2 10:24:23", "2026-12-02T10:24:23.000Z"),
        ("%y-%m-%d", "69-01-01", "1969-01-01T00:00:00.000Z"),
        ("%Y-%m-%d", "2026-11-01x", nil), ("%Y-%m-%d", "2026-02-30", nil),
    ]

    @Test(arguments: patterns) func readsPatterns(layout: String, text: String, expected: String?) throws {
        let format = try #require(TimeFormat(name: layout))
        check(text, [format], expected, reference: "2026-12-02T12:00:00Z")
    }

    @Test(arguments: ["%Y-%m-%Q", "%Y-%m-%d %", "%Y %H:%M", "%Y-%m-%d %I:%M", "%Y-%m-%d %H %p %I", "plain"])
    func refusesLayoutsThatCannotWork(layout: String) {
        #expect(TimeFormat(name: layout) == nil)
    }

    @Test func namesTheBuiltInFormats() {
        #expect(TimeFormat.names.compactMap(TimeFormat.init(name:)).count == TimeFormat.names.count)
        #expect(TimeFormat(name: "epoch_ms") == .epochMilliseconds)
        #expect(TimeFormat(name: "iso8601") == nil)
        #expect(TimeFormat(name: "%Y-%m-%d") == TimeFormat(name: "%Y-%m-%d"))
    }

    @Test func theFirstFormatThatReadsWins() {
        let reader = TimeReader(formats: [.rfc3339, .epochMilliseconds, .accessLog])
        #expect(reader.read("2026-11-01T10:00:00Z")?.description == "2026-11-01T10:00:00.000Z")
        #expect(reader.read("1793440800123")?.description == "2026-10-31T10:00:00.123Z")
        #expect(reader.read("10/Oct/2026:13:55:36 -0700")?.description == "2026-10-10T20:55:36.000Z")
        #expect(reader.read("yesterday") == nil)
        #expect(TimeReader(formats: []).read("2026-11-01T10:00:00Z") == nil)
    }

    @Test func wallTimesAreReadInTheZoneAndARecordsZoneOverridesIt() throws {
        let london = try zone("Europe/London")
        let reader = TimeReader(formats: [.rfc3339, .pattern(TimePattern("%d/%m/%Y %H:%M")!)], zone: london)
        #expect(reader.read("2026-07-01 10:00:00")?.description == "2026-07-01T09:00:00.000Z")
        #expect(reader.read("2026-12-01 10:00:00")?.description == "2026-12-01T10:00:00.000Z")
        #expect(reader.read("2026-07-01 10:00:00Z")?.description == "2026-07-01T10:00:00.000Z")  // offset wins
        #expect(reader.read("01/07/2026 10:00")?.description == "2026-07-01T09:00:00.000Z")
        let kolkata = try zone("Asia/Kolkata")
        #expect(reader.read("2026-07-01 10:00:00", zone: kolkata)?.description == "2026-07-01T04:30:00.000Z")
        #expect(reader.read("2026-07-01 10:00:00", zone: .utc)?.description == "2026-07-01T10:00:00.000Z")
    }

    /// Wall times on both sides of 2026's changes and in 2040 (past the fat files' table), checked with
    /// `TZ=<zone> date -d '<wall time>' +%s` (GNU coreutils 9.1).
    static let wallTimes: [(String, String, Int64)] = [
        ("Europe/London", "2026-03-29 00:59:59", 1_774_745_999),
        ("Europe/London", "2026-03-29 02:00:00", 1_774_746_000),
        ("Europe/London", "2026-10-25 00:59:59", 1_792_886_399),
        ("Europe/London", "2026-10-25 02:00:00", 1_792_893_600),
        ("Europe/London", "2040-07-01 13:00:00", 2_224_756_800),
        ("America/New_York", "2026-03-08 01:59:59", 1_772_953_199),
        ("America/New_York", "2026-03-08 03:00:00", 1_772_953_200),
        ("America/New_York", "2026-11-01 00:59:59", 1_793_509_199),
        ("America/New_York", "2026-11-01 02:00:00", 1_793_516_400),
        ("America/New_York", "2040-01-15 07:00:00", 2_210_241_600),
        ("Asia/Kolkata", "2026-11-01 10:00:00", 1_793_507_400),
        ("Australia/Lord_Howe", "2040-07-01 22:30:00", 2_224_756_800),
    ]

    @Test(arguments: wallTimes) func wallTimesMatchTheDateCommand(name: String, text: String, seconds: Int64) throws {
        let reader = TimeReader(formats: [.rfc3339], zone: try zone(name))
        #expect(reader.read(text)?.milliseconds == seconds * 1000)
    }

    @Test func gapsUseTheOffsetBeforeAndOverlapsTheEarlierInstant() throws {
        let reader = TimeReader(formats: [.rfc3339], zone: try zone("Europe/London"))
        #expect(reader.read("2026-03-29 01:30:00")?.description == "2026-03-29T01:30:00.000Z")
        #expect(reader.read("2026-10-25 01:30:00")?.description == "2026-10-25T00:30:00.000Z")
    }

    @Test func readsBytesWithoutAString() {
        let reader = TimeReader(formats: [.epoch])
        let bytes: [UInt8] = Array("1793440800123".utf8)
        let time = bytes.withUnsafeBufferPointer { reader.read($0) }
        #expect(time?.milliseconds == 1_793_440_800_123)
    }
}
