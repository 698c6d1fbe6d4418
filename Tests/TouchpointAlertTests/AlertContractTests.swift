import Testing
import TouchpointAlert
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// docs/CONTRACT.md §7 "Alerts" and the alerts alert writes must describe the same record.
@Suite struct AlertContractTests {
    @Test func documentedFieldsAreTheCodesFieldsInWireOrder() throws {
        #expect(try ContractSchema().fieldsByKind["alert"]?.map(\.name) == AlertRecord.fieldNames)
    }

    @Test func everyKindOfAlertMatchesTheTable() throws {
        let schema = try ContractSchema()
        let customer: JSONValue = ["tier": "high", "churn_risk": .double(0.4)!, "events": 3]
        let incidents = alert(
            [
                purchase("p", hours: 0),
                event("s", hours: 1, type: "survey_response", metrics: ["nps": 2], customer: customer),
                post("social:1", followers: 48_200, label: "negative"), ticket("z:1", hours: 2, entity: "z:1"),
            ]
                + (0..<12).map {
                    aggregate(
                        hours: Double($0 + 1), group: ["channel": "social"], flags: ["anomaly"], figures: sentimentDrop)
                })
        let alerts = incidents.alerts
        #expect(
            Set(alerts.map { $0["rule"]!.stringValue! }) == [
                "detractor-after-purchase", "negative-social-high-reach", "complaint-unresolved", "brand-anomaly",
            ])
        #expect(alerts.contains { $0["storm"] != nil } && alerts.contains { $0["customer"]?["journey"] != nil })
        for alert in alerts {
            #expect(
                schema.violations(of: alert, kind: "alert").isEmpty, "\(schema.violations(of: alert, kind: "alert"))")
        }
    }
}
