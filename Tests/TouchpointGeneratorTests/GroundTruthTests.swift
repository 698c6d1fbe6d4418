import Testing
import TouchpointGenerator

/// Every raw record has exactly one ground-truth line, and the people lines describe the population.
@Suite struct GroundTruthTests {
    @Test func everyRawRecordHasExactlyOneTruthLine() throws {
        let parsed = try Fixtures.medium.get()
        let references = parsed.records.map { $0.source + ":" + $0.ref }
        #expect(Set(references).count == references.count, "record ids are unique")
        #expect(parsed.truthLineCount == references.count)
        #expect(Set(parsed.personOfRecord.keys) == Set(references))
        #expect(parsed.records.count == parsed.data.summary.records)
    }

    @Test func everyPersonHasOneLineAndEveryTruthNamesAKnownPerson() throws {
        let parsed = try Fixtures.medium.get()
        #expect(parsed.householdOfPerson.count == 1_200)
        #expect(Set(parsed.personOfRecord.values).isSubset(of: Set(parsed.householdOfPerson.keys)))
        let person = try #require(parsed.data.lines("ground-truth.ndjson").first)
        #expect(person.hasPrefix(#"{"kind":"person","person":"P00001","household":"H0001","name":"#))
    }

    @Test func peopleHaveAboutFiftyRecordsEachOnAverage() throws {
        let parsed = try Fixtures.medium.get()
        let perPerson = Double(parsed.records.count) / 1_200
        #expect(perPerson > 40 && perPerson < 60, "\(perPerson)")
        for source in ["web", "pos", "tickets", "surveys", "social", "calls", "segment"] {
            #expect(parsed.records.contains { $0.source == source }, "\(source)")
        }
    }

    @Test(arguments: [
        "web.log", "pos.csv", "tickets.ndjson", "surveys.csv", "social.ndjson", "calls.csv", "segment.ndjson",
    ])
    func everyFileIsInTimeOrder(file: String) throws {
        let parsed = try Fixtures.medium.get()
        let source = String(file.prefix { $0 != "." })
        let times = parsed.records.filter { $0.source == source }.map(\.time)
        #expect(times == times.sorted())
        let period = 1_790_812_800.0  // 2026-10-01T00:00:00Z
        #expect(times.allSatisfy { $0 >= period && $0 < period + 30 * RuleSimulator.day })
    }

    @Test func webLinesAreReferencedByLineNumberAndAnonymousLinesExist() throws {
        let parsed = try Fixtures.medium.get()
        let web = parsed.records.filter { $0.source == "web" }
        #expect(web.first?.ref == "1")
        #expect(web.last?.ref == String(web.count))
        #expect(web.contains { $0.identifiers.isEmpty })
        #expect(web.contains { !$0.identifiers.isEmpty })
    }
}
