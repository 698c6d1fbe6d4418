import Testing
import TouchpointGenerator

/// The CSV files parse back with a strict RFC 4180 reader, with the documented columns in every record.
@Suite struct CSVFormatTests {
    static let headers = [
        "pos.csv": "transaction_id,store_id,register,timestamp,type,loyalty_id,customer_email,customer_phone,"
            + "customer_name,total,currency,items,customer_postcode",
        "surveys.csv": "response_id,submitted_at,survey,email,customer_id,nps,csat,ces,comment",
        "calls.csv": "call_id,start_time,end_time,caller_number,customer_id,agent_id,queue,wait_seconds,"
            + "handle_seconds,disposition,notes,caller_name,date_of_birth",
    ]

    @Test(arguments: ["pos.csv", "surveys.csv", "calls.csv"])
    func everyRecordHasTheHeadersColumnCount(file: String) throws {
        let parsed = try Fixtures.medium.get()
        let rows = try CSVReader.rows(parsed.data.text(file))
        let header = try #require(rows.first)
        #expect(header.joined(separator: ",") == Self.headers[file])
        #expect(rows.count > 100)
        for row in rows { #expect(row.count == header.count, "\(row)") }
    }

    @Test func surveyCommentsCarryCommasQuotesAndLineBreaks() throws {
        let parsed = try Fixtures.medium.get()
        let rows = try CSVReader.rows(parsed.data.text("surveys.csv")).dropFirst()
        let comments = rows.map { $0[8] }
        #expect(comments.contains { $0.contains("\n") }, "a comment spanning two physical lines")
        #expect(comments.contains { $0.contains("\"") }, "a comment with a doubled quote")
        #expect(comments.contains { $0.contains(",") })
        #expect(comments.contains { $0.isEmpty })
        #expect(parsed.data.lines("surveys.csv").count > rows.count + 1, "more physical lines than records")
    }

    @Test func tillNamesWithCommasAreQuoted() throws {
        let parsed = try Fixtures.medium.get()
        let rows = try CSVReader.rows(parsed.data.text("pos.csv")).dropFirst()
        #expect(rows.contains { $0[8].contains(", ") }, "a name written as \"Last, First\"")
        #expect(rows.contains { $0[6].hasPrefix(" ") }, "an email with a leading space")
        #expect(rows.allSatisfy { $0[4] == "sale" || $0[4] == "return" })
        #expect(rows.contains { $0[4] == "return" && $0[9].hasPrefix("-") })
    }

    @Test func someTillAndCallRecordsIdentifySomeoneByTraitsAlone() throws {
        let parsed = try Fixtures.medium.get()
        let till = try CSVReader.rows(parsed.data.text("pos.csv")).dropFirst()
        let traitOnlyTill = till.filter { $0[5].isEmpty && $0[6].isEmpty && $0[7].isEmpty && !$0[8].isEmpty }
        #expect(traitOnlyTill.contains { !$0[12].isEmpty }, "a name and postcode with no card, email or phone")
        #expect(till.contains { !$0[5].isEmpty && !$0[12].isEmpty }, "a card holder who gave a postcode too")
        #expect(till.allSatisfy { $0[12].isEmpty || $0[12].allSatisfy(\.isNumber) })
        let calls = try CSVReader.rows(parsed.data.text("calls.csv")).dropFirst()
        #expect(calls.contains { $0[3].isEmpty && $0[4].isEmpty && !$0[11].isEmpty && !$0[12].isEmpty })
        #expect(calls.contains { !$0[4].isEmpty && !$0[11].isEmpty }, "a verified account holder")
        #expect(calls.allSatisfy { $0[11].isEmpty || !$0[5].isEmpty }, "only an agent takes a caller's details")
        let birthDates = calls.map { $0[12] }.filter { !$0.isEmpty }
        #expect(birthDates.contains { $0.contains("-") } && birthDates.contains { !$0.contains("-") })
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        (" padded ", "\" padded \""), ("", ""),
    ])
    func fieldsAreQuotedOnlyWhenNeeded(field: String, expected: String) {
        var bytes: [UInt8] = []
        bytes.appendCSVField(Array(field.utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        var bytes: [UInt8] = []
        bytes.appendJSONString(Array("a\"b\\c\nd\u{1}é☕".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == #""a\"b\\c\nd\u0001é☕""#)
    }
}
