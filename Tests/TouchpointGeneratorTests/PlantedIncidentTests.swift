import Testing
import TouchpointGenerator

/// The planted incidents: how many, who, and that their records really make the rule fire and link together.
@Suite struct PlantedIncidentTests {
    @Test(arguments: [(0, 0, 0, 0), (19, 0, 0, 0), (20, 1, 1, 1), (52, 2, 2, 1), (100, 2, 2, 1), (1_200, 24, 24, 12)])
    func plantedCountsFollowTheRates(people: Int, detractors: Int, repeats: Int, single: Int) {
        #expect(AlertRule.plantedCount(.detractorAfterPurchase, people: people) == detractors)
        #expect(AlertRule.plantedCount(.repeatContact, people: people) == repeats)
        for rule in [
            AlertRule.negativeSocialHighReach, .highValueExperienceDrop, .callWaitMissedTwice, .churnRiskRising,
            .complaintUnresolved,
        ] {
            #expect(AlertRule.plantedCount(rule, people: people) == single, "\(rule)")
        }
    }

    @Test(arguments: [(49, 0), (50, 1), (52, 1), (101, 2), (1_200, 12)])
    func nearMissCountsFollowTheRate(people: Int, count: Int) {
        for rule in AlertRule.allCases { #expect(AlertRule.nearMissCount(rule, people: people) == count) }
    }

    /// The marks of `SupportCatalog.repeatedDescriptions` and `repeatedCallNotes`, each a phrase of score's
    /// `repeated_information` list.
    static func saysItRepeatsItself(_ text: String) -> Bool {
        [
            "give my details again", "start from scratch", "Nobody reads the notes", "repeat the whole story",
            "each agent asks the same questions",
        ].contains { text.contains($0) }
    }

    @Test func onlyTheThirdContactOfARepeatBurstSaysItRepeatsItself() throws {
        let parsed = try Fixtures.medium.get()
        let saying = parsed.records.filter { $0.isSupportContact && Self.saysItRepeatsItself($0.text) }
        #expect(saying.count == parsed.planted.filter { $0.rule == "repeat-contact" }.count)
    }

    @Test func theDataSetPlantsTheStatedCountsInDistinctHouseholds() throws {
        let parsed = try Fixtures.medium.get()
        let rules = parsed.planted.map(\.rule)
        #expect(rules.filter { $0 == "detractor-after-purchase" }.count == 24)
        #expect(rules.filter { $0 == "repeat-contact" }.count == 24)
        for rule in [
            "negative-social-high-reach", "high-value-experience-drop", "call-wait-missed-twice", "churn-risk-rising",
            "complaint-unresolved",
        ] {
            #expect(rules.filter { $0 == rule }.count == 12, "\(rule)")
        }
        #expect(parsed.nearMisses.count == 7 * 12)
        #expect(Set(parsed.nearMisses.map(\.rule)) == Set(rules))
        let people = (parsed.planted + parsed.nearMisses).map(\.person)
        #expect(Set(people).count == people.count, "each incident and near-miss involves a distinct person")
        let households = people.compactMap { parsed.householdOfPerson[$0] }
        #expect(Set(households).count == people.count)
    }

    @Test func plantedRecordsBelongToThePlantedPersonAndHaveTheRuleShape() throws {
        let parsed = try Fixtures.medium.get()
        for alert in parsed.planted {
            let records = try records(of: alert, in: parsed)
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
                // By the third contact the customer says they had to give it all again; not before.
                #expect(records.map { Self.saysItRepeatsItself($0.text) } == [false, false, true], "\(alert)")
            case "negative-social-high-reach":
                #expect(records.count == 1)
                #expect(records[0].source == "social" && (records[0].followers ?? 0) >= 10_000)
                #expect(RuleSimulator.isNegative(records[0].text))
            case "high-value-experience-drop":
                // Bought for 1,000 or more, net of the return; the return is the only experience (-25).
                #expect(records.count == 4 && records.last?.isReturn == true, "\(alert)")
                #expect(records.compactMap(\.total).reduce(0, +) >= 1_000, "\(alert)")
            case "call-wait-missed-twice":
                #expect(records.map(\.source) == ["calls", "calls"])
                #expect(records.allSatisfy { ($0.waitSeconds ?? 0) > 300 }, "\(alert)")
            case "complaint-unresolved":
                // Opened, then solved 56–90 hours later, or not at all when that is after the period.
                let ticket = try #require(records.first)
                #expect(ticket.isSupportContact && (ticket.status == "open" || ticket.status == "new"))
                #expect(records.count <= 2)
                if records.count == 2 {
                    #expect(records[1].isTicketUpdate && records[1].status == "solved")
                    #expect(records[1].time - ticket.time > 48 * RuleSimulator.hour)
                }
            default:
                #expect(alert.rule == "churn-risk-rising")
                let survey = try #require(records.last)
                #expect(survey.source == "surveys" && survey.nps == 0 && survey.csat == 1, "\(alert)")
                for purchase in records.dropLast() {
                    #expect(survey.time - purchase.time > 7 * RuleSimulator.day, "no detractor-after-purchase")
                }
            }
        }
    }

    @Test func nearMissesStayJustShortOfTheirRule() throws {
        let parsed = try Fixtures.medium.get()
        for nearMiss in parsed.nearMisses {
            let records = try records(of: nearMiss, in: parsed)
            switch nearMiss.rule {
            case "detractor-after-purchase":
                #expect(records.count == 2 && records[0].isPurchase)
                #expect(records[1].nps == 7, "a passive, one point above a detractor")
                #expect(records[1].time - records[0].time <= 48 * RuleSimulator.hour)
            case "repeat-contact":
                #expect(records.count == 2 && records.allSatisfy { $0.isSupportContact }, "two contacts, not three")
            case "negative-social-high-reach":
                #expect(records.count == 1 && RuleSimulator.isNegative(records[0].text))
                #expect((8_000..<10_000).contains(records[0].followers ?? 0), "\(nearMiss)")
            case "high-value-experience-drop":
                #expect(records.last?.isReturn == true)
                #expect(records.compactMap(\.total).filter { $0 > 0 }.reduce(0, +) < 1_000, "not high value")
            case "call-wait-missed-twice":
                #expect(records.count == 2 && records.allSatisfy { $0.source == "calls" })
                #expect((records.first?.waitSeconds ?? 0) > 300)
                #expect((250...300).contains(records.last?.waitSeconds ?? 0), "just inside the expectation")
            case "complaint-unresolved":
                #expect(records.count == 2 && records[1].isTicketUpdate && records[1].status == "solved")
                let hours = (records[1].time - records[0].time) / RuleSimulator.hour
                #expect(hours >= 40 && hours < 48, "solved just inside 48 hours: \(hours)")
            default:
                #expect(nearMiss.rule == "churn-risk-rising")
                #expect(records.last?.nps == 4 && records.last?.csat == 2, "a mild detractor")
            }
        }
    }

    /// The records of a planted incident or near-miss, which must all be the planted person's.
    private func records(of alert: PlantedAlert, in parsed: ParsedData) throws -> [RawRecord] {
        let recordsByReference = Dictionary(uniqueKeysWithValues: parsed.records.map { ($0.source + ":" + $0.ref, $0) })
        let records = try alert.references.map { try #require(recordsByReference[$0], "\($0)") }
        #expect(records.allSatisfy { parsed.person($0) == alert.person }, "\(alert)")
        return records
    }

    @Test func plantedRecordsAreLinkedByExactIdentifiers() throws {
        let parsed = try Fixtures.medium.get()
        let components = IdentityComponents(parsed.records)
        var componentOfReference: [String: Int] = [:]
        for (index, record) in parsed.records.enumerated() {
            componentOfReference[record.source + ":" + record.ref] = components.componentOfRecord[index]
        }
        for alert in parsed.planted + parsed.nearMisses {
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
        #expect(parsed.planted.map(\.rule).sorted() == AlertRule.allCases.map(\.identifier).sorted())
        #expect(parsed.nearMisses.isEmpty)
        let alerts = RuleSimulator.evaluate(parsed.records) { parsed.household($0) }
        #expect(alerts.detractorSurveys.count == 1)
        #expect(alerts.contactWindows.count == 1)
        #expect(alerts.negativePosts.count == 1)
        let tiny = try GeneratedData(people: 19, seed: 3)
        #expect(tiny.summary.incidents.isEmpty)
    }
}
