import Testing
import TouchpointAlert
import TouchpointJSON

@Suite struct ExpressionTests {
    static let record = #"""
        {"kind":"event","id":"e1","type":"survey_response","channel":"survey","entity":"t:1","text":"Late \"again\", sorry",
        "metrics":{"nps":3,"amount":"129.90","followers":48200},"score":{"sentiment_label":"negative"},
        "customer":{"tier":"high","churn_risk":0.72,"missed_in_a_row":{"call_wait":2}},"flags":["anomaly","thin"],
        "profile":null}
        """#.split(separator: "\n").joined()

    static func holds(_ source: String) throws -> Bool {
        let expression = try Expression(parsing: source)
        let bytes = Array(record.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser()
            let document = try parser.parse(buffer)
            return expression.holds(in: RecordView(document))
        }
    }

    @Test(arguments: [
        ("type == 'survey_response'", true), ("type != 'survey_response'", false),
        ("type == \"survey_response\"", true),
        ("metrics.nps <= 6 and metrics.nps >= 0", true), ("metrics.nps > 6 or channel == 'web'", false),
        ("not metrics.nps > 6", true), ("metrics.missing > 1", false), ("metrics.missing != 1", false),
        ("not exists(metrics.missing)", true), ("exists(customer.tier)", true), ("exists(profile)", false),
        ("metrics.missing == null", true), ("profile == null", true), ("customer.tier != null", true),
        ("metrics.amount > 100", true), ("metrics.amount == 129.9", true), ("metrics.amount * 2 - 9.8 == 250", true),
        ("metrics.followers / 1000 >= 48.2", true), ("metrics.nps % 2 == 1", true), ("-metrics.nps < -2", true),
        ("(metrics.nps + 1) * 2 == 8", true), ("metrics.nps + 1 * 2 == 5", true), ("metrics.nps / 0 == 1", false),
        ("score.sentiment_label in ['negative', 'very_negative']", true), ("type in ['call']", false),
        ("flags contains 'anomaly'", true), ("flags contains 'spike'", false), ("'thin' in flags", true),
        ("text contains 'again'", true), ("text contains 'Late \"again\"'", true), ("text contains 'never'", false),
        ("customer.missed_in_a_row.call_wait == 2", true), ("customer.churn_risk > 0.7", true),
        ("kind == 'event' and (type == 'call' or metrics.nps < 5)", true), ("entity == 't:1'", true),
        ("true", true), ("false or null", false), ("customer.tier", true), ("metrics.missing", false),
    ])
    func evaluates(source: String, expected: Bool) throws {
        #expect(try Self.holds(source) == expected, "\(source)")
    }

    @Test(arguments: [
        ("type = 'x'", "at character 6: \"=\" is not an operator; compare with \"==\""),
        ("metrics.nps >", "at character 14: expected a value, a field or \"(\", found end of the expression"),
        ("(type == 'x'", "at character 13: expected \")\" to close \"(\", found end of the expression"),
        ("type == 'x", "at character 9: text starting here is not closed"),
        ("type == 'x' type", "at character 13: unexpected \"type\" after a complete expression"),
        ("metrics. == 1", "at character 10: expected a field name after \".\", found \"==\""),
        ("type # 1", "at character 6: unexpected character \"#\""),
        ("exists(1)", "at character 8: exists(…) takes a field path"),
    ])
    func reportsWhereAndWhatIsWrong(source: String, message: String) {
        #expect(throws: ExpressionError.self) { try Expression(parsing: source) }
        do {
            _ = try Expression(parsing: source)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func pathsAreListedForTheFieldCheck() throws {
        let expression = try Expression(parsing: "metric.nps > 1 and exists(customer.tier) or kind in [type]")
        #expect(expression.paths == [["metric", "nps"], ["customer", "tier"], ["kind"], ["type"]])
    }
}
