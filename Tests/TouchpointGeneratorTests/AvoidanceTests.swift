import Testing
import TouchpointGenerator

/// Nothing but the planted incidents may fire, even if identity resolution merged whole households.
@Suite struct AvoidanceTests {
    static let day = RuleSimulator.day

    @Test func unplantedDetractorsAreMoreThanSevenDaysFromAnyHouseholdPurchase() throws {
        let parsed = try Fixtures.medium.get()
        let plantedSurveys = Set(parsed.planted.flatMap(\.references).filter { $0.hasPrefix("surveys:") })
        var purchasesOfHousehold: [String: [Double]] = [:]
        for record in parsed.records where record.isPurchase {
            purchasesOfHousehold[parsed.household(record), default: []].append(record.time)
        }
        var detractors = 0
        for survey in parsed.records where survey.source == "surveys" && (survey.nps ?? 10) <= 6 {
            guard !plantedSurveys.contains("surveys:" + survey.ref) else { continue }
            detractors += 1
            for purchase in purchasesOfHousehold[parsed.household(survey)] ?? [] {
                #expect(abs(survey.time - purchase) > 7 * Self.day, "surveys:\(survey.ref)")
            }
        }
        #expect(detractors > 0, "the data set has unplanted detractors to check")
    }

    @Test func householdsHaveAtMostOneUnplantedSupportContactInTenDays() throws {
        let parsed = try Fixtures.medium.get()
        var incidentOfReference: [String: Int] = [:]
        for (index, alert) in (parsed.planted + parsed.nearMisses).enumerated() {
            for reference in alert.references { incidentOfReference[reference] = index }
        }
        var contactsOfHousehold: [String: [RawRecord]] = [:]
        for record in parsed.records where record.isSupportContact {
            contactsOfHousehold[parsed.household(record), default: []].append(record)
        }
        for contacts in contactsOfHousehold.values {
            let sorted = contacts.sorted { $0.time < $1.time }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                let earlierIncident = incidentOfReference[earlier.source + ":" + earlier.ref]
                let laterIncident = incidentOfReference[later.source + ":" + later.ref]
                if earlierIncident != nil && earlierIncident == laterIncident { continue }
                #expect(later.time - earlier.time >= 10 * Self.day, "\(earlier.ref) and \(later.ref)")
            }
        }
    }

    @Test func householdsBuyForLessThanTheHighTierUnlessPlantedHighValue() throws {
        let parsed = try Fixtures.medium.get()
        let highValue = Set(
            parsed.planted.filter { $0.rule == "high-value-experience-drop" }.compactMap {
                parsed.householdOfPerson[$0.person]
            })
        var spentByHousehold: [String: Double] = [:]
        for record in parsed.records where record.isPurchase {
            spentByHousehold[parsed.household(record), default: 0] += record.total ?? 0
        }
        #expect(spentByHousehold.values.contains { $0 > 500 }, "some households buy a lot")
        for (household, spent) in spentByHousehold where !highValue.contains(household) {
            #expect(spent < 1_000, "\(household) bought for \(spent)")
        }
    }

    @Test func unplantedTicketsAreSolvedWithin48HoursInsideThePeriod() throws {
        let parsed = try Fixtures.medium.get()
        let complaints = Set(
            parsed.planted.filter { $0.rule == "complaint-unresolved" }.flatMap(\.references))
        var solvedAt: [String: Double] = [:]
        for update in parsed.records where update.isTicketUpdate && update.status == "solved" {
            solvedAt[String(update.ref.prefix { $0 != ":" })] = update.time
        }
        var tickets = 0
        for ticket in parsed.records where ticket.source == "tickets" && ticket.isSupportContact {
            guard !complaints.contains("tickets:" + ticket.ref) else { continue }
            tickets += 1
            let solved = try #require(solvedAt[ticket.ref], "tickets:\(ticket.ref) is never solved")
            #expect(solved > ticket.time && solved - ticket.time < 48 * RuleSimulator.hour, "tickets:\(ticket.ref)")
        }
        #expect(tickets > 100)
    }

    @Test func unplantedCallsMeetTheWaitExpectation() throws {
        let parsed = try Fixtures.medium.get()
        let planted = Set((parsed.planted + parsed.nearMisses).flatMap(\.references))
        let calls = parsed.records.filter { $0.source == "calls" && !planted.contains("calls:" + $0.ref) }
        #expect(calls.count > 20)
        for call in calls { #expect((call.waitSeconds ?? 999) <= 300, "calls:\(call.ref)") }
    }

    /// In score's churn model a detractor adds 1.5 and each contact in the week 0.6: an unplanted detractor is mild
    /// (NPS 5–6) and its household's only negative answer or post, in a household without support contacts.
    @Test func unplantedDetractorsAreMildAndAlone() throws {
        let parsed = try Fixtures.medium.get()
        let planted = Set((parsed.planted + parsed.nearMisses).flatMap(\.references))
        var negativeOfHousehold: [String: Int] = [:]
        var contactsOfHousehold: [String: Int] = [:]
        for record in parsed.records {
            if (record.nps ?? 10) <= 6 || (record.source == "social" && RuleSimulator.isNegative(record.text)) {
                negativeOfHousehold[parsed.household(record), default: 0] += 1
            }
            if record.isSupportContact { contactsOfHousehold[parsed.household(record), default: 0] += 1 }
        }
        var detractors = 0
        for survey in parsed.records where (survey.nps ?? 10) <= 6 && !planted.contains("surveys:" + survey.ref) {
            detractors += 1
            let household = parsed.household(survey)
            #expect((survey.nps ?? 0) >= 5, "surveys:\(survey.ref)")
            #expect(negativeOfHousehold[household] == 1, "surveys:\(survey.ref)")
            #expect(contactsOfHousehold[household] == nil, "surveys:\(survey.ref)")
        }
        #expect(detractors > 0)
    }

    @Test func highReachPostsAreNegativeOnlyWhenPlanted() throws {
        let parsed = try Fixtures.medium.get()
        let planted = Set(parsed.planted.flatMap(\.references))
        var negativeLowReach = 0
        for post in parsed.records where post.source == "social" && !planted.contains("social:" + post.ref) {
            if (post.followers ?? 0) >= 10_000 {
                #expect(!RuleSimulator.isNegative(post.text), "social:\(post.ref): \(post.text)")
            } else if RuleSimulator.isNegative(post.text) {
                negativeLowReach += 1
            }
        }
        #expect(negativeLowReach > 0, "negative posts exist, all below 10,000 followers")
    }

    @Test func onlyThePlantedAlertsFirePerPersonPerHouseholdAndPerIdentityComponent() throws {
        let parsed = try Fixtures.medium.get()
        let components = IdentityComponents(parsed.records)
        var componentOfReference: [String: Int] = [:]
        for (index, record) in parsed.records.enumerated() {
            componentOfReference[record.source + ":" + record.ref] = components.componentOfRecord[index]
        }
        let groupings: [(String, (RawRecord) -> String)] = [
            ("person", { parsed.person($0) }),
            ("household", { parsed.household($0) }),
            ("identity component", { "\(componentOfReference[$0.source + ":" + $0.ref] ?? -1)" }),
        ]
        let plantedSurveys = Set(
            parsed.planted.filter { $0.rule == "detractor-after-purchase" }.flatMap(\.references)
                .filter { $0.hasPrefix("surveys:") })
        let plantedWindows = Set(parsed.planted.filter { $0.rule == "repeat-contact" }.map { Set($0.references) })
        let plantedPosts = Set(parsed.planted.filter { $0.rule == "negative-social-high-reach" }.flatMap(\.references))
        for (name, grouping) in groupings {
            let alerts = RuleSimulator.evaluate(parsed.records, groupedBy: grouping)
            #expect(alerts.detractorSurveys == plantedSurveys, "grouped by \(name)")
            #expect(alerts.contactWindows == plantedWindows, "grouped by \(name)")
            #expect(alerts.negativePosts == plantedPosts, "grouped by \(name)")
        }
    }

    @Test func noIdentifierIsSharedBetweenHouseholds() throws {
        let parsed = try Fixtures.medium.get()
        var householdOfIdentifier: [String: String] = [:]
        var shared: [String] = []
        for record in parsed.records {
            let household = parsed.household(record)
            for identifier in record.identifiers {
                if let other = householdOfIdentifier[identifier], other != household { shared.append(identifier) }
                householdOfIdentifier[identifier] = household
            }
        }
        #expect(shared.isEmpty, "\(shared.prefix(5))")
        #expect(householdOfIdentifier.keys.contains { $0.hasPrefix("device_id:") })
    }

    @Test func householdsDoSharePhonesAndTablets() throws {
        let parsed = try Fixtures.medium.get()
        var peopleOfIdentifier: [String: Set<String>] = [:]
        for record in parsed.records {
            for identifier in record.identifiers
            where identifier.hasPrefix("phone:") || identifier.hasPrefix("device_id:") {
                peopleOfIdentifier[identifier, default: []].insert(parsed.person(record))
            }
        }
        let sharedPhones = peopleOfIdentifier.filter { $0.key.hasPrefix("phone:") && $0.value.count > 1 }
        let sharedDevices = peopleOfIdentifier.filter { $0.key.hasPrefix("device_id:") && $0.value.count > 1 }
        #expect(!sharedPhones.isEmpty, "family landlines")
        #expect(!sharedDevices.isEmpty, "family tablets")
    }
}
