import Foundation
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointNormalize
import TouchpointTesting

struct NormalizerTests {
    @Test func otherKindsPassThroughByteForByteAndInOrder() {
        let lines = [
            #"{"kind":"barrier","id":1,"positions":[{"source":"pos","offset":12}]}"#,
            #"{"kind":"event", "id":"x:1",  "spacing":"kept", "n":1.50}"#,
            recordLine(data: #"{"transaction_id":"TX-1","timestamp":"2026-10-02 14:33:10+02:00","type":"sale"}"#),
            #"{"kind":"future_kind","anything":[1,2,3]}"#,
        ]
        let run = normalize([], input: lines.joined(separator: "\n") + "\n")
        #expect(run.status == .success)
        #expect(run.lines.count == 4)
        #expect(run.lines[0] == lines[0])
        #expect(run.lines[1] == lines[1])
        #expect(run.lines[2].hasPrefix(#"{"kind":"event","id":"pos:TX-1","time":"2026-10-02T12:33:10.000Z""#))
        #expect(run.lines[3] == lines[3])
        #expect(
            run.diagnostics.filter { $0.contains("counts:") } == [
                "normalize: note: counts: in=4 out=4 dead_lettered=0 filtered=0 written=4"
            ])
        #expect(run.diagnostics.contains(#"normalize: note: source "pos": mapping pos (chosen by its name)"#))
    }

    /// A record line, then the dead letter it must become as `reason: detail`.
    @Test(arguments: [
        (
            recordLine(source: "crm", data: "{}"),
            #"unknown_source: no mapping for source "crm" and none recognises its records (mappings: "#
                + MappingCatalog.builtin.names.joined(separator: ", ") + "; use --map crm=MAPPING or --mappings DIR)"
        ),
        (
            #"{"kind":"record","received":"2026-11-01T00:00:00Z","data":{}}"#,
            #"invalid_record: field "source": missing or not an object"#
        ),
        (
            #"{"kind":"record","source":{"name":"pos"}}"#,
            #"invalid_record: field "data": missing"#
        ),
        (
            #"{"kind":"record","source":{"name":"pos"},"received":"yesterday","data":{}}"#,
            #"invalid_record: field "received": not an RFC 3339 timestamp"#
        ),
        (recordLine(data: "[1,2]"), #"invalid_record: field "data": not an object"#),
        (recordLine(data: #"{"transaction_id":"TX-1","type":"sale"}"#), #"invalid_field: field "timestamp": missing"#),
        (
            recordLine(data: #"{"transaction_id":"TX-1","type":"sale","timestamp":"02.10.2026"}"#),
            #"invalid_field: field "timestamp": "02.10.2026" is not a time in the mapping's formats"#
        ),
        (
            recordLine(data: #"{"transaction_id":"TX-1","type":"void","timestamp":"2026-10-02T14:33:10Z"}"#),
            #"invalid_field: field "type": neither sale nor return"#
        ),
        ("not json", "invalid_json: unexpected byte at byte 1"),
        (#"{"no":"kind"}"#, #"missing_kind: no "kind" string member"#),
    ])
    func unusableRecordsAreDeadLettersWithReasons(line: String, expected: String) {
        let run = normalize([], input: line + "\n")
        #expect(run.status == .success)
        #expect(run.lines.isEmpty)
        #expect(run.deadLetterSummaries == [expected])
        #expect(run.deadLetters.first?["stage"] == "normalize")
        #expect(run.deadLetters.first?["input"] == .string(line))
    }

    @Test func mapOverridesTheMappingForASource() {
        let data = #"{"transaction_id":"TX-9","timestamp":"2026-10-02T14:33:10Z","type":"sale","total":"5"}"#
        let mapped = event(source: "pos-berlin", data: data, arguments: ["--map", "pos-berlin=pos"])
        #expect(mapped?["id"] == "pos-berlin:TX-9")
        #expect(mapped?["channel"] == "store")
        #expect(event(source: "pos-berlin", data: data) == nil)
    }

    @Test func defaultCountryCodeAppliesToPhonesWithoutOne() {
        let data = #"{"call_id":"CL-1","start_time":"2026-10-05T10:22:38Z","caller_number":"020 7946 0000"}"#
        #expect(
            event(source: "calls", data: data, arguments: ["--default-country-code", "44"])?["ids"] == [
                "phone": "+442079460000"
            ])
        #expect(
            event(source: "calls", data: data)?["properties"]?["invalid_fields"] == ["caller_number": "020 7946 0000"])
    }

    @Test func unusableIdentifiersAndMetricsAreKeptInInvalidFields() {
        let data =
            #"{"response_id":"R-1","submitted_at":"2026-10-05T18:02:11Z","survey":"post_support","email":"anna at example","customer_id":"-","nps":"11","csat":"4","ces":"x","comment":""}"#
        let surveyEvent = event(source: "surveys", data: data)
        #expect(surveyEvent?["ids"] == [:])
        #expect(surveyEvent?["metrics"] == ["csat": 4])
        #expect(surveyEvent?["stage"] == "support")
        #expect(surveyEvent?["text"] == nil)
        #expect(
            surveyEvent?["properties"] == [
                "survey": "post_support", "invalid_fields": ["email": "anna at example", "nps": "11", "ces": "x"],
            ])
    }

    @Test func fieldsNoRuleReadsAreKeptAsProperties() {
        let data =
            #"{"post_id":"tw-1","platform":"Twitter","handle":"@Anna_Smith","created_at":"2026-10-01T17:54:43Z","text":"hi","followers":10,"lang":"en","geo":null,"reply_to":""}"#
        let post = event(source: "social", data: data)
        #expect(post?["ids"] == ["social": "twitter:anna_smith"])
        #expect(post?["properties"] == ["platform": "twitter", "lang": "en"])
    }

    @Test func eventIdFallsBackToTheLineWithoutANativeId() {
        let data = #"{"timestamp":"2026-10-02T14:33:10Z","type":"return"}"#
        let run = normalize([], input: recordLine(source: "pos", line: 41, data: data) + "\n")
        #expect(run.events.first?["id"] == "pos:41")
        #expect(run.events.first?["type"] == "return")
        #expect(run.events.first?["stage"] == "support")
    }

    @Test(arguments: [
        ("Products Searched", "search", "research", "mobile"),
        ("Product List Filtered", "search", "research", "mobile"),
        ("Product Viewed", "product_view", "research", "mobile"),
        ("Product Compared", "comparison", "comparison", "mobile"),
        ("Product Added", "cart", "purchase", "mobile"),
        ("Checkout Started", "checkout", "purchase", "mobile"),
        ("Order Completed", "purchase", "purchase", "mobile"),
        ("Order Refunded", "refund", "support", "mobile"),
        ("Email Sent", "email_sent", "loyalty", "email"),
        ("Email Opened", "email_opened", "loyalty", "email"),
        ("Email Link Clicked", "email_clicked", "loyalty", "email"),
        ("Unsubscribed", "unsubscribe", "loyalty", "email"),
        ("Live Chat Message Sent", "chat_message", "support", "chat"),
        ("Wishlist Shared", "other", "research", "mobile"),
    ])
    func segmentTrackEvents(name: String, type: String, stage: String, channel: String) {
        let data =
            #"{"type":"track","messageId":"m-1","timestamp":"2026-10-01T05:59:29.689Z","userId":"C1","event":"\#(name)","properties":{"text":"hello","total":"12.50","currency":"usd","products":[{"quantity":2},{}]},"context":{"app":{"name":"Larkspur"}}}"#
        let tracked = event(source: "segment", data: data)
        #expect(tracked?["type"] == .string(type))
        #expect(tracked?["stage"] == .string(stage))
        #expect(tracked?["channel"] == .string(channel))
        if type == "purchase" || type == "refund" {
            #expect(
                tracked.map { JSONWriter.string($0["metrics"] ?? nil) }
                    == #"{"amount":12.5,"currency":"USD","items":3}"#)
        }
        if type == "chat_message" { #expect(tracked?["text"] == "hello") }
    }

    @Test func segmentWithoutAppIsWebAndKeepsWhatItDoesNotMap() {
        let data =
            #"{"type":"identify","messageId":"m-2","timestamp":"2026-10-01T05:59:29Z","anonymousId":"a-1","traits":{"instagram":"@Anna.S","twitter":"@anna_s","plan":"gold","email":"not-an-email"},"context":{"locale":"en-US","traits":{"email":" Anna@Example.com "}},"sentAt":"2026-10-01T05:59:30Z"}"#
        let identify = event(source: "segment", data: data)
        #expect(identify?["channel"] == "web")
        // The invalid traits.email falls through to the good context.traits.email, and stays in invalid_fields.
        #expect(
            identify?["ids"] == [
                "anonymous_id": "a-1", "email": "anna@example.com", "social": "twitter:anna_s",
                "social_instagram": "instagram:anna.s",
            ])
        #expect(identify?["traits"] == nil)
        #expect(
            identify?["properties"] == [
                "traits": ["plan": "gold"], "context": ["locale": "en-US"],
                "invalid_fields": ["traits.email": "not-an-email"],
            ])
    }

    @Test(arguments: [
        (["--map", "pos"], #"normalize: error: --map: "pos" is not SOURCE=MAPPING"#),
        (
            ["--map", "x=crm"],
            #"normalize: error: --map: unknown mapping "crm" (known: "#
                + MappingCatalog.builtin.names.joined(separator: ", ")
                + ")"
        ),
        (
            ["--default-country-code", "abc"],
            #"normalize: error: --default-country-code: "abc" is not a calling code of 1 to 3 digits"#
        ),
        (["--bogus"], "normalize: error: --bogus: unknown option (see --help)"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = normalize(arguments, input: "")
        #expect(run.status == .usage)
        #expect(run.diagnostics == [message])
    }

    @Test func helpMappingsListsTheRegistry() {
        let run = normalize(["--help-mappings"], input: "")
        #expect(run.status == .success)
        #expect(
            run.lines.compactMap { $0.split(separator: " ").first.map(String.init) } == MappingCatalog.builtin.names)
    }

    @Test func sameInputGivesByteIdenticalOutput() {
        let input = mappingCases.map(\.record).joined(separator: "\n") + "\n"
        let first = normalize([], input: input)
        let second = normalize([], input: input)
        #expect(first.lines == second.lines)
        #expect(first.lines.count == mappingCases.count)
    }
}

struct IdentifierSettingsTests {
    /// A deployment's own placeholder values, in a file of the built-in list's shape, keep them out of `ids`.
    @Test func aUserBlocklistFileDropsItsValues() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/blocklist.json"
        try #"{"any": ["walk-in"]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let data = #"{"transaction_id":"TX-1","timestamp":"2026-10-02T14:33:10Z","type":"sale","loyalty_id":"WALK-IN"}"#
        #expect(event(source: "pos", data: data)?["ids"] == ["loyalty_id": "WALK-IN"])
        #expect(event(source: "pos", data: data, arguments: ["--identifier-blocklist", path])?["ids"] == [:])
        let broken = directory.path + "/broken.json"
        try #"{"any": ["walk-in",]}"#.write(toFile: broken, atomically: true, encoding: .utf8)
        let run = normalize(["--identifier-blocklist", broken], input: "")
        #expect(run.status == .usage)
        #expect(run.diagnostics.first?.contains("broken.json:1:") == true, "\(run.diagnostics)")
    }

    @Test func emailProviderRulesAreOffUnlessAskedFor() {
        let data = #"{"response_id":"R-1","submitted_at":"2026-10-02T14:33:10Z","email":"Anna.Smith+news@gmail.com"}"#
        #expect(event(source: "surveys", data: data)?["ids"] == ["email": "anna.smith+news@gmail.com"])
        #expect(
            event(source: "surveys", data: data, arguments: ["--email-provider-rules"])?["ids"] == [
                "email": "annasmith@gmail.com"
            ])
    }
}

struct NameMappingTests {
    /// A feed that sends one full name can give identity the parts too.
    @Test func aFullNameSplitsIntoFirstAndLastWhenTheMappingAsks() throws {
        let directory = try TemporaryDirectory()
        try """
        {"mapping": "crm", "event": {"id": ".id", "time": ".at", "channel": "web", "type": "identify"},
         "traits": {"name": ".name", "first_name": {"from": ".name", "name_part": "first"},
                    "last_name": {"from": ".name", "name_part": "last"}}}
        """.write(toFile: directory.path + "/crm.json", atomically: true, encoding: .utf8)
        let data = #"{"id":"1","at":"2026-10-02T14:33:10Z","name":"Raman, Priya"}"#
        let crm = event(source: "crm", data: data, arguments: ["--mappings", directory.path])
        #expect(crm?["traits"] == ["name": "Raman, Priya", "first_name": "Priya", "last_name": "Raman"])
    }
}

struct ConditionMappingTests {
    @Test func matchesCanIgnoreCase() throws {
        let directory = try TemporaryDirectory()
        try """
        {"mapping": "crm", "event": {"id": ".id", "time": ".at", "channel": "web", "type": "identify"},
         "drop": [{"reason": "internal", "when": {"of": ".email", "matches": "@ourshop\\\\.example$", "ignore_case": true}}]}
        """.write(toFile: directory.path + "/crm.json", atomically: true, encoding: .utf8)
        let line = { (email: String) in
            recordLine(source: "crm", data: #"{"id":"1","at":"2026-10-02T14:33:10Z","email":"\#(email)"}"#)
        }
        let run = normalize(
            ["--mappings", directory.path],
            input: [line("Anna@OurShop.Example"), line("anna@example.com")].joined(
                separator: "\n") + "\n")
        #expect(run.events.count == 1)
        #expect(run.diagnostics.contains("normalize: note: crm: filtered internal=1"))
    }
}

struct SegmentAliasTests {
    /// Segment's alias says two ids are one person: the event carries both, so identity links them.
    @Test func anAliasLinksThePreviousIdToTheUser() {
        let data =
            #"{"type":"alias","messageId":"m-9","timestamp":"2026-10-01T05:59:29Z","userId":"C1","previousId":"anon-7"}"#
        let alias = event(source: "segment", data: data)
        #expect(alias?["type"] == "identify")
        #expect(alias?["stage"] == "loyalty")
        #expect(alias?["ids"] == ["customer_id": "C1", "anonymous_id": "anon-7"])
    }
}

struct JourneyStageFileTests {
    /// A user's journey-stage file overrides the built-in stage of a type, not only adds types.
    @Test func aUsersJourneyStagesOverrideTheBuiltIns() throws {
        let directory = try TemporaryDirectory()
        try #"{"journey_stages": {"types": {"survey_response": "support", "warranty_claim": "support"}}}"#.write(
            toFile: directory.path + "/stages.json", atomically: true, encoding: .utf8)
        try """
        {"mapping": "crm", "event": {"id": ".id", "time": ".at", "channel": "web", "type": ".kind"}}
        """.write(toFile: directory.path + "/crm.json", atomically: true, encoding: .utf8)
        for (kind, stage) in [("survey_response", "support"), ("warranty_claim", "support"), ("purchase", "purchase")] {
            let data = #"{"id":"1","at":"2026-10-02T14:33:10Z","kind":"\#(kind)"}"#
            let crm = event(source: "crm", data: data, arguments: ["--mappings", directory.path])
            #expect(crm?["stage"] == .string(stage), "\(kind)")
        }
    }
}

/// Records `ingest --listen` read from sockets: their lines count from 1 on every connection, so an event id from
/// the line alone would repeat; the id adds the connection and the received time, and the source keeps the peer.
struct SocketRecordTests {
    static func socketRecord(connection: Int, line: Int, received: String) -> String {
        #"{"kind":"record","source":{"name":"segment","format":"ndjson","listener":"tcp://127.0.0.1:5514","peer":"127.0.0.1:40112","connection":\#(connection),"line":\#(line),"offset":0},"received":"\#(received)","data":{"type":"track","event":"Product Viewed","userId":"u-1","timestamp":"2026-10-01T10:00:00Z"}}"#
    }

    @Test func eventsFromSeveralConnectionsAndRunsGetDistinctIdsAndKeepTheirPeer() {
        let input =
            [
                Self.socketRecord(connection: 1, line: 1, received: "2026-11-01T00:00:00.000Z"),
                Self.socketRecord(connection: 2, line: 1, received: "2026-11-01T00:00:00.000Z"),
                // After a restart of ingest, connection numbers start at 1 again.
                Self.socketRecord(connection: 1, line: 1, received: "2026-11-01T00:05:00.000Z"),
            ].joined(separator: "\n") + "\n"
        let run = normalize([], input: input)
        let ids = run.events.compactMap { $0["id"]?.stringValue }
        #expect(
            ids == ["segment:1793491200000-1-1", "segment:1793491200000-2-1", "segment:1793491500000-1-1"],
            "\(run.errors)")
        #expect(run.events.first?["source"]?["peer"] == "127.0.0.1:40112")
        #expect(run.events.first?["source"]?["listener"] == "tcp://127.0.0.1:5514")
        #expect(run.events.last?["source"]?["connection"] == 1)
    }
}
