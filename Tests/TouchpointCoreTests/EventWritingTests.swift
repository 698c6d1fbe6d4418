import Foundation
import Testing
import TouchpointCore
import TouchpointJSON

/// `Event.write(into:)` is the hot path; `jsonValue` through `JSONWriter` is the reference. They must agree byte for
/// byte on every shape an event can take.
struct EventWritingTests {
    private static let fullSource = SourceReference(
        name: "pos", format: "csv", file: "sample/pos.csv", line: 2, offset: 97)

    private static func event(
        received: Timestamp? = nil, source: SourceReference = fullSource, text: String? = nil,
        filled: Bool = false, stages: Bool = false
    ) -> Event {
        var event = Event(
            id: "pos:TX-1", time: Timestamp(milliseconds: 1_790_000_000_123), received: received, source: source,
            channel: "store", type: "purchase", stage: "purchase")
        event.text = text
        if filled {
            event.ids = JSONObject([("email", "anna@example.com"), ("phone", "+15550102345")])
            event.traits = JSONObject([("name", "Anna \"Nan\" M\u{FC}ller")])
            event.metrics = JSONObject([("amount", .number(JSONNumber(literal: "129.90")!)), ("currency", "EUR")])
            event.properties = JSONObject([
                ("store_id", "S-1"), ("items", [1, .double(2.5)!, true, .null, "x\ny"]),
                ("nested", ["a": ["b": false]]), ("big", .number(JSONNumber(literal: "12345678901234567890")!)),
            ])
        }
        if stages {
            event.profile = JSONObject([("id", "p-1"), ("merged", [])])
            event.score = JSONObject([("experience", -3)])
            event.customer = JSONObject([("events", 1), ("churn_risk", .number(JSONNumber(literal: "0.25")!))])
        }
        return event
    }

    static let events: [Event] = [
        event(),
        event(received: Timestamp(milliseconds: 1_793_491_200_000)),
        event(source: SourceReference(name: "stdin")),
        event(source: SourceReference(name: "web", line: 0, offset: 0)),
        event(source: SourceReference(name: "a\"b\\c", file: "dir/\u{E9}\t.csv", line: Int.max, offset: Int.min)),
        event(text: ""),
        event(text: "Waited 40 minutes on the phone, \"still\" no refund \u{1F620}\n\u{1}"),
        event(received: Timestamp(milliseconds: -1), text: "x", filled: true),
        event(received: Timestamp(milliseconds: 0), filled: true, stages: true),
        event(stages: true),
    ]

    @Test(arguments: events)
    func writesWhatTheJSONValueWrites(_ event: Event) {
        var expected: [UInt8] = []
        JSONWriter.write(event.jsonValue, into: &expected)
        var written: [UInt8] = Array("prefix".utf8)
        event.write(into: &written)
        #expect(String(decoding: written.dropFirst(6), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func anEventWithEveryMemberOdd() {
        var event = Self.event()
        event.id = "\u{0}"
        event.channel = "\\"
        event.type = "\u{7F}"
        event.stage = "/"
        var expected: [UInt8] = []
        JSONWriter.write(event.jsonValue, into: &expected)
        var written: [UInt8] = []
        event.write(into: &written)
        #expect(written == expected)
    }

    // Written from the proleptic Gregorian calendar by hand (and Python's datetime where it reaches), not from
    // the code under test. Years RFC 3339 cannot hold keep their sign and digits.
    @Test(arguments: [
        (Int64.min / 4, "-73067287-11-05T04:11:46.048Z"),
        (-62_167_219_200_001, "-0001-12-31T23:59:59.999Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (-86_400_001, "1969-12-30T23:59:59.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (999, "1970-01-01T00:00:00.999Z"),
        (1_790_000_000_123, "2026-09-21T14:13:20.123Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00.000Z"),
        (Int64.max / 4, "73071226-02-26T19:48:13.951Z"),
    ])
    func timestampBytesAreRFC3339(_ milliseconds: Int64, _ expected: String) {
        let time = Timestamp(milliseconds: milliseconds)
        var bytes: [UInt8] = []
        time.appendRFC3339(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(time.description == expected)
    }

    @Test func timestampBytesOverManyDays() {
        // Every 7 hours, 13 minutes, 17.019 seconds from 1938 to 2052: all months, leap days and hours, each held
        // to Foundation's own ISO 8601 formatter.
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        reference.timeZone = TimeZone(identifier: "UTC")
        var milliseconds: Int64 = -1_000_000_000_000
        while milliseconds < 2_600_000_000_000 {
            let time = Timestamp(milliseconds: milliseconds)
            var bytes: [UInt8] = []
            time.appendRFC3339(to: &bytes)
            let expected = reference.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            if String(decoding: bytes, as: UTF8.self) != expected {
                Issue.record("\(milliseconds): \(String(decoding: bytes, as: UTF8.self)) != \(expected)")
                return
            }
            milliseconds += 25_997_019
        }
    }
}
