import Foundation

/// One raw record read back from a generated file, reduced to what the rules and the invariants need.
///
/// Parsing uses Foundation's date formatters and JSON parser, not the generator's code, so the tests check the
/// files against their documented formats rather than against the generator's own understanding of them.
struct RawRecord: Sendable {
    let source: String
    let ref: String
    /// Event time, seconds since the epoch.
    let time: Double
    /// Normalized identifiers (`email:…`, `phone:+1…`, `customer_id:…`, `loyalty_id:…`, `device_id:…`,
    /// `anonymous_id:…`, `social:platform:handle`), as the identity stage would link them.
    let identifiers: Set<String>
    /// A till sale, an `Order Completed`, or a `/checkout/complete` hit.
    var isPurchase = false
    /// A ticket or a call.
    var isSupportContact = false
    /// A till return.
    var isReturn = false
    /// Till or `Order Completed` total (negative for a till return).
    var total: Double?
    /// Survey NPS and CSAT, if given.
    var nps: Int?
    var csat: Int?
    /// A call's wait in seconds.
    var waitSeconds: Int?
    /// A helpdesk line that updates a ticket opened earlier, and the status a ticket line shows.
    var isTicketUpdate = false
    var status: String?
    /// Social post audience.
    var followers: Int?
    /// Free text (survey comment, post text, call notes, ticket description).
    var text = ""
}

/// A ground-truth `planted_alert` or `near_miss` line.
struct PlantedAlert: Sendable {
    let rule: String
    let person: String
    let references: [String]
}

/// Everything in a generated data set, parsed.
struct ParsedData: Sendable {
    let data: GeneratedData
    let records: [RawRecord]
    /// `source:ref` -> person, from the `truth` lines.
    let personOfRecord: [String: String]
    /// Number of `truth` lines (to detect duplicates).
    let truthLineCount: Int
    /// person -> household, from the `person` lines.
    let householdOfPerson: [String: String]
    let planted: [PlantedAlert]
    /// The `near_miss` lines: look-alikes that must not raise their rule.
    let nearMisses: [PlantedAlert]

    init(_ data: GeneratedData) throws {
        self.data = data
        let times = Times()
        var records: [RawRecord] = []
        records += try Self.webRecords(data, times)
        records += try Self.csvRecords(data, "pos.csv", source: "pos", columns: 13) { row in
            var ids = Set<String>()
            if !row[5].isEmpty { ids.insert("loyalty_id:" + row[5]) }
            if let email = Normalize.email(row[6]) { ids.insert("email:" + email) }
            if let phone = Normalize.phone(row[7]) { ids.insert("phone:" + phone) }
            var record = RawRecord(
                source: "pos", ref: row[0], time: try times.till(row[3]), identifiers: ids)
            record.isPurchase = row[4] == "sale"
            record.isReturn = row[4] == "return"
            record.total = Double(row[9])
            return record
        }
        records += try Self.csvRecords(data, "surveys.csv", source: "surveys", columns: 9) { row in
            var ids = Set<String>()
            if let email = Normalize.email(row[3]) { ids.insert("email:" + email) }
            if !row[4].isEmpty { ids.insert("customer_id:" + row[4]) }
            var record = RawRecord(source: "surveys", ref: row[0], time: try times.iso(row[1]), identifiers: ids)
            record.nps = Int(row[5])
            record.csat = Int(row[6])
            record.text = row[8]
            return record
        }
        records += try Self.csvRecords(data, "calls.csv", source: "calls", columns: 13) { row in
            var ids = Set<String>()
            if let phone = Normalize.phone(row[3]) { ids.insert("phone:" + phone) }
            if !row[4].isEmpty { ids.insert("customer_id:" + row[4]) }
            var record = RawRecord(source: "calls", ref: row[0], time: try times.iso(row[1]), identifiers: ids)
            record.isSupportContact = true
            record.waitSeconds = Int(row[7])
            record.text = row[10]
            return record
        }
        for line in data.lines("tickets.ndjson") {
            let object = try JSON.object(line)
            let requester = object["requester"] as? [String: Any] ?? [:]
            var ids = Set<String>()
            if let email = Normalize.email(requester["email"] as? String ?? "") { ids.insert("email:" + email) }
            // A ticket's later update is its own record, `T-…:<updated_at>`, at the update's time.
            let created = try JSON.string(object, "created_at")
            let updated = try JSON.string(object, "updated_at")
            let ticket = try JSON.string(object, "ticket_id")
            var record = RawRecord(
                source: "tickets", ref: updated == created ? ticket : ticket + ":" + updated,
                time: try times.iso(updated), identifiers: ids)
            record.isSupportContact = updated == created
            record.isTicketUpdate = updated != created
            record.status = object["status"] as? String
            record.text = object["description"] as? String ?? ""
            records.append(record)
        }
        for line in data.lines("social.ndjson") {
            let object = try JSON.object(line)
            let platform = try JSON.string(object, "platform")
            let handle = try JSON.string(object, "handle").lowercased().drop { $0 == "@" }
            var record = RawRecord(
                source: "social", ref: try JSON.string(object, "post_id"),
                time: try times.iso(try JSON.string(object, "created_at")),
                identifiers: ["social:\(platform):\(handle)"])
            record.followers = object["followers"] as? Int
            record.text = object["text"] as? String ?? ""
            records.append(record)
        }
        for line in data.lines("segment.ndjson") {
            let object = try JSON.object(line)
            var ids = Set<String>()
            if let user = object["userId"] as? String { ids.insert("customer_id:" + user) }
            if let anonymous = object["anonymousId"] as? String { ids.insert("anonymous_id:" + anonymous) }
            let context = object["context"] as? [String: Any] ?? [:]
            if let device = (context["device"] as? [String: Any])?["id"] as? String {
                ids.insert("device_id:" + device)
            }
            var traits = context["traits"] as? [String: Any] ?? [:]
            for (key, value) in object["traits"] as? [String: Any] ?? [:] { traits[key] = value }
            if let email = Normalize.email(traits["email"] as? String ?? "") { ids.insert("email:" + email) }
            if let phone = Normalize.phone(traits["phone"] as? String ?? "") { ids.insert("phone:" + phone) }
            for platform in ["twitter", "instagram"] {
                if let handle = traits[platform] as? String {
                    ids.insert("social:\(platform):\(handle.lowercased().drop { $0 == "@" })")
                }
            }
            var record = RawRecord(
                source: "segment", ref: try JSON.string(object, "messageId"),
                time: try times.iso(try JSON.string(object, "timestamp")), identifiers: ids)
            record.isPurchase = object["event"] as? String == "Order Completed"
            if record.isPurchase { record.total = (object["properties"] as? [String: Any])?["total"] as? Double }
            records.append(record)
        }
        self.records = records

        var personOfRecord: [String: String] = [:]
        var householdOfPerson: [String: String] = [:]
        var planted: [PlantedAlert] = []
        var nearMisses: [PlantedAlert] = []
        var truthLineCount = 0
        for line in data.lines("ground-truth.ndjson") {
            let object = try JSON.object(line)
            switch object["kind"] as? String {
            case "truth":
                truthLineCount += 1
                let key = try JSON.string(object, "source") + ":" + JSON.string(object, "ref")
                personOfRecord[key] = try JSON.string(object, "person")
            case "person":
                householdOfPerson[try JSON.string(object, "person")] = try JSON.string(object, "household")
            case "planted_alert", "near_miss":
                let references = (object["refs"] as? [[String: Any]] ?? []).map {
                    "\($0["source"] as? String ?? ""):\($0["ref"] as? String ?? "")"
                }
                let alert = PlantedAlert(
                    rule: try JSON.string(object, "rule"), person: try JSON.string(object, "person"),
                    references: references)
                if object["kind"] as? String == "near_miss" {
                    nearMisses.append(alert)
                } else {
                    planted.append(alert)
                }
            default:
                throw JSON.Failure(text: String(line))
            }
        }
        self.personOfRecord = personOfRecord
        self.householdOfPerson = householdOfPerson
        self.planted = planted
        self.nearMisses = nearMisses
        self.truthLineCount = truthLineCount
    }

    /// The ground-truth person of a record.
    func person(_ record: RawRecord) -> String { personOfRecord[record.source + ":" + record.ref] ?? "?" }

    /// The household of a record's person.
    func household(_ record: RawRecord) -> String { householdOfPerson[person(record)] ?? "?" }

    // MARK: - Per-file parsing

    private static func webRecords(_ data: GeneratedData, _ times: Times) throws -> [RawRecord] {
        let pattern = try NSRegularExpression(
            pattern: #"^(\S+) - (\S+) \[([^\]]+)\] "GET (\S+) HTTP/1\.1" (\d{3}) (\d+) "([^"]*)" "([^"]*)"$"#)
        var records: [RawRecord] = []
        for (index, line) in data.text("web.log").split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().enumerated()
        {
            let text = String(line)
            let range = NSRange(text.startIndex..., in: text)
            guard let match = pattern.firstMatch(in: text, range: range) else { throw JSON.Failure(text: text) }
            func group(_ number: Int) -> String { String(text[Range(match.range(at: number), in: text)!]) }
            let user = group(2)
            var record = RawRecord(
                source: "web", ref: String(index + 1), time: try times.apache(group(3)),
                identifiers: user == "-" ? [] : ["customer_id:" + user])
            record.isPurchase = group(4).hasPrefix("/checkout/complete") && group(5) == "200"
            records.append(record)
        }
        return records
    }

    private static func csvRecords(
        _ data: GeneratedData, _ name: String, source: String, columns: Int, _ make: ([String]) throws -> RawRecord
    ) throws -> [RawRecord] {
        let rows = try CSVReader.rows(data.text(name))
        var records: [RawRecord] = []
        for row in rows.dropFirst() {
            guard row.count == columns else { throw CSVReader.MalformedCSV(line: 0, problem: "\(name): \(row)") }
            records.append(try make(row))
        }
        return records
    }
}

/// Identifier normalization as the brief defines it for identity resolution.
enum Normalize {
    /// Trimmed and lower-cased; nil when empty.
    static func email(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        return value.isEmpty ? nil : value
    }

    /// E.164 with default country +1; nil when there are no digits.
    static func phone(_ text: String) -> String? {
        var digits = text.filter(\.isNumber)
        if digits.isEmpty { return nil }
        if digits.count == 10 { digits = "1" + digits }
        return "+" + digits
    }
}

/// Timestamp parsing with Foundation, independent of the generator. One instance per parse: formatters are
/// expensive to create and not safe to share between threads.
final class Times {
    struct Unparsable: Error { let text: String }

    private let isoSeconds = Times.formatter("yyyy-MM-dd'T'HH:mm:ssXXXXX")
    private let isoMilliseconds = Times.formatter("yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX")
    private let apacheFormat = Times.formatter("dd/MMM/yyyy:HH:mm:ss Z")
    private let tillFormat = Times.formatter("yyyy-MM-dd HH:mm:ssXXXXX")

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    private func parse(_ text: String, _ formatter: DateFormatter) throws -> Double {
        guard let date = formatter.date(from: text) else { throw Unparsable(text: text) }
        return date.timeIntervalSince1970
    }

    func iso(_ text: String) throws -> Double { try parse(text, text.contains(".") ? isoMilliseconds : isoSeconds) }
    func apache(_ text: String) throws -> Double { try parse(text, apacheFormat) }
    func till(_ text: String) throws -> Double { try parse(text, tillFormat) }
}

/// JSON access helpers.
enum JSON {
    struct Failure: Error { let text: String }

    static func object(_ line: Substring) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure(text: String(line))
        }
        return object
    }

    static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String else { throw Failure(text: "\(key) in \(object)") }
        return value
    }
}
