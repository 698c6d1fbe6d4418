import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointNormalize

/// A record as ingest writes it (taken from a `touchpoint-gen` sample) and the exact event normalize must write.
struct MappingCase: CustomTestStringConvertible, Sendable {
    let name: String
    let record: String
    let event: String

    var testDescription: String { name }
}

/// One representative line per sample source (and the tricky variants), reviewed by hand against
/// docs/CONTRACT.md §2 and the mapping comments in Sources/TouchpointNormalize/Channels/.
let mappingCases: [MappingCase] = [
    MappingCase(
        name: "web: a logged-in search",
        record:
            #"{"kind":"record","source":{"name":"web","format":"clf","file":"web.log","line":1,"offset":0},"received":"2026-11-01T00:00:00.000Z","data":{"remote_host":"198.51.100.11","ident":null,"user":"C100177","time":"01/Oct/2026:05:46:25 +0000","method":"GET","path":"/search?q=espresso+machine","protocol":"HTTP/1.1","status":200,"bytes":20924,"referer":"https://t.co/","user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"}}"#,
        event:
            #"{"kind":"event","id":"web:1","time":"2026-10-01T05:46:25.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"web","format":"clf","file":"web.log","line":1,"offset":0},"channel":"web","type":"search","stage":"research","ids":{"customer_id":"C100177"},"properties":{"method":"GET","path":"/search?q=espresso+machine","protocol":"HTTP/1.1","http_status":200,"bytes":20924,"referer":"https://t.co/","user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1","remote_host":"198.51.100.11","query":"espresso machine"}}"#
    ),
    MappingCase(
        name: "pos: an anonymous sale",
        record:
            #"{"kind":"record","source":{"name":"pos","format":"csv","file":"pos.csv","line":2,"offset":124},"received":"2026-11-01T00:00:00.000Z","data":{"transaction_id":"TX-000001","store_id":"S108","register":"5","timestamp":"2026-10-01 12:04:22+02:00","type":"sale","loyalty_id":"","customer_email":"","customer_phone":"","customer_name":"","total":"18.90","currency":"EUR","items":"SKU-2001x1"}}"#,
        event:
            #"{"kind":"event","id":"pos:TX-000001","time":"2026-10-01T10:04:22.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"pos","format":"csv","file":"pos.csv","line":2,"offset":124},"channel":"store","type":"purchase","stage":"purchase","ids":{},"metrics":{"amount":18.9,"currency":"EUR","items":1},"properties":{"products":[{"sku":"SKU-2001","quantity":1}],"store_id":"S108","register":"5"}}"#
    ),
    MappingCase(
        name: "tickets: a web-form ticket",
        record:
            #"{"kind":"record","source":{"name":"tickets","format":"ndjson","file":"tickets.ndjson","line":1,"offset":0},"received":"2026-11-01T00:00:00.000Z","data":{"ticket_id":"T-100001","created_at":"2026-10-02T04:35:36Z","channel":"web_form","requester":{"email":"nadia.bianchi81@example.org","name":"Nadia Bianchi"},"subject":"Error light on Milk Frother MF3","description":"My Milk Frother MF3 makes a \"clicking\" noise and doesn't heat up anymore.","status":"solved","priority":"normal","order_ref":null}}"#,
        event:
            #"{"kind":"event","id":"tickets:T-100001","time":"2026-10-02T04:35:36.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"tickets","format":"ndjson","file":"tickets.ndjson","line":1,"offset":0},"channel":"web","type":"support_ticket","stage":"support","ids":{"email":"nadia.bianchi81@example.org"},"traits":{"name":"Nadia Bianchi"},"text":"Error light on Milk Frother MF3\n\nMy Milk Frother MF3 makes a \"clicking\" noise and doesn't heat up anymore.","properties":{"status":"solved","priority":"normal","ticket_channel":"web_form"}}"#
    ),
    MappingCase(
        name: "surveys: a relationship survey",
        record:
            #"{"kind":"record","source":{"name":"surveys","format":"csv","file":"surveys.csv","line":2,"offset":71},"received":"2026-11-01T00:00:00.000Z","data":{"response_id":"R-000001","submitted_at":"2026-10-01T18:26:39Z","survey":"relationship","email":"n.nelson@example.com","customer_id":"C100214","nps":"7","csat":"4","ces":"","comment":"Okay experience, nothing special."}}"#,
        event:
            #"{"kind":"event","id":"surveys:R-000001","time":"2026-10-01T18:26:39.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"surveys","format":"csv","file":"surveys.csv","line":2,"offset":71},"channel":"survey","type":"survey_response","stage":"loyalty","ids":{"email":"n.nelson@example.com","customer_id":"C100214"},"text":"Okay experience, nothing special.","metrics":{"nps":7,"csat":4},"properties":{"survey":"relationship"}}"#
    ),
    MappingCase(
        name: "social: a tweet",
        record:
            #"{"kind":"record","source":{"name":"social","format":"ndjson","file":"social.ndjson","line":1,"offset":0},"received":"2026-11-01T00:00:00.000Z","data":{"post_id":"tw-88015","platform":"twitter","handle":"@hiroshi_yamamoto","author_name":"Hiroshi Yamamoto","created_at":"2026-10-01T17:54:43Z","text":"@larkspurhome do you ship to Lyon?","followers":392,"likes":5,"shares":1,"mentions_brand":true}}"#,
        event:
            #"{"kind":"event","id":"social:tw-88015","time":"2026-10-01T17:54:43.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"social","format":"ndjson","file":"social.ndjson","line":1,"offset":0},"channel":"social","type":"social_post","stage":"loyalty","ids":{"social":"twitter:hiroshi_yamamoto"},"traits":{"name":"Hiroshi Yamamoto"},"text":"@larkspurhome do you ship to Lyon?","metrics":{"followers":392,"likes":5,"shares":1},"properties":{"platform":"twitter","mentions_brand":true}}"#
    ),
    MappingCase(
        name: "calls: a call with a messy caller number",
        record:
            #"{"kind":"record","source":{"name":"calls","format":"csv","file":"calls.csv","line":2,"offset":115},"received":"2026-11-01T00:00:00.000Z","data":{"call_id":"CL-000001","start_time":"2026-10-01T15:28:03Z","end_time":"2026-10-01T15:40:34Z","caller_number":"5550108235","customer_id":"","agent_id":"A-134","queue":"technical","wait_seconds":"199","handle_seconds":"552","disposition":"resolved","notes":"Login issue; sent reset link manually."}}"#,
        event:
            #"{"kind":"event","id":"calls:CL-000001","time":"2026-10-01T15:28:03.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"calls","format":"csv","file":"calls.csv","line":2,"offset":115},"channel":"call_center","type":"call","stage":"support","ids":{"phone":"+15550108235"},"text":"Login issue; sent reset link manually.","metrics":{"wait_seconds":199,"handle_seconds":552},"properties":{"queue":"technical","disposition":"resolved","agent_id":"A-134","end_time":"2026-10-01T15:40:34.000Z"}}"#
    ),
    MappingCase(
        name: "segment: a help page in the app",
        record:
            #"{"kind":"record","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":1,"offset":0},"received":"2026-11-01T00:00:00.000Z","data":{"type":"page","messageId":"be4ddb2e-c7cd-4f7e-8cdd-767c1a8d9781","timestamp":"2026-10-01T00:59:04.208Z","userId":"C100537","anonymousId":"f1016a8f-d04b-4cba-a71d-4408b1409e14","name":"Help","properties":{"path":"/help/descaling-guide","url":"https://www.larkspur.example/help/descaling-guide","title":"Help: descaling-guide"},"context":{"device":{"id":"9f80885506f1f3d2"},"app":{"name":"Larkspur","version":"5.2.1"},"ip":"203.0.113.147","userAgent":"Larkspur/5.2.1 (Android 14; Pixel 8)","traits":{"email":"nicholas.adams74@example.com"}}}}"#,
        event:
            #"{"kind":"event","id":"segment:be4ddb2e-c7cd-4f7e-8cdd-767c1a8d9781","time":"2026-10-01T00:59:04.208Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":1,"offset":0},"channel":"mobile","type":"page_view","stage":"support","ids":{"customer_id":"C100537","anonymous_id":"f1016a8f-d04b-4cba-a71d-4408b1409e14","device_id":"9f80885506f1f3d2","email":"nicholas.adams74@example.com"},"properties":{"page":"Help","topic":"descaling-guide","path":"/help/descaling-guide","url":"https://www.larkspur.example/help/descaling-guide","title":"Help: descaling-guide","app":{"name":"Larkspur","version":"5.2.1"},"ip":"203.0.113.147","user_agent":"Larkspur/5.2.1 (Android 14; Pixel 8)"}}"#
    ),
    MappingCase(
        name: "pos: a sale with loyalty id, email and a (555) phone",
        record:
            #"{"kind":"record","source":{"name":"pos","format":"csv","file":"pos.csv","line":73,"offset":6367},"received":"2026-11-01T00:00:00.000Z","data":{"transaction_id":"TX-000072","store_id":"S201","register":"4","timestamp":"2026-10-10 13:20:55-04:00","type":"sale","loyalty_id":"L-0001217","customer_email":"zoe.collins@example.com","customer_phone":"(555) 010-4590","customer_name":"","total":"21.90","currency":"USD","items":"SKU-2001x1"}}"#,
        event:
            #"{"kind":"event","id":"pos:TX-000072","time":"2026-10-10T17:20:55.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"pos","format":"csv","file":"pos.csv","line":73,"offset":6367},"channel":"store","type":"purchase","stage":"purchase","ids":{"loyalty_id":"L-0001217","email":"zoe.collins@example.com","phone":"+15550104590"},"metrics":{"amount":21.9,"currency":"USD","items":1},"properties":{"products":[{"sku":"SKU-2001","quantity":1}],"store_id":"S201","register":"4"}}"#
    ),
    MappingCase(
        name: "pos: a return",
        record:
            #"{"kind":"record","source":{"name":"pos","format":"csv","file":"pos.csv","line":82,"offset":7131},"received":"2026-11-01T00:00:00.000Z","data":{"transaction_id":"TX-000081","store_id":"S204","register":"4","timestamp":"2026-10-11 15:39:29-04:00","type":"return","loyalty_id":"","customer_email":"","customer_phone":"","customer_name":"","total":"-54.90","currency":"USD","items":"SKU-2051x1"}}"#,
        event:
            #"{"kind":"event","id":"pos:TX-000081","time":"2026-10-11T19:39:29.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"pos","format":"csv","file":"pos.csv","line":82,"offset":7131},"channel":"store","type":"return","stage":"support","ids":{},"metrics":{"amount":-54.9,"currency":"USD","items":1},"properties":{"products":[{"sku":"SKU-2051","quantity":1}],"store_id":"S204","register":"4"}}"#
    ),
    MappingCase(
        name: "surveys: a comment spanning two lines",
        record:
            #"{"kind":"record","source":{"name":"surveys","format":"csv","file":"surveys.csv","line":4,"offset":319},"received":"2026-11-01T00:00:00.000Z","data":{"response_id":"R-000003","submitted_at":"2026-10-03T17:48:23Z","survey":"relationship","email":"minh.yilmaz60@example.com","customer_id":"","nps":"10","csat":"","ces":"","comment":"Love it.\nBest kitchen purchase this year, thank you!"}}"#,
        event:
            #"{"kind":"event","id":"surveys:R-000003","time":"2026-10-03T17:48:23.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"surveys","format":"csv","file":"surveys.csv","line":4,"offset":319},"channel":"survey","type":"survey_response","stage":"loyalty","ids":{"email":"minh.yilmaz60@example.com"},"text":"Love it.\nBest kitchen purchase this year, thank you!","metrics":{"nps":10},"properties":{"survey":"relationship"}}"#
    ),
    MappingCase(
        name: "calls: a call with a customer id",
        record:
            #"{"kind":"record","source":{"name":"calls","format":"csv","file":"calls.csv","line":5,"offset":569},"received":"2026-11-01T00:00:00.000Z","data":{"call_id":"CL-000004","start_time":"2026-10-05T10:22:38Z","end_time":"2026-10-05T10:34:58Z","caller_number":"+15550107313","customer_id":"C100063","agent_id":"A-132","queue":"orders","wait_seconds":"530","handle_seconds":"210","disposition":"escalated","notes":"Asked for delivery date of O-78609675; sent tracking link. Escalated to tier 2."}}"#,
        event:
            #"{"kind":"event","id":"calls:CL-000004","time":"2026-10-05T10:22:38.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"calls","format":"csv","file":"calls.csv","line":5,"offset":569},"channel":"call_center","type":"call","stage":"support","ids":{"phone":"+15550107313","customer_id":"C100063"},"text":"Asked for delivery date of O-78609675; sent tracking link. Escalated to tier 2.","metrics":{"wait_seconds":530,"handle_seconds":210},"properties":{"queue":"orders","disposition":"escalated","agent_id":"A-132","end_time":"2026-10-05T10:34:58.000Z"}}"#
    ),
    MappingCase(
        name: "segment: identify with phone and twitter handle",
        record:
            #"{"kind":"record","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":68,"offset":28001},"received":"2026-11-01T00:00:00.000Z","data":{"type":"identify","messageId":"076e218d-c39d-4168-a541-616f69885f13","timestamp":"2026-10-02T07:00:04.135Z","userId":"C100448","anonymousId":"4bb5d8ee-a0bd-4bd3-9430-08cf31ebd83e","traits":{"email":"alexander.torres@example.net","phone":"+1 555 010 3836","name":"Alexander Torres","first_name":"Alexander","last_name":"Torres","twitter":"@alexandertorres","address":{"street":"Dorpsstraat 162","city":"Amsterdam","postal_code":"1060","country":"NL"},"birthday":"1962-07-09","city":"Amsterdam","postal_code":"1060","country":"NL"},"context":{"device":{"id":"B33DD52C-F23A-4916-A195-F2D9B84A1E54"},"app":{"name":"Larkspur","version":"5.2.1"},"ip":"192.0.2.43","userAgent":"Larkspur/5.2.1 (iPad; iPadOS 17.6)"}}}"#,
        event:
            #"{"kind":"event","id":"segment:076e218d-c39d-4168-a541-616f69885f13","time":"2026-10-02T07:00:04.135Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":68,"offset":28001},"channel":"mobile","type":"identify","stage":"loyalty","ids":{"customer_id":"C100448","anonymous_id":"4bb5d8ee-a0bd-4bd3-9430-08cf31ebd83e","device_id":"B33DD52C-F23A-4916-A195-F2D9B84A1E54","email":"alexander.torres@example.net","phone":"+15550103836","social":"twitter:alexandertorres"},"traits":{"name":"Alexander Torres","first_name":"Alexander","last_name":"Torres","address":{"street":"Dorpsstraat 162","city":"Amsterdam","postal_code":"1060","country":"NL"},"birthday":"1962-07-09","city":"Amsterdam","postal_code":"1060","country":"NL"},"properties":{"app":{"name":"Larkspur","version":"5.2.1"},"ip":"192.0.2.43","user_agent":"Larkspur/5.2.1 (iPad; iPadOS 17.6)"}}"#
    ),
    MappingCase(
        name: "segment: Order Completed",
        record:
            #"{"kind":"record","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":26,"offset":11858},"received":"2026-11-01T00:00:00.000Z","data":{"type":"track","messageId":"d6a6ca59-2677-4b9c-a674-2d8408bd48ca","timestamp":"2026-10-01T13:27:26.280Z","userId":"C100755","anonymousId":"9ba73a81-282c-47f0-b7c1-d298255f9fbd","event":"Order Completed","properties":{"order_id":"O-66977099","total":27.90,"currency":"USD","products":[{"product_id":"SKU-3041","name":"Ceramic Cup Set","price":27.90,"quantity":1}]},"context":{"device":{"id":"ff549e9b71f4ec9b"},"app":{"name":"Larkspur","version":"5.4.0"},"ip":"192.0.2.47","userAgent":"Larkspur/5.4.0 (Android 14; Pixel 8)"}}}"#,
        event:
            #"{"kind":"event","id":"segment:d6a6ca59-2677-4b9c-a674-2d8408bd48ca","time":"2026-10-01T13:27:26.280Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":26,"offset":11858},"channel":"mobile","type":"purchase","stage":"purchase","ids":{"customer_id":"C100755","anonymous_id":"9ba73a81-282c-47f0-b7c1-d298255f9fbd","device_id":"ff549e9b71f4ec9b","order_id":"O-66977099"},"metrics":{"amount":27.9,"currency":"USD","items":1},"properties":{"event":"Order Completed","products":[{"product_id":"SKU-3041","name":"Ceramic Cup Set","price":27.90,"quantity":1}],"app":{"name":"Larkspur","version":"5.4.0"},"ip":"192.0.2.47","user_agent":"Larkspur/5.4.0 (Android 14; Pixel 8)"}}"#
    ),
    MappingCase(
        name: "web: an anonymous purchase confirmation",
        record:
            #"{"kind":"record","source":{"name":"web","format":"clf","file":"web.log","line":1030,"offset":282394},"received":"2026-11-01T00:00:00.000Z","data":{"remote_host":"203.0.113.250","ident":null,"user":null,"time":"05/Oct/2026:13:25:28 +0000","method":"GET","path":"/checkout/complete?order=O-58777373","protocol":"HTTP/1.1","status":200,"bytes":5368,"referer":"https://www.larkspur.example/checkout","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15"}}"#,
        event:
            #"{"kind":"event","id":"web:1030","time":"2026-10-05T13:25:28.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"web","format":"clf","file":"web.log","line":1030,"offset":282394},"channel":"web","type":"purchase","stage":"purchase","ids":{"order_id":"O-58777373"},"properties":{"method":"GET","path":"/checkout/complete?order=O-58777373","protocol":"HTTP/1.1","http_status":200,"bytes":5368,"referer":"https://www.larkspur.example/checkout","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15","remote_host":"203.0.113.250"}}"#
    ),
    MappingCase(
        name: "web: a 404 on a product page is a page view",
        record:
            #"{"kind":"record","source":{"name":"web","format":"clf","file":"web.log","line":69,"offset":18872},"received":"2026-11-01T00:00:00.000Z","data":{"remote_host":"192.0.2.225","ident":null,"user":null,"time":"01/Oct/2026:17:37:46 +0000","method":"GET","path":"/products/hand-grinder-h1-2019","protocol":"HTTP/1.1","status":404,"bytes":1505,"referer":"https://www.larkspur.example/products/cast-iron-skillet-28","user_agent":"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36"}}"#,
        event:
            #"{"kind":"event","id":"web:69","time":"2026-10-01T17:37:46.000Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"web","format":"clf","file":"web.log","line":69,"offset":18872},"channel":"web","type":"page_view","stage":"research","ids":{},"properties":{"method":"GET","path":"/products/hand-grinder-h1-2019","protocol":"HTTP/1.1","http_status":404,"bytes":1505,"referer":"https://www.larkspur.example/products/cast-iron-skillet-28","user_agent":"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36","remote_host":"192.0.2.225","product":"hand-grinder-h1-2019"}}"#
    ),
    MappingCase(
        name: "segment: an email opened",
        record:
            #"{"kind":"record","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":105,"offset":41284},"received":"2026-11-01T00:00:00.000Z","data":{"type":"track","messageId":"bb26c294-3167-4cdf-97d4-d478cf3398af","timestamp":"2026-10-02T07:41:20.215Z","userId":"C100247","event":"Email Opened","properties":{"email_id":"em-f770c3202fa1f3b2","email_subject":"This week's picks for your kitchen","campaign_name":"weekly_picks"},"context":{"traits":{"email":"omarpeeters@example.net"}}}}"#,
        event:
            #"{"kind":"event","id":"segment:bb26c294-3167-4cdf-97d4-d478cf3398af","time":"2026-10-02T07:41:20.215Z","received":"2026-11-01T00:00:00.000Z","source":{"name":"segment","format":"ndjson","file":"segment.ndjson","line":105,"offset":41284},"channel":"email","type":"email_opened","stage":"loyalty","ids":{"customer_id":"C100247","email":"omarpeeters@example.net"},"properties":{"event":"Email Opened","email_id":"em-f770c3202fa1f3b2","email_subject":"This week's picks for your kitchen","campaign_name":"weekly_picks"}}"#
    ),
]

struct MappingTests {
    @Test(arguments: mappingCases)
    func mapsTheSampleLineToTheExactEvent(_ testCase: MappingCase) {
        let run = normalize([], input: testCase.record + "\n")
        #expect(run.status == .success)
        // Member order inside ids, traits, metrics and properties is not part of the contract: compare values.
        #expect(run.lines.map(sortedMembers) == [sortedMembers(testCase.event)])
        #expect(run.deadLetters.isEmpty)
        // The event reads back through Core's Event type unchanged: the shape is the contract's.
        let parsed = try? Event(JSONParser.parseValue(testCase.event))
        #expect(parsed.map { sortedMembers(JSONWriter.string($0.jsonValue)) } == sortedMembers(testCase.event))
    }

    /// The generator's mappings have a case here; the mappings of real systems are tested on their samples.
    @Test func everyBuiltinMappingIsTested() {
        let covered = Set(mappingCases.compactMap { $0.name.split(separator: ":").first.map(String.init) })
        #expect(covered.union(RealExportTests.testedMappings) == Set(MappingCatalog.builtin.names))
    }
}

/// A JSON line with every object's members sorted by key, for comparisons where member order does not count.
func sortedMembers(_ line: String) -> String {
    func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) }))
        case .array(let elements): return .array(elements.map(sorted))
        default: return value
        }
    }
    guard let value = try? JSONParser.parseValue(line) else { return line }
    return JSONWriter.string(sorted(value))
}
