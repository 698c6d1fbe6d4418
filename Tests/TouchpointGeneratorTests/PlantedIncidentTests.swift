import Testing
import TouchpointGenerator

/// The planted incidents: how many, who, and that their records really make the rule fire and link together.
@Suite struct PlantedIncidentTests {
    @Test(arguments: [(0, 0, 0, 0), (19, 0, 0, 0), (20, 1, 1, 1), (52, 2, 2, 1), (100, 2, 2, 1), (1_200, 24, 24, 12)])
    func plantedCountsFollowTheRates(people: Int, detractors: Int, repeats: Int, social: Int) {
        #expect(AlertRule.plantedCount(.detractorAfterPurchase, people: people) == detractors)
        #expect(AlertRule.plantedCount(.repeatContact, people: people) == repeats)
        #expect(AlertRule.plantedCount(.negativeSocialHighReach, people: people) == social)
    }

    @Test func theDataSetPlantsTheStatedCountsInDistinctHouseholds() throws {
        let parsed = try Fixtures.medium.get()
        let rules = parsed.planted.map(\.rule)
        #expect(rules.filter { $0 == "detractor-after-purchase" }.count == 24)
        #expect(rules.filter { $0 == "repeat-contact" }.count == 24)
        #expect(rules.filter { $0 == "negative-social-high-reach" }.count == 12)
        let people = parsed.planted.map(\.person)
        #expect(Set(people).count == people.count, "each incident involves a distinct person")
        let households = people.compactMap { parsed.householdOfPerson[$0] }
        #expect(Set(households).count == people.count)
    }

    @Test func plantedRecordsBelongToThePlantedPersonAndHaveTheRuleShape() throws {
        let parsed = try Fixtures.medium.get()
        let recordsByReference = Dictionary(uniqueKeysWithValues: parsed.records.map { ($0.source + ":" + $0.ref, $0) })
        for alert in parsed.planted {
            let records = try alert.references.map { try #require(recordsByReference[$0], "\($0)") }
            #expect(records.allSatisfy { parsed.person($0) == alert.person }, "\(alert)")
            switch alert.rule {
            case "detractor-after-purchase":
                #expect(records.count == 2)
                #expect(records[0].isPurchase)
                #expect(records[1].source == "surveys" && (records[1].nps ?? 10) <= 6)
                let gap = records[1].time - records[0].time
                #expect(gap > 0 && gap <= 48 * RuleSimulator.hour, "\(alert)")
                #expect(RuleSimulator.isNegative(records[1].text))
            case "repeat-contact":
                #expect(records.count == 3)
                #expect(records.allSatisfy { $0.isSupportContact })
                #expect(records[2].time - records[0].time < 168 * RuleSimulator.hour)
            default:
                #expect(records.count == 1)
                #expect(records[0].source == "social" && (records[0].followers ?? 0) >= 10_000)
                #expect(RuleSimulator.isNegative(records[0].text))
            }
        }
    }

    @Test func plantedRecordsAreLinkedByExactIdentifiers() throws {
        let parsed = try Fixtures.medium.get()
        let components = IdentityComponents(parsed.records)
        var componentOfReference: [String: Int] = [:]
        for (index, record) in parsed.records.enumerated() {
            componentOfReference[record.source + ":" + record.ref] = components.componentOfRecord[index]
        }
        for alert in parsed.planted {
            let linked = Set(alert.references.compactMap { componentOfReference[$0] })
            #expect(linked.count == 1, "\(alert) spans \(linked.count) identity components")
        }
    }

    @Test func theVariantsLinkThroughDifferentChannels() throws {
        let parsed = try Fixtures.medium.get()
        let sources = Set(parsed.planted.flatMap { $0.references.map { String($0.prefix { $0 != ":" }) } })
        #expect(sources == ["pos", "segment", "web", "surveys", "tickets", "calls", "social"])
    }

    @Test func smallPopulationsStillGetOneIncidentOfEachRule() throws {
        let parsed = try ParsedData(GeneratedData(people: 20, seed: 3, days: 7))
        #expect(
            parsed.planted.map(\.rule).sorted() == [
                "detractor-after-purchase", "negative-social-high-reach", "repeat-contact",
            ])
        let alerts = RuleSimulator.evaluate(parsed.records) { parsed.household($0) }
        #expect(alerts.detractorSurveys.count == 1)
        #expect(alerts.contactWindows.count == 1)
        #expect(alerts.negativePosts.count == 1)
        let tiny = try GeneratedData(people: 19, seed: 3)
        #expect(tiny.summary.incidents.isEmpty)
    }
}
